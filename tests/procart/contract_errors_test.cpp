// Contract: every error kind the emulator answers becomes the typed error the kiosk expects, and nothing is
// created on the way.
#include <catch2/catch.hpp>

#include "contract_support.h"
#include "kiosk/procart/order_gateway_adapter.h"

using namespace kiosk::procart;
using kiosk::ErrorKind;
using kiosk::Money;
using procart_test::SimFixture;

namespace {
kiosk::OrderLine line(const std::string& dish, int quantity, std::vector<kiosk::OrderModifier> modifiers = {}) {
  kiosk::OrderLine l;
  l.dish_id = dish;
  l.quantity = quantity;
  l.modifiers = std::move(modifiers);
  return l;
}
kiosk::OrderDraft draftOf(std::vector<kiosk::OrderLine> lines) {
  kiosk::OrderDraft d;
  d.external_id = "K1-E";
  d.lines = std::move(lines);
  return d;
}
}  // namespace

TEST_CASE("contract errors: a refused token is Auth, not acted, and the gateway calls it Refused") {
  SimFixture f;
  ProcartClient stranger(procart_test::clientOptions(*f.sim, "wrong-token-0000"));
  auto menu = stranger.getMenu();
  REQUIRE_FALSE(menu.ok());
  CHECK(menu.error().kind == ErrorKind::Auth);
  CHECK(menu.error().message_key == "error.procart_auth");
  CHECK(menu.error().http_status == 401);
  CHECK(menu.error().code == "token_invalid");
  CHECK_FALSE(menu.error().maybe_acted);
  ProcartOrderGateway gateway(stranger, "");
  auto outcome = gateway.postOrder(procart_test::sampleDraft("K1-A1"), {procart_test::samplePayment(procart_test::kSampleTotal)});
  CHECK(outcome.kind == payment::PostOutcome::Kind::Refused);
  CHECK(f.sim->orders().empty());
}

TEST_CASE("contract errors: validation names the line and the rule") {
  SimFixture f;
  struct Case {
    kiosk::OrderDraft draft;
    const char* rule;
    int line;
  };
  kiosk::OrderLine combo_without_drink = line("301", 1);
  combo_without_drink.combo = {{"cg1", "101", {{"m3", 1}}}};
  const std::vector<kiosk::OrderModifier> medium = {{"m3", 1}};
  std::vector<Case> cases = {
      {draftOf({line("101", 1, medium), line("202", 1)}), "prohibited", 1},
      {draftOf({line("201", 6)}), "limited", 0},
      {draftOf({line("101", 1)}), "below_min", 0},
      {draftOf({line("101", 1, {{"m3", 1}, {"m4", 1}})}), "above_max", 0},
      {draftOf({line("102", 1), line("999", 1)}), "unknown_dish", 1},
      {draftOf({line("101", 1, {{"m3", 1}, {"zz", 1}})}), "unknown_modifier", 0},
      {draftOf({line("102", 1), combo_without_drink}), "combo_below_min", 1},
      {draftOf({}), "empty_order", -1},
  };
  for (const Case& c : cases) {
    INFO(c.rule);
    auto result = f.client->validate(c.draft);
    REQUIRE_FALSE(result.ok());
    const kiosk::ServiceError& e = result.error();
    CHECK(e.kind == ErrorKind::Validation);
    CHECK(e.message_key == "error.order_rejected");
    CHECK(e.http_status == 422);
    CHECK(e.code == "validation");
    CHECK(e.rule == c.rule);
    CHECK(e.line_index == c.line);
    CHECK_FALSE(e.maybe_acted);
  }
  // The combo error also names the combo group.
  auto combo = f.client->validate(draftOf({combo_without_drink}));
  REQUIRE_FALSE(combo.ok());
  CHECK(combo.error().detail.find("component=cg2") != std::string::npos);
}

TEST_CASE("contract errors: a refused /postorder creates nothing and is Refused") {
  SimFixture f;
  ProcartOrderGateway gateway(*f.client, "");
  auto outcome = gateway.postOrder(draftOf({line("202", 1)}), {procart_test::samplePayment(Money::rubles(99))});
  CHECK(outcome.kind == payment::PostOutcome::Kind::Refused);
  CHECK(outcome.reason.find("prohibited") != std::string::npos);
  CHECK(f.sim->orders().empty());
}

TEST_CASE("contract errors: POS offline is Server/pos_offline — 503 counts as maybe acted — lookups are Unknown") {
  SimFixture f;
  f.sim->setPosOnline(false);
  auto validated = f.client->validate(procart_test::sampleDraft("K1-O1"));
  REQUIRE_FALSE(validated.ok());
  CHECK(validated.error().kind == ErrorKind::Server);
  CHECK(validated.error().message_key == "error.pos_offline");
  CHECK(validated.error().http_status == 503);
  CHECK(validated.error().maybe_acted);
  ProcartOrderGateway gateway(*f.client, "");
  auto posted = gateway.postOrder(procart_test::sampleDraft("K1-O1"), {procart_test::samplePayment(procart_test::kSampleTotal)});
  CHECK(posted.kind == payment::PostOutcome::Kind::Unknown);
  CHECK(gateway.findByExternalId("K1-O1").kind == payment::LookupOutcome::Kind::Unknown);
  // The menu is still served: ProCart answers it from its own cache.
  CHECK(f.client->getMenu().ok());
  f.sim->setPosOnline(true);
  CHECK(gateway.findByExternalId("K1-O1").kind == payment::LookupOutcome::Kind::Absent);
}

TEST_CASE("contract errors: a payment that does not equal the total is refused, not created") {
  SimFixture f;
  ProcartOrderGateway gateway(*f.client, "");
  auto short_by_a_kopeck = procart_test::samplePayment(procart_test::kSampleTotal - Money::kopecks(1));
  auto direct = f.client->postOrder(procart_test::sampleDraft("K1-M1"), {short_by_a_kopeck}, "");
  REQUIRE_FALSE(direct.ok());
  CHECK(direct.error().kind == ErrorKind::Validation);
  CHECK(direct.error().message_key == "error.payment_mismatch");
  CHECK(direct.error().code == "payment_mismatch");
  CHECK(direct.error().http_status == 422);
  CHECK_FALSE(direct.error().maybe_acted);
  CHECK(gateway.postOrder(procart_test::sampleDraft("K1-M1"), {short_by_a_kopeck}).kind ==
        payment::PostOutcome::Kind::Refused);
  CHECK(f.sim->orders().empty());
}

TEST_CASE("contract errors: a request the emulator cannot take is 400 bad_request, not acted") {
  SimFixture f;
  kiosk::OrderDraft draft = procart_test::sampleDraft("K1-B1");
  draft.discounts = {{"manual", Money::rubles(100000)}};  // larger than the order
  auto result = f.client->validate(draft);
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().http_status == 400);
  CHECK(result.error().code == "bad_request");
  CHECK(result.error().message_key == "error.order_rejected");
  CHECK_FALSE(result.error().maybe_acted);
}
