// sb_pilot pieces without a process: KOI8-R, the result file layout, the profile and config readers.
#include <catch2/catch.hpp>

#include "payment/sbpilot/koi8r.h"
#include "payment/sbpilot/profile.h"
#include "payment/sbpilot/result_file.h"
#include "tests/drivers/test_support.h"

using namespace payment::sbpilot;
using Kind = payment::PaymentResult::Kind;
using drivers_test::iconvKoi8rToUtf8;

TEST_CASE("koi8-r: all 256 bytes convert exactly as glibc's iconv converts them") {
  for (int b = 0; b < 256; ++b) {
    const std::string one(1, static_cast<char>(b));
    INFO("byte " << b);
    CHECK(koi8rToUtf8(one) == iconvKoi8rToUtf8(one));
  }
}

TEST_CASE("koi8-r: Russian text round-trips — what KOI8-R lacks is refused") {
  const std::string text = "ОДОБРЕНО, сумма 389,00 руб. Ёё №";
  const auto no_number_sign = utf8ToKoi8r(text);
  CHECK_FALSE(no_number_sign);  // "№" is not in KOI8-R
  const std::string plain = "ОДОБРЕНО, сумма 389,00 руб. Ёё";
  const auto koi = utf8ToKoi8r(plain);
  REQUIRE(koi);
  CHECK(koi->size() == 30);  // one byte a character
  CHECK(static_cast<unsigned char>((*koi)[0]) == 0xEF);  // "О"
  CHECK(koi8rToUtf8(*koi) == plain);
  CHECK_FALSE(utf8ToKoi8r("\xD0"));          // cut short
  CHECK_FALSE(utf8ToKoi8r("\xF0\x9F\x98\x80"));  // emoji
  CHECK_FALSE(utf8ToKoi8r("\xC0\x20"));      // not a continuation byte
}

namespace {

// An approved `e` in the row layout three independent public parsers of sb_pilot's result file agree on (a Java
// retail plugin, a Rust adapter, a Python wrapper), the first line being row 0. Every row holds something that cannot
// pass for another row's value.
const char* kApprovedE =
    "0,ОДОБРЕНО\r\n"                                  // row 0  code,text
    "************1234\r\n"                            // row 1  masked card number
    "12/27\r\n"                                       // row 2  card expiry MM/YY (never read)
    "AB1234\r\n"                                      // row 3  auth code
    "0042\r\n"                                        // row 4  the module's operation number
    "MIR\r\n"                                         // row 5  card type name
    "1\r\n"                                           // row 6  Sberbank card flag (never read)
    "00012345\r\n"                                    // row 7  terminal id
    "20240115123045\r\n"                              // row 8  date-time
    "412345678901\r\n"                                // row 9  RRN
    "9F8E7D6C5B4A39281706F5E4D3C2B1A098765432\r\n"    // row 10 card hash (never read)
    "\r\n\r\n"                                        // rows 11, 12
    "780000123456\r\n"                                // row 13 merchant id
    "\r\n\r\n\r\n"                                    // rows 14–16
    "\r\n"                                            // row 17 loyalty data
    "\r\n"                                            // row 18
    "018F3A2B4C5D\r\n";                               // row 19 request id

}  // namespace

TEST_CASE("sbpilot rows: RRN is row 9 of e, auth code row 3, date-time row 8 (the public layout, row 0 first)") {
  SbPilotProfile profile;
  std::string error;
  const auto r = parseResultFile(kApprovedE, profile, error);
  REQUIRE(r);
  CHECK(r->code == "0");
  CHECK(r->text == "ОДОБРЕНО");
  CHECK(r->card_mask == "************1234");
  CHECK(r->auth_code == "AB1234");
  CHECK(r->operation_number == "0042");
  CHECK(r->card_type == "MIR");
  CHECK(r->terminal_id == "00012345");
  CHECK(r->date_time == "20240115123045");
  CHECK(r->rrn == "412345678901");
  CHECK(r->merchant_id == "780000123456");
  CHECK(r->request_id == "018F3A2B4C5D");
}

