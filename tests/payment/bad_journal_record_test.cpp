// Journal records whose numbers are not what the journal writes (a float, a value out of range): refused as damaged,
// never converted. Found by tests/fuzz/fuzz_journal: nlohmann's get<int64_t>() cast 1e29 to an integer, which is
// undefined behaviour (UBSan: "1.03333e+29 is outside the range of representable values of type 'long'").
#include <catch2/catch.hpp>

#include <fstream>

#include "payment/journal/crc32.h"
#include "payment/journal/journal.h"
#include "payment/journal/record.h"
#include "tests/payment/journal_records.h"
#include "tests/payment/test_support.h"

using namespace payment::journal;
using payment::testing::TempDir;

namespace {

// A frame with a correct length and checksum around any payload, as a damaged writer could leave it.
std::string frameAround(const std::string& payload) {
  char header[32];
  std::snprintf(header, sizeof header, "J1 %08x %08x ", static_cast<unsigned>(payload.size()),
                static_cast<unsigned>(crc32(payload)));
  return header + payload + "\n";
}

// The payload of a real intent for `id` with one field's text replaced.
std::string intentPayloadWith(const std::string& id, const std::string& from, const std::string& to) {
  std::string payload = encodePayload(payment::testing::intentRecord(id));
  auto at = payload.find(from);
  REQUIRE(at != std::string::npos);
  return payload.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("journal: integers that are floats or out of range are refused, not cast") {
  const std::vector<std::pair<std::string, std::string>> bad = {
      {R"("amount":38900)", R"("amount":1.0333333333333333e29)"},
      {R"("amount":38900)", R"("amount":389.5)"},
      {R"("amount":38900)", R"("amount":18446744073709551615)"},
      {R"("quantity":2)", R"("quantity":1e300)"},
      {R"("quantity":2)", R"("quantity":4294967296)"},
  };
  for (const auto& [from, to] : bad) {
    INFO(to);
    std::string error;
    CHECK_FALSE(decodePayload(intentPayloadWith("K1-1", from, to), error));
    CHECK(error.find("must be an integer in range") != std::string::npos);
  }
  std::string error;
  auto posting = decodePayload(R"({"t":"posting","id":"K1-1","attempt":1e10})", error);
  CHECK_FALSE(posting);
  CHECK(error.find("attempt must be an integer in range") != std::string::npos);
  // The values the journal does write still read back.
  auto good = decodePayload(encodePayload(payment::testing::intentRecord("K1-1")), error);
  REQUIRE(good);
  CHECK(good->amount == kiosk::Money::kopecks(38900));
}

TEST_CASE("journal: a checksummed record with a float amount is reported as damaged; the others still count") {
  TempDir dir;
  std::string data = encodeFrame(payment::testing::intentRecord("K1-1")) +
                     frameAround(intentPayloadWith("K1-2", R"("amount":38900)", R"("amount":1e29)")) +
                     encodeFrame(payment::testing::approvedRecord("K1-1"));
  {
    std::ofstream out(dir.file("payments.journal"), std::ios::binary);
    out << data;
  }
  JournalOptions options;
  options.dir = dir.path();
  Journal j(options);
  REQUIRE(j.problems().size() == 1);
  CHECK(j.problems()[0].find("record #2") != std::string::npos);
  CHECK(j.problems()[0].find("amount must be an integer") != std::string::npos);
  CHECK_FALSE(j.entry("K1-2"));
  REQUIRE(j.entry("K1-1"));
  CHECK(j.entry("K1-1")->state == EntryState::Approved);
}
