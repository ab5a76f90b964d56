// The real drivers' peers' records, turned into the charges the money invariants read: every state must come out
// as the peer's records say, and whatever no state expresses must come out as a problem — a check that reads
// "0 violations" through this adapter is only worth something if a wrong record would have been caught.
#include <catch2/catch.hpp>
#include <fstream>

#include "payment/journal/journal.h"
#include "tests/payment/journal_records.h"
#include "tests/payment/money_invariants.h"
#include "tests/payment/peer_ledgers.h"

using namespace payment;
using namespace payment::testing;
using State = sim::LedgerEntry::State;

namespace {

JournalLinks linksOf(std::initializer_list<JournalLink> list) {
  JournalLinks links;
  for (const auto& l : list) {
    auto intent = intentRecord(l.external_id, l.amount_kopecks, "vtk", l.op_ref);
    links.add(intent);
    if (!l.rrn.empty()) {
      auto approved = approvedRecord(l.external_id, l.amount_kopecks);
      approved.transaction.rrn = l.rrn;
      links.add(approved);
    }
  }
  return links;
}

const sim::LedgerEntry* entryFor(const PeerCharges& c, const std::string& op_ref) {
  for (const auto& e : c.entries) {
    if (e.op_ref == op_ref) return &e;
  }
  return nullptr;
}

bool mentions(const std::vector<std::string>& problems, const std::string& part) {
  for (const auto& p : problems) {
    if (p.find(part) != std::string::npos) return true;
  }
  return false;
}

void writeLines(const std::string& path, const std::vector<std::string>& lines) {
  std::ofstream out(path);
  for (const auto& l : lines) out << l << "\n";
}

}  // namespace

TEST_CASE("peer ledgers: the journal's links are read from the file as written, without replaying it") {
  TempDir dir;
  {
    journal::JournalOptions options;
    options.dir = dir.path();
    journal::Journal j(options);
    REQUIRE(j.append(intentRecord("K-1", 38900, "vtk", "17")) == "");
    auto approved = approvedRecord("K-1");
    approved.transaction.rrn = "028810010017";
    REQUIRE(j.append(approved) == "");
    REQUIRE(j.append(intentRecord("K-2", 15900, "vtk", "18")) == "");
  }
  const std::string path = dir.file("payments.journal");
  {
    std::ofstream torn(path, std::ios::app);
    torn << "J1 00000040 deadbeef {\"t\":\"intent\"";  // a write cut short: skipped
  }
  JournalLinks links;
  REQUIRE(links.readFile(path) == "");
  REQUIRE(links.byOpRef("17"));
  CHECK(links.byOpRef("17")->external_id == "K-1");
  CHECK(links.byOpRef("17")->amount_kopecks == 38900);
  CHECK(links.byRrn("028810010017")->external_id == "K-1");
  CHECK(links.byOpRef("18")->rrn.empty());
  CHECK_FALSE(links.byOpRef("19"));

  JournalLinks later;
  REQUIRE(later.readFile(path, {"K-1"}) == "");  // an earlier round's attempts are left out
  CHECK_FALSE(later.byOpRef("17"));
  CHECK(later.byOpRef("18"));
  CHECK(JournalLinks().readFile(dir.file("absent")) == "");
}

TEST_CASE("peer ledgers: a VTK number used again after an attempt that never reached the terminal is the later one's") {
  // K-1 was refused by the kiosk before its VRP went out (a FIN still pending), K-2 got the same number and paid.
  auto links = linksOf({{"K-1", "253", 11900, ""}, {"K-0", "253", 8900, "R-253"}});
  REQUIRE(links.byOpRef("253"));
  CHECK(links.byOpRef("253")->external_id == "K-0");  // the latest, whatever the names' order
  auto c = vtkCharges({{"approved", 253, 8900, "R-253"}, {"finalised", 253, 8900, ""}}, links);
  CHECK(c.problems.empty());
  CHECK(entryFor(c, "253")->external_id == "K-0");
}

TEST_CASE("peer ledgers: VTK operations come out in the state their events say") {
  auto links = linksOf({{"K-1", "1", 38900, "R-1"}, {"K-2", "2", 15900, ""}, {"K-3", "3", 20000, "R-3"},
                        {"K-4", "4", 10000, ""}, {"K-5", "5", 12000, "R-5"}});
  std::vector<VtkLedgerLine> ledger = {
      {"approved", 1, 38900, ""}, {"finalised", 1, 38900, ""},  // a sale
      {"declined", 2, 0, ""},                                 // declined
      {"approved", 3, 20000, ""}, {"repeat", 3, 20000, ""},   // answer lost, asked again: no second charge
      {"reversed", 3, 20000, ""},                             // FIN 0: the terminal undid it
      {"aborted", 4, 0, ""},                                  // ABR
      {"approved", 5, 12000, ""},                             // charged, never finalised nor reversed
      {"fin_repeat", 1, 38900, ""},
  };
  auto c = vtkCharges(ledger, links);
  CHECK(c.problems.empty());
  REQUIRE(c.entries.size() == 5);
  CHECK(entryFor(c, "1")->state == State::Confirmed);
  CHECK(entryFor(c, "1")->external_id == "K-1");
  CHECK(entryFor(c, "1")->transaction.rrn == "R-1");  // the emulator writes none: the journal's approval
  CHECK(entryFor(c, "1")->amount == kiosk::Money::kopecks(38900));
  CHECK(entryFor(c, "2")->state == State::Declined);
  CHECK(entryFor(c, "2")->charges == 0);
  CHECK(entryFor(c, "3")->state == State::Reversed);
  CHECK(entryFor(c, "3")->charges == 1);
  CHECK(entryFor(c, "4")->state == State::Cancelled);
  CHECK(entryFor(c, "5")->state == State::Approved);
}