TEST_CASE("result file: a decline has only row 0 — a full card number is masked — other rows work") {
  SbPilotProfile profile;
  std::string error;
  const auto declined = parseResultFile("4119,Нет связи с банком", profile, error);
  REQUIRE(declined);
  CHECK(declined->code == "4119");
  CHECK(declined->text == "Нет связи с банком");
  CHECK(declined->rrn.empty());

  const auto unmasked = parseResultFile("00,OK\n4276380012345678\n", profile, error);
  REQUIRE(unmasked);
  CHECK(unmasked->card_mask == "************5678");

  profile.rows.rrn = 1;
  profile.rows.card_mask = 0;
  const auto moved = parseResultFile("0,OK\n111122223333\n", profile, error);
  REQUIRE(moved);
  CHECK(moved->rrn == "111122223333");
  CHECK(moved->card_mask.empty());
}

TEST_CASE("result file: garbage is an error, never a result") {
  SbPilotProfile profile;
  std::string error;
  CHECK_FALSE(parseResultFile("", profile, error));
  CHECK(error == "result file is empty");
  CHECK_FALSE(parseResultFile("ОДОБРЕНО\n", profile, error));
  CHECK(error == "result file row 0 is not \"<code>,<text>\": \"ОДОБРЕНО\"");
  CHECK_FALSE(parseResultFile(std::string("\x89PNG\r\n\x1a\n\0\0", 10), profile, error));
  CHECK_FALSE(parseResultFile("12a,text", profile, error));
  CHECK_FALSE(parseResultFile("123456789,too long a code", profile, error));
}

TEST_CASE("result file helpers: date-time and card type") {
  CHECK(isoFromCompactDateTime("20240115123045") == "2024-01-15T12:30:45");
  CHECK(isoFromCompactDateTime("2024011512304") == "");
  CHECK(isoFromCompactDateTime("2024-01-15 12:30") == "");
  CHECK(cardTypeFromSlip("КАРТА МИР ****1234") == "MIR");
  CHECK(cardTypeFromSlip("Mastercard\n") == "MC");
  CHECK(cardTypeFromSlip("VISA CLASSIC") == "VISA");
  CHECK(cardTypeFromSlip("ADVISABLE") == "");  // not a word match
  CHECK(cardTypeFromSlip("") == "");
}

TEST_CASE("sbpilot profile: the default commands are the public ones — purchase with /q=, cancel 8, return 3, "
          "lookup 52") {
  SbPilotProfile defaults;
  CHECK(defaults.purchase_args == std::vector<std::string>{"1", "{amount}", "/q={request_id}"});
  CHECK(defaults.cancel_args == std::vector<std::string>{"8", "{amount}", "0", "QSELECT", "{rrn}"});
  CHECK(defaults.return_args == std::vector<std::string>{"3", "{amount}", "0", "0", "{rrn}"});
  CHECK(defaults.lookup_args == std::vector<std::string>{"52", "{request_id}"});
  CHECK(defaults.reconcile_args == std::vector<std::string>{"7"});
  CHECK(defaults.cancelFallsBack("4118"));
  CHECK(defaults.lookupAbsent("4118"));
  CHECK_FALSE(defaults.cancelFallsBack("4119"));
  CHECK(defaults.rows.rrn == 9);
  CHECK(defaults.rows.auth_code == 3);
  CHECK(defaults.rows.date_time == 8);
  CHECK(defaults.rows.card_mask == 1);
  CHECK(defaults.rows.card_type == 5);
  CHECK(defaults.rows.terminal_id == 7);
  CHECK(defaults.rows.merchant_id == 13);
  CHECK(defaults.rows.request_id == 19);
}

TEST_CASE("profile: defaults, and a JSON profile that changes files, lines, args and codes") {
  SbPilotProfile defaults;
  CHECK(defaults.isApproved("0"));
  CHECK(defaults.isApproved("00"));
  CHECK_FALSE(defaults.isApproved("000"));
  CHECK(defaults.codes.at("2000").kind == Kind::Cancelled);
  CHECK(defaults.codes.at("4134").kind == Kind::Declined);

  std::string error;
  const auto p = SbPilotProfile::fromJson(nlohmann::json::parse(R"({
      "result_file": "result.txt", "encoding": "utf-8", "purchase_args": ["1", "{amount}", "extra"],
      "return_args": ["3", "{amount}", "{rrn}"], "approved_codes": ["0"], "rows": {"rrn": 3, "card_hash": 0},
      "lookup_args": [],
      "codes": {"2000": {"kind": "declined", "text": "отказ"}, "9999": {"kind": "unknown", "text": "?"}}})"),
                                          error);
  REQUIRE(p);
  CHECK(p->result_file == "result.txt");
  CHECK(p->slip_file == "p");
  CHECK(p->encoding == "utf-8");
  CHECK(p->purchase_args.size() == 3);
  CHECK(p->rows.rrn == 3);
  CHECK(p->rows.auth_code == 3);  // untouched default
  CHECK(p->lookup_args.empty());  // this module cannot be asked
  CHECK(p->codes.at("2000").kind == Kind::Declined);
  CHECK(p->codes.at("9999").kind == Kind::Unknown);
  CHECK(p->codes.at("4119").kind == Kind::Declined);  // defaults merged
  CHECK_FALSE(p->isApproved("00"));
}

