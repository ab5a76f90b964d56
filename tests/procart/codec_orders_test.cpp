// Requests written exactly; /validate, /postorder, /getorders, /ping and callback answers read tolerantly.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "kiosk/procart/codec.h"
#include "kiosk/procart/wire_values.h"
#include "test_support.h"

using kiosk::Money;
using nlohmann::json;
namespace codec = kiosk::procart::codec;

TEST_CASE("codec orders: /validate request is the profile's order object, token in the body") {
  kiosk::OrderDraft draft = procart_test::sampleDraft("K1-0001");
  draft.table_code = "42";
  draft.discounts = {{"d-manual", Money::kopecks(1234)}};
  json expected = R"({"token": "tok", "order": {
      "external_id": "K1-0001", "category_id": "eat-in", "table_code": "42",
      "comment": "Киоск K1, заказ K1-0001", "short_comment": "Киоск №1",
      "lines": [
        {"dish_id": "101", "quantity": 2, "comment": "без лука", "modifiers": [{"id": "m2", "quantity": 1}, {"id": "m3", "quantity": 1}]},
        {"dish_id": "201", "quantity": 1, "modifiers": []},
        {"dish_id": "301", "quantity": 1, "modifiers": [], "combo": [
          {"group_id": "cg1", "dish_id": "101", "modifiers": [{"id": "m4", "quantity": 1}]},
          {"group_id": "cg2", "dish_id": "201", "modifiers": []}]}
      ],
      "discounts": [{"id": "d-manual", "amount": 12.34}]}})"_json;
  std::string text = codec::encodeValidate(draft, "tok");
  CHECK(json::parse(text) == expected);
  // Money leaves as a JSON number in its shortest exact form.
  CHECK(text.find("\"amount\":12.34") != std::string::npos);
}

TEST_CASE("codec orders: empty optional strings are left out — no token field when the token is in a header") {
  kiosk::OrderDraft draft;
  draft.external_id = "X";
  draft.lines.push_back({"1", 1, "", {}, {}});
  json body = json::parse(codec::encodeValidate(draft, ""));
  CHECK_FALSE(body.contains("token"));
  const json& order = body["order"];
  CHECK_FALSE(order.contains("category_id"));
  CHECK_FALSE(order.contains("table_code"));
  CHECK_FALSE(order.contains("comment"));
  CHECK_FALSE(order.contains("short_comment"));
  CHECK_FALSE(order["lines"][0].contains("comment"));
  CHECK_FALSE(order["lines"][0].contains("combo"));
  CHECK(order["discounts"] == json::array());
}

TEST_CASE("codec orders: /postorder adds payments and callback_url") {
  kiosk::OrderDraft draft = procart_test::sampleDraft("K1-0002");
  std::string text =
      codec::encodePostOrder(draft, {procart_test::samplePayment(Money::kopecks(105050))}, "http://k/cb/s", "tok");
  json body = json::parse(text);
  CHECK(body["token"] == "tok");
  CHECK(body["callback_url"] == "http://k/cb/s");
  CHECK(body["order"]["external_id"] == "K1-0002");
  json expected_payment = R"({"currency_id": "card", "amount": 1050.5, "transaction": {"terminal_id": "T-0001",
      "rrn": "123456789012", "auth_code": "A1B2C3", "card_mask": "************1118", "card_type": "MIR",
      "paid_at": "2026-11-29T12:00:00"}})"_json;
  REQUIRE(body["payments"].size() == 1);
  CHECK(body["payments"][0] == expected_payment);
  CHECK(text.find("\"amount\":1050.5") != std::string::npos);
}

TEST_CASE("codec orders: /getorders and /close requests") {
  CHECK(json::parse(codec::encodeGetOrders({"{A}", "{B}"}, "tok")) == R"({"token": "tok", "guids": ["{A}", "{B}"]})"_json);
  CHECK(json::parse(codec::encodeClose("{A}", "")) == R"({"guid": "{A}"})"_json);
}