TEST_CASE("peer ledgers: a VTK line's own RRN wins over the journal's, and an unknown one links to no order") {
  auto links = linksOf({{"K-1", "1", 38900, "R-kiosk"}, {"K-2", "2", 100, ""}});
  auto c = vtkCharges({{"approved", 1, 38900, "R-terminal"}, {"approved", 2, 100, ""}, {"finalised", 2, 100, ""}},
                      links);
  CHECK(entryFor(c, "1")->transaction.rrn == "R-terminal");
  CHECK(entryFor(c, "2")->transaction.rrn.find("unknown RRN") != std::string::npos);
}

TEST_CASE("peer ledgers: what no VTK state expresses is a problem, and double charges reach the checks") {
  auto links = linksOf({{"K-1", "1", 38900, "R-1"}, {"K-2", "2", 100, ""}, {"K-3", "3", 500, ""}});
  auto c = vtkCharges({{"approved", 1, 38900, ""}, {"approved", 1, 38900, ""},  // charged twice
                       {"finalised", 2, 100, ""},                              // FIN without an approval
                       {"approved", 3, 500, ""}, {"finalised", 3, 400, ""},    // FIN for another amount
                       {"approved", 4, 700, ""},                               // no intent names it
                       {"reversed", 5, 0, ""},                                 // undone, never charged
                       {"refunded", 6, 0, ""}},
                      links);
  CHECK(entryFor(c, "1")->charges == 2);
  CHECK(mentions(c.problems, "operation 2 (K-2): finalised, but never approved"));
  CHECK(mentions(c.problems, "FIN for 400 kopecks, approved 500"));
  CHECK(mentions(c.problems, "unknown ledger event \"refunded\""));
  CHECK(entryFor(c, "4")->external_id.find("no journal intent") != std::string::npos);
  CHECK(entryFor(c, "5")->reversals == 1);
  CHECK(entryFor(c, "5")->charges == 0);
  // The checks see each: two charges, a reversal without a charge, a charge on no order.
  auto violations = moneyViolations(c.entries, {}, nullptr);
  CHECK(mentions(violations, "charged 2 times"));
  CHECK(mentions(violations, "(no journal intent names VTK operation 4)"));

  auto wrong_amount = vtkCharges({{"approved", 1, 40000, ""}}, links);
  CHECK(mentions(wrong_amount.problems, "charged 40000 kopecks, the intent was 38900"));
}

TEST_CASE("peer ledgers: sb_pilot sales stay charged unless cancelled or returned, linked by RRN or request id") {
  auto links = linksOf({{"K-1", "sb-1", 38900, "R-1"}, {"K-2", "sb-2", 15900, "R-2"}, {"K-3", "sb-3", 500, ""}});
  std::vector<SbPilotLedgerLine> ledger = {
      {"purchase", 38900, "R-1", "q1"},
      {"purchase", 15900, "R-2", "q2"}, {"cancel", 15900, "R-2", ""},
      {"purchase", 500, "R-3", "sb-3"},  // the kiosk never learned the RRN: linked by its request id
      {"day_close", 0, "", ""},
  };
  auto c = sbPilotCharges(ledger, links);
  CHECK(c.problems.empty());
  REQUIRE(c.entries.size() == 3);
  CHECK(entryFor(c, "q1")->state == State::Confirmed);
  CHECK(entryFor(c, "q1")->external_id == "K-1");
  CHECK(entryFor(c, "q1")->transaction.rrn == "R-1");
  CHECK(entryFor(c, "q2")->state == State::Reversed);
  CHECK(entryFor(c, "sb-3")->external_id == "K-3");
}