TEST_CASE("profile and config: errors name the key path") {
  auto profileError = [](const char* text) {
    std::string error;
    CHECK_FALSE(SbPilotProfile::fromJson(nlohmann::json::parse(text), error));
    return error;
  };
  CHECK(profileError(R"({"rows": {"rrn": "7"}})") == "profile.rows.rrn: expected an integer 0..64, got \"7\"");
  CHECK(profileError(R"({"rows": {"rnn": 7}})") == "profile.rows.rnn: unknown key");
  CHECK(profileError(R"({"rows": {"rrn": 0}})") == "profile.rows.rrn: required — without the RRN a payment cannot be undone");
  // A profile written for the old, wrong line numbering is refused with a pointer, not reinterpreted.
  CHECK(profileError(R"({"lines": {"rrn": 7}})").find("profile.lines: replaced by profile.rows, which counts the first "
                                                     "line") == 0);
  CHECK(profileError(R"({"purchase_args": ["1", "{amount}"]})") ==
        "profile.lookup_args: a lookup needs the purchase to carry {request_id} (purchase_args), or set it to []");
  CHECK(profileError(R"({"lookup_args": ["52"]})") == "profile.lookup_args: must contain {request_id}");
  CHECK(profileError(R"({"encoding": "cp1251"})") == "profile.encoding: expected \"koi8-r\" or \"utf-8\", got \"cp1251\"");
  CHECK(profileError(R"({"purchase_args": ["1"]})") == "profile.purchase_args: must contain {amount}");
  CHECK(profileError(R"({"return_args": ["3", "{sum}", "{rrn}"]})") ==
        "profile.return_args: unknown placeholder {sum} (allowed here: {amount}, {rrn})");
  CHECK(profileError(R"({"purchase_args": [1, "{amount}"]})") == "profile.purchase_args[0]: expected a string, got 1");
  CHECK(profileError(R"({"codes": {"2000": {"kind": "approved"}}})") ==
        "profile.codes.2000.kind: expected \"declined\", \"cancelled\" or \"unknown\", got \"approved\"");
  CHECK(profileError(R"({"codes": {"0": {"kind": "declined"}}})") == "profile.codes.0: is listed in approved_codes too");
  CHECK(profileError(R"({"result_file": "../e"})") == "profile.result_file: expected a plain file name, got \"../e\"");
  CHECK(profileError(R"({"approved_codes": []})") == "profile.approved_codes: must list at least one code");

  std::string error;
  CHECK_FALSE(SbPilotConfig::fromJson(nlohmann::json::parse(R"({"working_dir": "/x"})"), error));
  CHECK(error == "sbpilot.program: required (path to the sb_pilot executable)");
  CHECK_FALSE(SbPilotConfig::fromJson(nlohmann::json::parse(R"({"program": "/x", "working_dir": "/y", "timeout": 5})"),
                                      error));
  CHECK(error == "sbpilot.timeout: unknown key");
  CHECK_FALSE(SbPilotConfig::fromJson(
      nlohmann::json::parse(R"({"program": "/x", "working_dir": "/y", "profile": {"slip_file": 5}})"), error));
  CHECK(error == "sbpilot.profile.slip_file: expected a string, got 5");
  const auto ok = SbPilotConfig::fromJson(
      nlohmann::json::parse(R"({"program": "/opt/sb/sb_pilot", "working_dir": "/opt/sb", "timeout_ms": 90000})"), error);
  REQUIRE(ok);
  CHECK(ok->timeout_ms == 90000);
  CHECK(ok->profile.result_file == "e");
}
