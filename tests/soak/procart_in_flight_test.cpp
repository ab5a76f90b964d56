// What the soak relies on at the ProCart adapter: a /postorder that got no HTTP answer is reported as possibly still
// running at ProCart (PostOutcome::maybe_in_flight), one that got any answer is not — against the real emulator.
#include <catch2/catch.hpp>
#include <filesystem>

#include "kiosk/procart/client.h"
#include "kiosk/procart/order_gateway_adapter.h"
#include "kiosk/sim/emulator.h"

namespace {

struct Posted {
  payment::PostOutcome::Kind kind;
  bool maybe_in_flight;
  size_t orders_after;
};

Posted postWithFault(const std::string& spec) {
  procart_sim::Options options;
  options.menu_file = std::string(KIOSK_ASSETS_DIR) + "/demo/menu.json";
  options.token = "soak-token";
  options.lifecycle = "";
  options.faults = spec;
  procart_sim::Emulator emulator(options);
  REQUIRE(emulator.start("127.0.0.1", 0) > 0);
  kiosk::procart::ClientOptions client_options;
  client_options.base_url = emulator.baseUrl();
  client_options.token = "soak-token";
  client_options.timeouts.postorder = std::chrono::milliseconds(1500);
  kiosk::procart::ProcartClient client(client_options);
  kiosk::procart::ProcartOrderGateway gateway(client, "");
  kiosk::OrderDraft draft;
  draft.external_id = "SOAK-T-1";
  draft.short_comment = "soak";
  draft.lines.push_back(kiosk::OrderLine{"s05", 1, "", {}, {}});  // 99.00, no modifiers
  kiosk::OrderPayment payment{"1", kiosk::Money::kopecks(9900), {"SOAK0001", "400000000001", "A1", "****1118", "MC", ""}};
  auto outcome = gateway.postOrder(draft, {payment});
  return {outcome.kind, outcome.maybe_in_flight, emulator.orders().size()};
}

}  // namespace

TEST_CASE("procart adapter: no answer to /postorder means it may still be running, any answer means it is done") {
  using Kind = payment::PostOutcome::Kind;
  auto ok = postWithFault("");
  CHECK(ok.kind == Kind::Posted);
  CHECK(ok.orders_after == 1);

  auto dropped_before = postWithFault("postorder.drop_before=#1");
  CHECK(dropped_before.kind == Kind::Unknown);
  CHECK(dropped_before.maybe_in_flight);
  CHECK(dropped_before.orders_after == 0);

  auto dropped_after = postWithFault("postorder.drop_after=#1");
  CHECK(dropped_after.kind == Kind::Unknown);
  CHECK(dropped_after.maybe_in_flight);
  CHECK(dropped_after.orders_after == 1);

  auto slow = postWithFault("postorder.latency=2500");  // longer than the client's 1.5 s
  CHECK(slow.kind == Kind::Unknown);
  CHECK(slow.maybe_in_flight);

  auto server_error = postWithFault("postorder.http500=#1");
  CHECK(server_error.kind == Kind::Unknown);
  CHECK_FALSE(server_error.maybe_in_flight);

  auto malformed = postWithFault("postorder.malformed=#1");
  CHECK(malformed.kind == Kind::Unknown);
  CHECK_FALSE(malformed.maybe_in_flight);
  CHECK(malformed.orders_after == 1);

  auto refused = postWithFault("postorder.http422=#1");
  CHECK(refused.kind == Kind::Refused);
  CHECK_FALSE(refused.maybe_in_flight);
}
