// Error answers in the three shapes (plus non-JSON) → typed ServiceError, with maybe_acted exactly when the
// server may have acted.
#include <catch2/catch.hpp>

#include "kiosk/procart/codec.h"

using kiosk::ErrorKind;
namespace codec = kiosk::procart::codec;

TEST_CASE("codec errors: 422 validation names the line, the rule and the component") {
  auto e = codec::errorFromAnswer(422, R"({"ok": false, "error": {"code": "validation", "rule": "combo_below_min",
      "line": 2, "message": "Выберите напиток", "component": "cg2"}})");
  CHECK(e.kind == ErrorKind::Validation);
  CHECK(e.message_key == "error.order_rejected");
  CHECK(e.http_status == 422);
  CHECK(e.code == "validation");
  CHECK(e.rule == "combo_below_min");
  CHECK(e.line_index == 2);
  CHECK_FALSE(e.maybe_acted);
  CHECK(e.detail.find("component=cg2") != std::string::npos);
  CHECK(e.detail.find("Выберите напиток") != std::string::npos);
}

TEST_CASE("codec errors: each profile error code maps to its kind and key") {
  struct Case {
    int status;
    const char* body;
    ErrorKind kind;
    const char* key;
    bool maybe_acted;
  };
  const Case cases[] = {
      {401, R"({"ok": false, "error": {"code": "token_invalid", "message": "unknown token"}})", ErrorKind::Auth,
       "error.procart_auth", false},
      {403, "Forbidden", ErrorKind::Auth, "error.procart_auth", false},
      {503, R"({"ok": false, "error": {"code": "pos_offline", "message": "cash server down"}})", ErrorKind::Server,
       "error.pos_offline", true},
      {422, R"({"ok": false, "error": {"code": "payment_mismatch", "message": "1000.00 != 1050.50"}})",
       ErrorKind::Validation, "error.payment_mismatch", false},
      {400, R"({"ok": false, "error": {"code": "bad_request", "message": "order.lines missing"}})",
       ErrorKind::Validation, "error.order_rejected", false},
      {500, R"({"ok": false, "error": {"code": "internal", "message": "boom"}})", ErrorKind::Server,
       "error.procart_server", true},
      {502, "<html>Bad Gateway</html>", ErrorKind::Server, "error.procart_server", true},
      {404, R"({"detail": "Not Found"})", ErrorKind::Server, "error.procart_server", false},
      {405, "", ErrorKind::Server, "error.procart_server", false},
      {200, R"({"ok": false, "error": {"code": "token_invalid"}})", ErrorKind::Auth, "error.procart_auth", false},
      {200, R"({"ok": false, "code": "validation", "rule": "prohibited", "line": 0, "message": "стоп-лист"})",
       ErrorKind::Validation, "error.order_rejected", false},
      {200, R"({"ok": false, "error": "something odd"})", ErrorKind::Server, "error.procart_server", false},
  };
  for (const Case& c : cases) {
    INFO(c.status << " " << c.body);
    auto e = codec::errorFromAnswer(c.status, c.body);
    CHECK(e.kind == c.kind);
    CHECK(e.message_key == c.key);
    CHECK(e.maybe_acted == c.maybe_acted);
    CHECK(e.http_status == c.status);
  }
}

TEST_CASE("codec errors: FastAPI detail, as a list with loc, gives the line") {
  auto e = codec::errorFromAnswer(422, R"({"detail": [{"loc": ["body", "order", "lines", 3, "quantity"],
      "msg": "ensure this value is greater than 0", "type": "value_error.number.not_gt"}]})");
  CHECK(e.kind == ErrorKind::Validation);
  CHECK(e.code == "validation");
  CHECK(e.line_index == 3);
  CHECK(e.detail.find("greater than 0") != std::string::npos);
  CHECK_FALSE(e.maybe_acted);
}

TEST_CASE("codec errors: FastAPI detail as a string") {
  auto e = codec::errorFromAnswer(400, R"({"detail": "Invalid JSON body"})");
  CHECK(e.kind == ErrorKind::Validation);
  CHECK(e.code == "bad_request");
  CHECK(e.line_index == -1);
  CHECK(e.detail.find("Invalid JSON body") != std::string::npos);
}

TEST_CASE("codec errors: the prohibited and limited rules of a 200 ok:false keep their line") {
  auto e = codec::errorFromAnswer(200, R"({"ok": false, "error": {"code": "validation", "rule": "limited", "line": "1"}})");
  CHECK(e.rule == "limited");
  CHECK(e.line_index == 1);
}

TEST_CASE("codec errors: a huge error body is clipped in the detail") {
  std::string body = R"({"error": {"code": "x", "message": ")" + std::string(100000, 'a') + R"("}})";
  auto e = codec::errorFromAnswer(500, body);
  CHECK(e.detail.size() < 1000);
}
