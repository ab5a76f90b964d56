// Contract: every method of the real client against the emulator, on the happy path.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "contract_support.h"
#include "kiosk/common/atomic_file.h"
#include "kiosk/procart/order_gateway_adapter.h"

using namespace kiosk::procart;
using kiosk::Money;
using procart_test::SimFixture;

TEST_CASE("contract: /ping reports versions, the r_keeper link and the token") {
  SimFixture f;
  auto ping = f.client->ping();
  REQUIRE(ping.ok());
  CHECK_FALSE(ping->procart_version.empty());
  CHECK_FALSE(ping->rkeeper_version.empty());
  CHECK(ping->rkeeper_connected);
  CHECK(ping->license_valid);
  CHECK(ping->token_valid);
  ProcartClient stranger(procart_test::clientOptions(*f.sim, "not-our-token"));
  auto refused = stranger.ping();
  REQUIRE(refused.ok());  // /ping reports rather than refuses
  CHECK_FALSE(refused->token_valid);
  f.sim->setPosOnline(false);
  CHECK_FALSE(f.client->ping()->rkeeper_connected);
}

TEST_CASE("contract: /getmenu reads the emulator's menu completely") {
  SimFixture f;
  auto fetched = f.client->getMenu();
  REQUIRE(fetched.ok());
  const kiosk::Menu& menu = fetched->parsed.menu;
  CHECK(fetched->parsed.problems.empty());
  CHECK_FALSE(menu.version.empty());
  CHECK_FALSE(fetched->raw_json.empty());
  REQUIRE(menu.categories.size() == 3);
  CHECK(menu.categories[0].name == kiosk::LocalizedText{"Бургеры", "Burgers"});
  REQUIRE(menu.dishes.size() == 5);
  const kiosk::Dish& burger = menu.dishes[0];
  CHECK(burger.id == "101");
  CHECK(burger.name == kiosk::LocalizedText{"Бургер классический", "Classic burger"});
  CHECK(burger.price == Money::kopecks(38900));
  CHECK(burger.kcal == 650);
  CHECK(burger.tags == std::vector<std::string>{"beef"});
  CHECK(burger.image == "images/burger.png");
  CHECK(burger.modifier_scheme_id == "ms1");
  CHECK(menu.dishes[1].price == Money::kopecks(19950));
  CHECK(menu.dishes[2].stock.kind == kiosk::StockKind::Limited);
  CHECK(menu.dishes[2].stock.quantity == 5);
  CHECK(menu.dishes[3].stock.kind == kiosk::StockKind::Prohibited);
  CHECK(menu.dishes[4].combo_scheme_id == "cs1");
  REQUIRE(menu.modifier_schemes.size() == 1);
  CHECK(menu.modifier_schemes[0].groups.at(1).min == 1);
  CHECK(menu.modifier_schemes[0].groups.at(0).modifiers.at(1).price == Money::kopecks(3000));
  REQUIRE(menu.combo_schemes.size() == 1);
  CHECK(menu.combo_schemes[0].groups.at(0).items.at(1).price_delta == Money::kopecks(-2000));
  CHECK(menu.combo_schemes[0].groups.at(1).default_dish_id == "201");
  // Same menu, same version.
  CHECK(f.client->getMenu()->parsed.menu.version == menu.version);
}

TEST_CASE("contract: /validate prices the order as the POS does, automatic discounts included") {
  SimFixture f;
  auto result = f.client->validate(procart_test::sampleDraft("K1-V1"));
  REQUIRE(result.ok());
  CHECK(result->total == procart_test::kSampleTotal);
  REQUIRE(result->lines.size() == 3);
  CHECK(result->lines[0].index == 0);
  CHECK(result->lines[0].price == Money::kopecks(41900));
  CHECK(result->lines[0].sum == Money::kopecks(83800));
  CHECK(result->lines[1].discount == Money::kopecks(1200));
  CHECK(result->lines[2].price == Money::kopecks(49900));
  REQUIRE(result->discounts.size() == 1);
  CHECK(result->discounts[0].id == "d1");
  CHECK(result->discounts[0].amount == Money::kopecks(1200));
  CHECK(f.sim->orders().empty());  // /validate creates nothing
}

