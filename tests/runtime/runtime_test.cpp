// KioskRuntime headless, configured the way an install is (kiosk.json + secrets.json), against the ProCart emulator
// over loopback and the simulated terminal: a whole order through the real services, "needs configuration", and a
// kiosk without a terminal refusing card payments calmly.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "kiosk/runtime/runtime.h"
#include "kiosk/sim/emulator.h"

namespace fs = std::filesystem;
using namespace kiosk;

namespace {

TimeMs nowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

struct TempDir {
  fs::path path;
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "runtime-test-XXXXXX").string();
    path = ::mkdtemp(pattern.data());
  }
  ~TempDir() { fs::remove_all(path); }
};

void writeJson(const fs::path& path, const nlohmann::json& json) { std::ofstream(path) << json.dump(2); }

nlohmann::json installConfig(const TempDir& dir, const std::string& procart_url, const std::string& driver) {
  return {
      {"kiosk_id", "T1"},
      {"procart", {{"url", procart_url}, {"menu_refresh_s", 60}, {"status_poll_s", 1}}},
      {"callback", {{"listen_address", "127.0.0.1"}, {"listen_port", 0}}},
      {"order",
       {{"eat_in_category_id", "1"}, {"take_away_category_id", "2"}, {"currency_id", "1"}}},
      {"terminal", {{"driver", driver}, {"params", driver == "sim" ? nlohmann::json{{"step_ms", 5}} : nlohmann::json::object()}}},
      {"health", {{"listen", "127.0.0.1:0"}}},
      {"paths", {{"cache_dir", (dir.path / "cache").string()}, {"state_dir", (dir.path / "state").string()}}},
  };
}

std::unique_ptr<Runtime> startRuntime(const TempDir& dir, const nlohmann::json& config) {
  writeJson(dir.path / "kiosk.json", config);
  writeJson(dir.path / "secrets.json",
            {{"procart", {{"token", "demo-token"}}}, {"callback", {{"secret", "runtime-test-secret-0001"}}}});
  fs::permissions(dir.path / "secrets.json", fs::perms::owner_read | fs::perms::owner_write);
  RuntimeOptions options;
  options.config_path = (dir.path / "kiosk.json").string();
  options.assets_dir = KIOSK_ASSETS_DIR;
  std::string error;
  auto runtime = Runtime::start(options, error);
  INFO(error);
  REQUIRE(runtime);
  return runtime;
}

// Pumps like the frame loop until `done` or the deadline; true when done.
template <class Done>
bool pumpUntil(Runtime& runtime, Done done, std::chrono::milliseconds limit = std::chrono::seconds(15)) {
  auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    runtime.pump(nowMs());
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return false;
}

procart_sim::Options emulatorOptions(const TempDir& dir) {
  procart_sim::Options options;
  options.menu_file = std::string(KIOSK_ASSETS_DIR) + "/demo/menu.json";
  options.state_dir = (dir.path / "procart").string();
  options.lifecycle = "new>open@50,open>close@300";
  return options;
}

}  // namespace

