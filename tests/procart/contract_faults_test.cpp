// Contract: the emulator's injected faults, as the client and the order gateway see them. The rule under test:
// maybe_acted exactly when the server may have acted, and an order of unknown fate is found (or not) by lookup.
#include <catch2/catch.hpp>

#include "contract_support.h"
#include "kiosk/procart/order_gateway_adapter.h"

using namespace kiosk::procart;
using namespace std::chrono_literals;
using kiosk::ErrorKind;
using payment::LookupOutcome;
using payment::PostOutcome;
using procart_test::SimFixture;

namespace {
std::vector<kiosk::OrderPayment> paid() { return {procart_test::samplePayment(procart_test::kSampleTotal)}; }

// The lookup the settlement makes after an Unknown outcome.
LookupOutcome::Kind lookup(ProcartClient& client, const std::string& external_id) {
  return ProcartOrderGateway(client, "").findByExternalId(external_id).kind;
}
}  // namespace

TEST_CASE("contract faults: latency past the timeout is Timeout, maybe acted — the order exists afterwards") {
  SimFixture f;
  ClientOptions o = procart_test::clientOptions(*f.sim);
  o.timeouts.validate = 150ms;
  o.timeouts.postorder = 150ms;
  ProcartClient impatient(o);
  f.sim->setFaults("validate.latency=400,postorder.latency=400");
  auto validated = impatient.validate(procart_test::sampleDraft("K1-L1"));
  REQUIRE_FALSE(validated.ok());
  CHECK(validated.error().kind == ErrorKind::Timeout);
  CHECK(validated.error().message_key == "error.procart_timeout");
  CHECK(validated.error().maybe_acted);

  ProcartOrderGateway gateway(impatient, "");
  auto posted = gateway.postOrder(procart_test::sampleDraft("K1-L1"), paid());
  CHECK(posted.kind == PostOutcome::Kind::Unknown);
  // The emulator finishes the order after its delay: the lookup finds it (never a second post).
  CHECK(procart_test::waitFor([&] { return lookup(*f.client, "K1-L1") == LookupOutcome::Kind::Found; }));
  CHECK(f.sim->requestCount("postorder") == 1);
  CHECK(f.sim->orders().size() == 1);
}

TEST_CASE("contract faults: http500 is Server, maybe acted — the lookup says absent — a second post succeeds") {
  SimFixture f;
  f.sim->setFaults("postorder.http500=#1");
  ProcartOrderGateway gateway(*f.client, "");
  auto first = f.client->postOrder(procart_test::sampleDraft("K1-S1"), paid(), "");
  REQUIRE_FALSE(first.ok());
  CHECK(first.error().kind == ErrorKind::Server);
  CHECK(first.error().message_key == "error.procart_server");
  CHECK(first.error().http_status == 500);
  CHECK(first.error().maybe_acted);
  CHECK(postOutcomeKindOf(first.error()) == PostOutcome::Kind::Unknown);
  CHECK(gateway.findByExternalId("K1-S1").kind == LookupOutcome::Kind::Absent);
  CHECK(gateway.postOrder(procart_test::sampleDraft("K1-S1"), paid()).kind == PostOutcome::Kind::Posted);
  CHECK(f.sim->orders().size() == 1);
}

TEST_CASE("contract faults: http422 in FastAPI's shape is a Validation error, not acted") {
  SimFixture f;
  f.sim->setFaults("validate.http422=#1");
  auto result = f.client->validate(procart_test::sampleDraft("K1-F1"));
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().kind == ErrorKind::Validation);
  CHECK(result.error().message_key == "error.order_rejected");
  CHECK(result.error().http_status == 422);
  CHECK(result.error().line_index == -1);
  CHECK(result.error().detail.find("simulated validation error") != std::string::npos);
  CHECK_FALSE(result.error().maybe_acted);
  CHECK(f.client->validate(procart_test::sampleDraft("K1-F1")).ok());  // only the next call was faulted
}

TEST_CASE("contract faults: drop_before is a dropped connection, maybe acted — the lookup says absent") {
  SimFixture f;
  f.sim->setFaults("postorder.drop_before=#1");
  ProcartOrderGateway gateway(*f.client, "");
  auto posted = f.client->postOrder(procart_test::sampleDraft("K1-D1"), paid(), "");
  REQUIRE_FALSE(posted.ok());
  CHECK(posted.error().kind == ErrorKind::Network);
  CHECK(posted.error().maybe_acted);  // from the client's seat, a drop after sending could follow the act
  CHECK(gateway.findByExternalId("K1-D1").kind == LookupOutcome::Kind::Absent);
  CHECK(f.sim->requestCount("postorder") == 1);
  CHECK(f.sim->orders().empty());
}