TEST_CASE("codec orders: invalid UTF-8 in a comment is replaced, never thrown on") {
  kiosk::OrderDraft draft;
  draft.external_id = "X";
  draft.comment = std::string("bad \xff\xfe byte");
  std::string text;
  REQUIRE_NOTHROW(text = codec::encodeValidate(draft, "t"));
  CHECK_FALSE(json::parse(text, nullptr, false).is_discarded());
}

TEST_CASE("codec orders: money written from kopecks reads back to the same kopecks") {
  namespace wire = kiosk::procart::wire;
  std::vector<int64_t> samples = {0, 1, 5, 10, 99, 100, 1234, 38900, 105050, -1, -1550, 999999999, 123456789012345};
  for (int64_t k = -20000; k <= 20000; k += 7) samples.push_back(k);
  for (int64_t k : samples) {
    std::string text = wire::writeMoney(Money::kopecks(k)).dump();
    json back = json::parse(text);
    auto money = wire::readMoney(&back);
    INFO(k << " → " << text);
    REQUIRE(money.has_value());
    CHECK(money->kopecks() == k);
    // The text is the decimal itself, not a binary approximation ("12.34", not "12.339999999999").
    CHECK(text.size() <= Money::kopecks(k).toDecimal().size() + 1);
  }
}

TEST_CASE("codec orders: /validate answer, money as strings or numbers, missing discount defaulted") {
  auto result = codec::parseValidate(R"({"ok": true, "total": "1050.50", "extra": 1,
      "lines": [{"index": 0, "price": "419.00", "sum": 838, "discount": "0.00"},
                {"index": "1", "price": 120.5, "sum": "120.50"},
                {"price": "99.00", "sum": "99.00", "discount": 7}],
      "discounts": [{"id": 5, "name": "Напитки −10%", "amount": "7.00"}]})");
  REQUIRE(result.ok());
  CHECK(result->total == Money::kopecks(105050));
  REQUIRE(result->lines.size() == 3);
  CHECK(result->lines[0].price == Money::kopecks(41900));
  CHECK(result->lines[0].sum == Money::kopecks(83800));
  CHECK(result->lines[1].index == 1);
  CHECK(result->lines[1].price == Money::kopecks(12050));
  CHECK(result->lines[1].discount == Money{});
  CHECK(result->lines[2].index == 2);  // missing index: its position
  CHECK(result->lines[2].discount == Money::kopecks(700));
  REQUIRE(result->discounts.size() == 1);
  CHECK(result->discounts[0].id == "5");
  CHECK(result->discounts[0].amount == Money::kopecks(700));
}

TEST_CASE("codec orders: a /validate answer without a readable total is Malformed") {
  for (const char* body : {R"({"ok": true, "lines": []})", R"({"total": "abc"})", "[]", "<html>"}) {
    INFO(body);
    auto result = codec::parseValidate(body);
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().kind == kiosk::ErrorKind::Malformed);
  }
}

TEST_CASE("codec orders: /postorder answer — guid as string or number — no guid is Malformed and maybe acted") {
  auto posted = codec::parsePostOrder(R"({"ok": true, "guid": "{6F9619FF-8B86}", "number": 123, "status": 5})");
  REQUIRE(posted.ok());
  CHECK(posted->guid == "{6F9619FF-8B86}");
  CHECK(posted->number == "123");
  CHECK(posted->status == kiosk::OrderStatus::New);
  auto minimal = codec::parsePostOrder(R"({"guid": 77})");
  REQUIRE(minimal.ok());
  CHECK(minimal->guid == "77");
  CHECK(minimal->number.empty());
  auto no_guid = codec::parsePostOrder(R"({"ok": true, "number": "5"})");
  REQUIRE_FALSE(no_guid.ok());
  CHECK(no_guid.error().kind == kiosk::ErrorKind::Malformed);
  CHECK(no_guid.error().maybe_acted);  // "ok" said, the proof lost: the order may exist
  auto refused = codec::parsePostOrder(R"({"ok": false, "error": {"code": "payment_mismatch", "message": "x"}})");
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().message_key == "error.payment_mismatch");
  CHECK_FALSE(refused.error().maybe_acted);
}