TEST_CASE("an installed kiosk takes a whole order through the real services") {
  TempDir dir;
  procart_sim::Emulator emulator(emulatorOptions(dir));
  REQUIRE(emulator.start() > 0);
  auto runtime = startRuntime(dir, installConfig(dir, emulator.baseUrl(), "sim"));
  REQUIRE(pumpUntil(*runtime, [&] { return runtime->state().menu && runtime->state().procart_reachable; }));
  CHECK(runtime->availability() == Availability::Open);

  runtime->dispatch(ev::StartOrder{}, nowMs());
  runtime->dispatch(ev::OpenDish{"e04"}, nowMs());  // a dessert without modifiers, 249.00
  runtime->dispatch(ev::AddToCart{}, nowMs());
  runtime->dispatch(ev::GoToCheckout{}, nowMs());
  if (runtime->state().phase == Phase::Ordering) runtime->dispatch(ev::GoToCheckout{}, nowMs());  // past the upsell
  REQUIRE(runtime->state().phase == Phase::Checkout);
  runtime->dispatch(ev::SetOrderType{OrderType::TakeAway}, nowMs());
  REQUIRE(pumpUntil(*runtime, [&] { return runtime->session().canPay(); }));
  runtime->dispatch(ev::ConfirmCheckout{}, nowMs());

  // Paid, posted, then told "closed" (callback + /getorders): the session ends in Done with the order.
  REQUIRE(pumpUntil(*runtime, [&] { return runtime->state().phase == Phase::Done; }));
  REQUIRE(runtime->state().order);
  CHECK(runtime->state().order->status == OrderStatus::Close);

  auto orders = emulator.orders();
  REQUIRE(orders.size() == 1);
  CHECK(orders[0].external_id == runtime->state().external_id);
  CHECK(orders[0].total_kopecks == 24900);
  REQUIRE(orders[0].payments.size() == 1);
  CHECK(orders[0].payments[0].amount_kopecks == 24900);
  CHECK_FALSE(orders[0].payments[0].rrn.empty());

  // The staff view shows it as the newest order, with nothing left open in the journal.
  runtime->setStaffMode(true);
  REQUIRE(pumpUntil(*runtime, [&] { return !runtime->staffView().orders.empty(); }));
  StaffView view = runtime->staffView();
  CHECK(view.orders[0].number == orders[0].number);
  CHECK(view.open_payments.empty());
  CHECK(view.terminal_driver == "sim");
}

TEST_CASE("a config with an error starts in 'needs configuration' and says which key") {
  TempDir dir;
  auto config = installConfig(dir, "ftp://nowhere", "sim");
  auto runtime = startRuntime(dir, config);
  REQUIRE(pumpUntil(*runtime, [&] { return runtime->availability() == Availability::NeedsConfiguration; },
                    std::chrono::seconds(3)));
  runtime->setStaffMode(true);
  REQUIRE(pumpUntil(*runtime, [&] { return !runtime->staffView().config_problems.empty(); }));
  bool names_the_key = false;
  for (const auto& problem : runtime->staffView().config_problems)
    if (problem.find("procart.url") != std::string::npos) names_the_key = true;
  CHECK(names_the_key);
  CHECK(runtime->staffView().needs_configuration);
}

TEST_CASE("without a card terminal the guest is told calmly and nothing is charged or posted") {
  TempDir dir;
  procart_sim::Emulator emulator(emulatorOptions(dir));
  REQUIRE(emulator.start() > 0);
  auto runtime = startRuntime(dir, installConfig(dir, emulator.baseUrl(), "none"));
  REQUIRE(pumpUntil(*runtime, [&] { return runtime->state().menu && runtime->state().procart_reachable; }));
  runtime->dispatch(ev::StartOrder{}, nowMs());
  runtime->dispatch(ev::OpenDish{"e01"}, nowMs());
  runtime->dispatch(ev::AddToCart{}, nowMs());
  runtime->dispatch(ev::GoToCheckout{}, nowMs());
  if (runtime->state().phase == Phase::Ordering) runtime->dispatch(ev::GoToCheckout{}, nowMs());
  runtime->dispatch(ev::SetOrderType{OrderType::EatIn}, nowMs());
  REQUIRE(pumpUntil(*runtime, [&] { return runtime->session().canPay(); }));
  runtime->dispatch(ev::ConfirmCheckout{}, nowMs());
  REQUIRE(pumpUntil(*runtime, [&] {
    return runtime->state().phase == Phase::Checkout && runtime->state().message.has_value();
  }));
  CHECK(runtime->state().message->key == "payment.unavailable");
  CHECK(emulator.orders().empty());
  CHECK(runtime->state().cart.itemCount() == 1);
}

namespace {

// A ProCart that closes paid orders at once (orders_listed_ms 0: after an unanswered post, "not listed" never proves
// the order absent). The emulator creates the order and drops the connection; its first lookup fails too, so the
// next comes after the close. With `lose_callbacks`, ProCart's callbacks never arrive.
struct DroppedPostRig {
  TempDir dir;
  std::unique_ptr<procart_sim::Emulator> emulator;
  std::unique_ptr<Runtime> runtime;
  std::string external_id;