TEST_CASE("peer ledgers: sb_pilot money given back twice, for nothing or in part, and RRNs reused are caught") {
  auto links = linksOf({{"K-1", "sb-1", 38900, "R-1"}, {"K-2", "sb-2", 100, "R-2"}});
  auto c = sbPilotCharges({{"purchase", 38900, "R-1", "q1"}, {"cancel", 38900, "R-1", ""},
                           {"return", 38900, "R-1", ""},                           // given back twice
                           {"purchase", 100, "R-2", "q2"}, {"return", 50, "R-2", ""},  // in part
                           {"return", 700, "R-9", ""},                             // no such sale
                           {"purchase", 300, "R-7", "q7"}, {"purchase", 300, "R-7", "q8"},  // one RRN, two sales
                           {"purchase", 900, "R-8", "q9"}, {"purchase", 900, "R-10", "q9"},  // one request, two charges
                           {"refund", 1, "R-1", ""}},
                          links);
  CHECK(mentions(c.problems, "RRN R-1 (K-1): money given back 2 times"));
  CHECK(mentions(c.problems, "return of 50 kopecks, the sale was 100"));
  CHECK(mentions(c.problems, "two purchases with RRN R-7"));
  CHECK(mentions(c.problems, "unknown op \"refund\""));
  CHECK(entryFor(c, "q9")->charges == 2);
  const sim::LedgerEntry* nothing = entryFor(c, "return of RRN R-9");
  REQUIRE(nothing);
  CHECK(nothing->charges == 0);
  CHECK(nothing->reversals == 1);
  auto wrong_amount = sbPilotCharges({{"purchase", 40000, "R-1", "q1"}}, links);
  CHECK(mentions(wrong_amount.problems, "charged 40000 kopecks, the intent was 38900"));
}

TEST_CASE("peer ledgers: the peers' files are read as written, and damaged lines are problems") {
  TempDir dir;
  writeLines(dir.file("vtk.jsonl"), {R"({"event":"approved","op":7,"amount":38900})",
                                     R"({"event":"finalised","op":7,"amount":38900,"rrn":"028810010007"})",
                                     R"({"event":"approved","op":"x","amount":1})", "not json"});
  std::vector<std::string> problems;
  auto vtk = readVtkLedger(dir.file("vtk.jsonl"), problems);
  REQUIRE(vtk.size() == 2);
  CHECK(vtk[0].event == "approved");
  CHECK(vtk[0].op == 7);
  CHECK(vtk[0].amount == 38900);
  CHECK(vtk[1].rrn == "028810010007");
  CHECK(problems.size() == 2);

  writeLines(dir.file("sb.jsonl"), {R"({"op":"purchase","amount":"38900","rrn":"R-1","request_id":"ab12"})",
                                    R"({"op":"cancel","amount":38900,"rrn":"R-1","request_id":""})",
                                    R"({"op":"day_close","amount":0,"rrn":"","request_id":""})",
                                    R"({"op":"purchase","amount":"12a","rrn":"R-2"})"});
  problems.clear();
  auto sb = readSbPilotLedger(dir.file("sb.jsonl"), problems);
  REQUIRE(sb.size() == 3);
  CHECK(sb[0].amount == 38900);
  CHECK(sb[0].request_id == "ab12");
  CHECK(sb[1].op == "cancel");
  CHECK(problems.size() == 1);
  CHECK(readVtkLedger(dir.file("absent.jsonl"), problems).empty());

  // The module's memory holds the same movements; it is what the soak reads (an sb_pilot killed between saving its
  // memory and appending to its ledger file must not make a real sale look uncharged).
  writeLines(dir.file("state.json"),
             {R"({"day":1,"events":[{"op":"purchase","amount":38900,"rrn":"R-1","request_id":"ab12","day":1},)"
              R"({"op":"return","amount":100,"rrn":"R-1","request_id":"ab12","day":2}],"sales":[]})"});
  problems.clear();
  auto from_state = readSbPilotState(dir.file("state.json"), problems);
  REQUIRE(from_state.size() == 2);
  CHECK(from_state[0].rrn == "R-1");
  CHECK(from_state[1].op == "return");
  CHECK(problems.empty());
  CHECK(readSbPilotState(dir.file("absent.json"), problems).empty());
  writeLines(dir.file("bad.json"), {"[1,2]"});
  CHECK(readSbPilotState(dir.file("bad.json"), problems).empty());
  CHECK(problems.size() == 1);
}

TEST_CASE("peer ledgers: a VTK approval gets the RRN the terminal printed for its operation") {
  CHECK(receiptRrn("VENDOTEK\nRESULT:APPROVED\nRRN:028810010007\nRESPONSE CODE:000\n") == "028810010007");
  CHECK(receiptRrn("RRN : 42 \r\n") == "42");
  CHECK(receiptRrn("RESULT:DECLINED\n").empty());
  std::vector<VtkLedgerLine> ledger = {{"approved", 7, 100, ""}, {"finalised", 7, 100, ""}, {"approved", 8, 5, "X"},
                                       {"approved", 9, 5, ""}};
  attachRrns(ledger, {{7, "R7"}, {8, "R8"}});
  CHECK(ledger[0].rrn == "R7");
  CHECK(ledger[1].rrn.empty());
  CHECK(ledger[2].rrn == "X");  // the line's own stays
  CHECK(ledger[3].rrn.empty());
}