TEST_CASE("codec orders: /getorders answer — entries without guid or status are skipped and reported") {
  auto orders = codec::parseOrders(R"({"ok": true, "orders": [
      {"guid": "{A}", "external_id": "K1-1", "number": "12", "status": 2, "total": "499.00", "paid": 499,
       "updated_at": "2026-11-29T12:00:00"},
      {"guid": "{B}", "status": "1"},
      {"external_id": "K1-3", "status": 0},
      {"guid": "{D}", "status": 9},
      {"guid": "{E}"}]})");
  REQUIRE(orders.ok());
  REQUIRE(orders->orders.size() == 2);
  const kiosk::OrderInfo& a = orders->orders[0];
  CHECK(a.guid == "{A}");
  CHECK(a.external_id == "K1-1");
  CHECK(a.number == "12");
  CHECK(a.status == kiosk::OrderStatus::Bill);
  CHECK(a.total == Money::kopecks(49900));
  CHECK(a.paid == Money::kopecks(49900));
  CHECK(a.updated_at == "2026-11-29T12:00:00");
  CHECK(orders->orders[1].status == kiosk::OrderStatus::Close);
  CHECK(orders->problems.size() == 3);

  auto empty = codec::parseOrders(R"({"orders": []})");
  REQUIRE(empty.ok());
  CHECK(empty->orders.empty());
  auto no_list = codec::parseOrders(R"({"ok": true})");
  REQUIRE_FALSE(no_list.ok());
  CHECK(no_list.error().kind == kiosk::ErrorKind::Malformed);
}

TEST_CASE("codec orders: /ping answer and its defaults") {
  auto ping = codec::parsePing(R"({"ok": true, "procart_version": "3.1.7", "rkeeper_version": "7.6.5",
      "rkeeper_connected": false, "license_valid": true, "token_valid": true})");
  REQUIRE(ping.ok());
  CHECK(ping->procart_version == "3.1.7");
  CHECK(ping->rkeeper_version == "7.6.5");
  CHECK_FALSE(ping->rkeeper_connected);
  CHECK(ping->token_valid);
  auto bare = codec::parsePing("{}");
  REQUIRE(bare.ok());
  CHECK(bare->rkeeper_connected);
  CHECK_FALSE(codec::parsePing("pong").ok());
}

TEST_CASE("codec orders: /close answer") {
  CHECK(codec::parseClose(R"({"ok": true})").ok());
  auto refused = codec::parseClose(R"({"ok": false, "error": {"code": "not_found", "message": "no such order"}})");
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().code == "not_found");
  CHECK_FALSE(codec::parseClose("").ok());
}

TEST_CASE("codec callbacks: a notice reads tolerantly — no guid or not JSON is refused with a reason") {
  std::string why;
  auto notice = codec::parseCallback(
      R"({"guid": "{A}", "external_id": "K1-1", "number": 12, "status": 1, "updated_at": "t", "x": null})", why);
  REQUIRE(notice.has_value());
  CHECK(notice->guid == "{A}");
  CHECK(notice->number == "12");
  REQUIRE(notice->status.has_value());
  CHECK(*notice->status == kiosk::OrderStatus::Close);
  auto no_status = codec::parseCallback(R"({"guid": "{A}"})", why);
  REQUIRE(no_status.has_value());
  CHECK_FALSE(no_status->status.has_value());
  CHECK_FALSE(codec::parseCallback(R"({"status": 1})", why).has_value());
  CHECK(why == "no guid");
  CHECK_FALSE(codec::parseCallback("status=1", why).has_value());
  CHECK(why == "body is not a JSON object");
  // encodeCallback is what the tests send: it reads back to itself.
  codec::CallbackNotice sent{"{G}", "K1-9", "77", kiosk::OrderStatus::Bill, "2026-11-29T12:00:00"};
  auto back = codec::parseCallback(codec::encodeCallback(sent), why);
  REQUIRE(back.has_value());
  CHECK(back->guid == sent.guid);
  CHECK(back->status == sent.status);
  CHECK(back->number == sent.number);
}