TEST_CASE("contract faults: drop_after on a kept-alive connection — sent once, maybe acted, found afterwards") {
  SimFixture f;
  // A validate first leaves an idle kept-alive connection: libcurl would silently re-send a request whose
  // reused connection dies before any answer. /postorder must not ride on it.
  REQUIRE(f.client->validate(procart_test::sampleDraft("K1-D2")).ok());
  f.sim->setFaults("postorder.drop_after=#1");
  ProcartOrderGateway gateway(*f.client, "");
  auto outcome = gateway.postOrder(procart_test::sampleDraft("K1-D2"), paid());
  CHECK(outcome.kind == PostOutcome::Kind::Unknown);
  CHECK(f.sim->requestCount("postorder") == 1);
  auto found = gateway.findByExternalId("K1-D2");
  REQUIRE(found.kind == LookupOutcome::Kind::Found);
  CHECK(found.order.paid == procart_test::kSampleTotal);
  CHECK(f.sim->orders().size() == 1);

  // The same through the bare client: a Network error with maybe_acted.
  f.sim->setFaults("postorder.drop_after=#1");
  auto direct = f.client->postOrder(procart_test::sampleDraft("K1-D3"), paid(), "");
  REQUIRE_FALSE(direct.ok());
  CHECK(direct.error().kind == ErrorKind::Network);
  CHECK(direct.error().maybe_acted);
  CHECK(lookup(*f.client, "K1-D3") == LookupOutcome::Kind::Found);
}

TEST_CASE("contract faults: a malformed 2xx answer is Malformed, maybe acted — the order is found") {
  SimFixture f;
  f.sim->setFaults("postorder.malformed=#1,getmenu.malformed=#1");
  auto posted = f.client->postOrder(procart_test::sampleDraft("K1-X1"), paid(), "");
  REQUIRE_FALSE(posted.ok());
  CHECK(posted.error().kind == ErrorKind::Malformed);
  CHECK(posted.error().message_key == "error.procart_malformed");
  CHECK(posted.error().maybe_acted);
  CHECK(lookup(*f.client, "K1-X1") == LookupOutcome::Kind::Found);
  auto menu = f.client->getMenu();
  REQUIRE_FALSE(menu.ok());
  CHECK(menu.error().kind == ErrorKind::Malformed);
}

TEST_CASE("contract faults: a truncated answer is an error with maybe acted — the order is found") {
  SimFixture f;
  f.sim->setFaults("postorder.truncated=#1");
  auto posted = f.client->postOrder(procart_test::sampleDraft("K1-T1"), paid(), "");
  REQUIRE_FALSE(posted.ok());
  CHECK(posted.error().maybe_acted);
  CHECK((posted.error().kind == ErrorKind::Malformed || posted.error().kind == ErrorKind::Network));
  CHECK(lookup(*f.client, "K1-T1") == LookupOutcome::Kind::Found);
  // A truncated lookup itself is Unknown, never Absent.
  f.sim->setFaults("getorders.truncated=#1");
  CHECK(lookup(*f.client, "K1-T1") == LookupOutcome::Kind::Unknown);
  CHECK(lookup(*f.client, "K1-T1") == LookupOutcome::Kind::Found);
}

TEST_CASE("contract faults: ProCart gone is unreachable, not acted, and the gateway keeps it Unknown") {
  SimFixture f;
  ProcartClient client(procart_test::clientOptions(*f.sim));
  f.sim->stop();
  auto posted = client.postOrder(procart_test::sampleDraft("K1-G1"), paid(), "");
  REQUIRE_FALSE(posted.ok());
  CHECK(posted.error().kind == ErrorKind::Network);
  CHECK(posted.error().message_key == "error.procart_unreachable");
  CHECK_FALSE(posted.error().maybe_acted);
  CHECK(ProcartOrderGateway(client, "").postOrder(procart_test::sampleDraft("K1-G1"), paid()).kind ==
        PostOutcome::Kind::Unknown);
  CHECK(lookup(client, "K1-G1") == LookupOutcome::Kind::Unknown);
}