TEST_CASE("contract: /postorder creates the paid order with its payment data and callback URL") {
  SimFixture f;
  auto posted = f.client->postOrder(procart_test::sampleDraft("K1-P1"), {procart_test::samplePayment(procart_test::kSampleTotal)},
                                    "http://127.0.0.1:9/procart/callback/secret");
  REQUIRE(posted.ok());
  CHECK_FALSE(posted->guid.empty());
  CHECK_FALSE(posted->number.empty());
  CHECK(posted->status == kiosk::OrderStatus::New);
  auto stored = f.sim->orderByExternalId("K1-P1");
  REQUIRE(stored.has_value());
  CHECK(stored->guid == posted->guid);
  CHECK(stored->total_kopecks == procart_test::kSampleTotal.kopecks());
  CHECK(stored->paid_kopecks == procart_test::kSampleTotal.kopecks());
  REQUIRE(stored->payments.size() == 1);
  CHECK(stored->payments[0].rrn == "123456789012");
  CHECK(stored->payments[0].card_mask == "************1118");
  CHECK(stored->callback_url == "http://127.0.0.1:9/procart/callback/secret");
  auto request = nlohmann::json::parse(stored->request_json);
  CHECK(request["order"]["short_comment"] == "Киоск №1");
  CHECK_FALSE(request.contains("token"));
}

TEST_CASE("contract: /getorders lists open orders (GET) and finds any order by guid (POST) — /close closes") {
  procart_sim::Options o = procart_test::simOptions();
  o.close_paid_order = false;
  SimFixture f(o);
  auto posted = f.client->postOrder(procart_test::sampleDraft("K1-G1"),
                                    {procart_test::samplePayment(procart_test::kSampleTotal)}, "");
  REQUIRE(posted.ok());
  auto open = f.client->getOpenOrders();
  REQUIRE(open.ok());
  REQUIRE(open->orders.size() == 1);
  const kiosk::OrderInfo& info = open->orders[0];
  CHECK(info.guid == posted->guid);
  CHECK(info.external_id == "K1-G1");
  CHECK(info.number == posted->number);
  CHECK(info.status == kiosk::OrderStatus::New);
  CHECK(info.total == procart_test::kSampleTotal);
  CHECK(info.paid == procart_test::kSampleTotal);
  CHECK_FALSE(info.updated_at.empty());

  REQUIRE(f.client->closeOrder(posted->guid).ok());
  auto by_guid = f.client->getOrders({posted->guid, "{NO-SUCH}"});
  REQUIRE(by_guid.ok());
  REQUIRE(by_guid->orders.size() == 1);
  CHECK(by_guid->orders[0].status == kiosk::OrderStatus::Close);
  CHECK(f.client->getOpenOrders()->orders.empty());  // closed orders leave the GET list

  auto again = f.client->closeOrder("{NO-SUCH}");
  REQUIRE_FALSE(again.ok());
  CHECK(again.error().http_status == 404);
  CHECK_FALSE(again.error().maybe_acted);
}

TEST_CASE("contract: the token works from a header too (Bearer, custom)") {
  SimFixture f;
  ClientOptions bearer = procart_test::clientOptions(*f.sim);
  bearer.token_placement = TokenPlacement::BearerHeader;
  ProcartClient by_bearer(bearer);
  CHECK(by_bearer.getMenu().ok());
  CHECK(by_bearer.validate(procart_test::sampleDraft("K1-H1")).ok());
  ClientOptions custom = procart_test::clientOptions(*f.sim);
  custom.token_placement = TokenPlacement::CustomHeader;
  custom.token_header = "X-Token";
  ProcartClient by_header(custom);
  CHECK(by_header.getOpenOrders().ok());
  CHECK(by_header.getOrders({"{X}"}).ok());
}

TEST_CASE("contract: menu images come from the base URL") {
  SimFixture f;
  auto image = f.client->fetchImage("images/burger.png");
  REQUIRE(image.ok());
  auto expected = kiosk::files::readAll(std::string(PROCART_FIXTURES_DIR) + "/images/burger.png");
  REQUIRE(expected.ok());
  CHECK(*image == *expected);
  CHECK_FALSE(f.client->fetchImage("images/none.png").ok());
}

TEST_CASE("contract: the order gateway posts, then finds the order by external_id") {
  SimFixture f;
  ProcartOrderGateway gateway(*f.client, "");
  CHECK(gateway.findByExternalId("K1-W1").kind == payment::LookupOutcome::Kind::Absent);
  auto outcome = gateway.postOrder(procart_test::sampleDraft("K1-W1"), {procart_test::samplePayment(procart_test::kSampleTotal)});
  REQUIRE(outcome.kind == payment::PostOutcome::Kind::Posted);
  auto found = gateway.findByExternalId("K1-W1");
  REQUIRE(found.kind == payment::LookupOutcome::Kind::Found);
  CHECK(found.order.guid == outcome.order.guid);
  CHECK(found.order.paid == procart_test::kSampleTotal);
}
