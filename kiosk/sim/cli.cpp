#include "kiosk/sim/cli.h"

#include "kiosk/sim/wire.h"

namespace procart_sim {
namespace {

std::optional<int64_t> number(const std::string& text, int64_t lowest, int64_t highest) {
  auto n = parseCount(json(text));
  if (!n || *n < lowest || *n > highest) return std::nullopt;
  return n;
}

}  // namespace

std::string usageText() {
  return "usage: procart-sim [--port N] [--host H] [--menu FILE] [--token T] [--faults SPEC]\n"
         "                   [--state-dir DIR] [--seed N] [--lifecycle SCRIPT] [--close-paid-order true|false]\n"
         "                   [--getmenu-latency] [--callback-attempts N] [--callback-backoff-ms MS] [--verbose]\n"
         "A ProCart API v3 emulator on http://H:N/api/v3 (defaults: 127.0.0.1:11111, token demo-token).\n"
         "  --port N             port to listen on; 0 picks a free one (printed on start)\n"
         "  --menu FILE          menu file (default: the demo menu)\n"
         "  --faults SPEC        e.g. validate.http500=0.2,postorder.drop_after=#1,callback.lose=0.5,seed=7\n"
         "  --state-dir DIR      keep orders in DIR/orders.json across restarts (default: memory only)\n"
         "  --lifecycle SCRIPT   e.g. new>open@1000,open>bill@5000,bill>close@10000 (\"\" = none)\n"
         "  --close-paid-order   false: paid orders wait in open/bill until /close\n"
         "  --getmenu-latency    /getmenu takes 0.5-2 s, like a large real menu\n"
         "See docs/EMULATOR.md.\n";
}

kiosk::Expected<CommandLine, std::string> parseCommandLine(const std::vector<std::string>& args,
                                                           const std::string& default_menu) {
  CommandLine out;
  out.options.menu_file = default_menu;
  for (size_t i = 0; i < args.size(); ++i) {
    std::string name = args[i];
    std::optional<std::string> inline_value;
    if (auto eq = name.find('='); name.rfind("--", 0) == 0 && eq != std::string::npos) {
      inline_value = name.substr(eq + 1);
      name = name.substr(0, eq);
    }
    auto value = [&]() -> std::optional<std::string> {
      if (inline_value) return inline_value;
      if (i + 1 >= args.size()) return std::nullopt;
      return args[++i];
    };
    auto need = [&](std::optional<std::string> v) -> kiosk::Expected<std::string, std::string> {
      if (!v) return kiosk::Unexpected{name + " needs a value"};
      return *v;
    };
    if (name == "--help" || name == "-h") {
      out.help = true;
    } else if (name == "--verbose" || name == "-v") {
      out.verbose = true;
    } else if (name == "--getmenu-latency") {
      out.options.getmenu_latency = true;
    } else if (name == "--port") {
      auto v = need(value());
      if (!v) return kiosk::Unexpected{v.error()};
      auto port = number(*v, 0, 65535);
      if (!port) return kiosk::Unexpected{"--port must be 0..65535"};
      out.port = static_cast<int>(*port);
    } else if (name == "--seed") {
      auto v = need(value());
      if (!v) return kiosk::Unexpected{v.error()};
      auto seed = number(*v, 0, 999'999'999);
      if (!seed) return kiosk::Unexpected{"--seed must be a whole number below 10^9"};
      out.options.seed = static_cast<uint64_t>(*seed);
    } else if (name == "--callback-attempts" || name == "--callback-backoff-ms") {
      auto v = need(value());
      if (!v) return kiosk::Unexpected{v.error()};
      auto n = number(*v, name == "--callback-attempts" ? 1 : 0, name == "--callback-attempts" ? 20 : 60'000);
      if (!n) return kiosk::Unexpected{name + ": out of range"};
      (name == "--callback-attempts" ? out.options.callback_attempts : out.options.callback_backoff_ms) =
          static_cast<int>(*n);
    } else if (name == "--close-paid-order") {
      auto v = need(value());
      if (!v) return kiosk::Unexpected{v.error()};
      if (*v != "true" && *v != "false") return kiosk::Unexpected{"--close-paid-order must be true or false"};
      out.options.close_paid_order = *v == "true";
    } else if (name == "--host" || name == "--menu" || name == "--token" || name == "--faults" ||
               name == "--state-dir" || name == "--lifecycle") {
      auto v = need(value());
      if (!v) return kiosk::Unexpected{v.error()};
      if (name == "--host") out.host = *v;
      if (name == "--menu") out.options.menu_file = *v;
      if (name == "--token") out.options.token = *v;
      if (name == "--faults") out.options.faults = *v;
      if (name == "--state-dir") out.options.state_dir = *v;
      if (name == "--lifecycle") out.options.lifecycle = *v;
    } else {
      return kiosk::Unexpected{"unknown option " + name + " (see --help)"};
    }
  }
  return out;
}

}  // namespace procart_sim