  explicit DroppedPostRig(bool lose_callbacks) {
    procart_sim::Options options = emulatorOptions(dir);
    options.lifecycle = "new>close@10";
    options.faults = std::string("postorder.drop_after=#1,getorders.http500=#1") +
                     (lose_callbacks ? ",callback.lose=1" : "");
    emulator = std::make_unique<procart_sim::Emulator>(options);
    REQUIRE(emulator->start() > 0);
    nlohmann::json config = installConfig(dir, emulator->baseUrl(), "sim");
    config["procart"]["post_settle_ms"] = 200;
    config["procart"]["orders_listed_ms"] = 0;
    runtime = startRuntime(dir, config);
    REQUIRE(pumpUntil(*runtime, [&] { return runtime->state().menu && runtime->state().procart_reachable; }));
  }
  ~DroppedPostRig() {
    runtime.reset();
    emulator.reset();
  }

  void orderAndPay() {
    runtime->dispatch(ev::StartOrder{}, nowMs());
    runtime->dispatch(ev::OpenDish{"e04"}, nowMs());
    runtime->dispatch(ev::AddToCart{}, nowMs());
    runtime->dispatch(ev::GoToCheckout{}, nowMs());
    if (runtime->state().phase == Phase::Ordering) runtime->dispatch(ev::GoToCheckout{}, nowMs());
    runtime->dispatch(ev::SetOrderType{OrderType::TakeAway}, nowMs());
    REQUIRE(pumpUntil(*runtime, [&] { return runtime->session().canPay(); }));
    runtime->dispatch(ev::ConfirmCheckout{}, nowMs());
    external_id = runtime->state().external_id;
    runtime->setStaffMode(true);
  }
};

}  // namespace

TEST_CASE("a dropped /postorder ProCart no longer lists, and whose callbacks are lost, is settled by staff's look in the POS") {
  // The kiosk must neither post it again nor reverse it by itself.
  DroppedPostRig rig(true);
  rig.orderAndPay();
  auto& runtime = rig.runtime;
  auto& emulator = rig.emulator;
  const std::string& external_id = rig.external_id;

  auto awaiting = [&] {
    for (const auto& item : runtime->staffView().open_payments) {
      if (item.external_id == external_id && item.awaiting_pos_check) return true;
    }
    return false;
  };
  REQUIRE(pumpUntil(*runtime, awaiting));
  REQUIRE(emulator->orders().size() == 1);  // created once, by the dropped post; not posted again

  runtime->staffAction(staff::ReportPosCheck{external_id, true});  // staff see it in the POS
  REQUIRE(pumpUntil(*runtime, [&] { return runtime->staffView().open_payments.empty(); }));
  StaffView view = runtime->staffView();
  REQUIRE_FALSE(view.orders.empty());
  CHECK(view.orders[0].external_id == external_id);
  CHECK(view.orders[0].outcome == "paid, order found in the POS by staff");
  CHECK(emulator->orders().size() == 1);
  CHECK(view.last_resolve_report.find("order in the POS") != std::string::npos);
}

TEST_CASE("a dropped /postorder ProCart no longer lists is settled by ProCart's callback, looked up by guid") {
  DroppedPostRig rig(false);
  rig.orderAndPay();
  // The callback names the order (guid + external_id); POST /getorders by guid finds it although it is closed.
  REQUIRE(pumpUntil(*rig.runtime, [&] {
    StaffView view = rig.runtime->staffView();
    return view.open_payments.empty() && !view.orders.empty() && view.orders[0].external_id == rig.external_id &&
           !view.orders[0].number.empty();
  }));
  auto orders = rig.emulator->orders();
  REQUIRE(orders.size() == 1);
  CHECK(rig.runtime->staffView().orders[0].number == orders[0].number);
  CHECK(rig.runtime->staffView().orders[0].outcome == "paid, order " + orders[0].number);
}
