#include "contract_support.h"

#include <catch2/catch.hpp>

namespace procart_test {

std::string fixtureMenuPath() { return std::string(PROCART_FIXTURES_DIR) + "/menu.json"; }

procart_sim::Options simOptions() {
  procart_sim::Options o;
  o.menu_file = fixtureMenuPath();
  o.token = kSimToken;
  o.lifecycle = "";
  o.callback_attempts = 2;
  o.callback_backoff_ms = 20;
  return o;
}

kiosk::procart::ClientOptions clientOptions(const procart_sim::Emulator& sim, const std::string& token) {
  using namespace std::chrono_literals;
  kiosk::procart::ClientOptions o;
  o.base_url = sim.baseUrl();
  o.token = token;
  o.timeouts.connect = 1000ms;
  o.timeouts.ping = o.timeouts.getmenu = o.timeouts.validate = o.timeouts.getorders = o.timeouts.close =
      o.timeouts.image = 3000ms;
  o.timeouts.postorder = 3000ms;
  return o;
}

SimFixture::SimFixture(procart_sim::Options options) {
  sim = std::make_unique<procart_sim::Emulator>(std::move(options));
  int port = sim->start("127.0.0.1", 0);
  INFO(sim->error());
  REQUIRE(port > 0);
  client = std::make_unique<kiosk::procart::ProcartClient>(clientOptions(*sim));
  // Emulator::stop() hangs if it comes before the server's accept loop runs (httplib's stop() is a no-op until
  // then); one answered request proves the loop is up.
  REQUIRE(waitFor([&] { return httplib::Client("127.0.0.1", port).Get("/sim/counters") != nullptr; }));
}

}  // namespace procart_test
