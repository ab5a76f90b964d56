// Receipt text (tag 0x13) parsing and the guest prompts derived from terminal events.
#include <catch2/catch.hpp>

#include "payment/vtk/receipt.h"

using namespace payment::vtk;

TEST_CASE("receipt: the documented KEY:VALUE lines are read") {
  const auto f = parseReceipt(
      "RESULT:APPROVED\nCARD:MC\nPAN:************1118\nAUTH ID:123456\nRRN:028810000045\nRESPONSE CODE:000\n");
  CHECK(f.result == "APPROVED");
  CHECK(f.card_type == "MC");
  CHECK(f.card_mask == "************1118");
  CHECK(f.auth_code == "123456");
  CHECK(f.rrn == "028810000045");
  CHECK(f.response_code == "000");
}

TEST_CASE("receipt: spellings, spacing, CRLF and noise lines are tolerated") {
  const auto f = parseReceipt(
      "  VENDOTEK\r\n"
      "Terminal ID : 00012345\r\n"
      "auth_code:  A1B2C3 \r\n"
      "Rrn:111122223333\r\n"
      "response-code: 05\r\n"
      "garbage line without colon\r\n"
      ":no key\r\n"
      "CARD TYPE:\r\n"
      "Card type: VISA\r\n"
      "RRN:999999999999\r\n"
      "TIME:12:30:00");
  CHECK(f.terminal_id == "00012345");
  CHECK(f.auth_code == "A1B2C3");
  CHECK(f.rrn == "111122223333");  // the first one wins
  CHECK(f.response_code == "05");
  CHECK(f.card_type == "VISA");    // the empty one is skipped
  CHECK(f.date_time == "12:30:00");
  CHECK(f.result.empty());
}

TEST_CASE("receipt: a full card number is masked before it is kept") {
  CHECK(parseReceipt("PAN:4111111111111111").card_mask == "************1111");
  CHECK(parseReceipt("PAN:411111******1111").card_mask == "************1111");
  CHECK(maskPan("1118") == "1118");
  CHECK(maskPan("**** **** **** 1118") == "**** **** **** 1118");
}

TEST_CASE("receipt: empty and binary text give empty fields") {
  CHECK(parseReceipt("").rrn.empty());
  const auto f = parseReceipt(std::string("\x00\xff:\x01\n\n:", 7));
  CHECK(f.rrn.empty());
  CHECK(f.card_mask.empty());
}
