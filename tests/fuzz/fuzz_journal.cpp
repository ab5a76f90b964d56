// Fuzz target: the payment journal reader — the bytes become payments.journal in a scratch directory on tmpfs and
// a Journal is opened on it (replay, torn-tail truncation, damage reports, compaction).
// Two modes, by the first byte:
//   'F': every following line is a record *payload*, wrapped here in a frame with the right length and CRC, so the
//        fuzzer reaches the record decoder and the entry rules instead of stopping at the checksum;
//   anything else: the raw file content.
// Properties: nothing throws or crashes; a journal that can be written takes a new intent; reopening the file
// gives back the same open entries (in the same states) plus the new one — replay is deterministic and what one
// open truncated or compacted loses nothing the next open would have seen.
#include <sys/stat.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <map>
#include <string>
#include <string_view>

#include "payment/journal/crc32.h"
#include "payment/journal/journal.h"
#include "tests/fuzz/fuzz_support.h"

namespace journal = payment::journal;

namespace {

constexpr const char* kNewId = "FUZZ-new-entry";

std::string framed(std::string_view lines) {
  std::string out;
  size_t at = 0;
  while (at <= lines.size()) {
    size_t end = lines.find('\n', at);
    if (end == std::string_view::npos) end = lines.size();
    std::string_view payload = lines.substr(at, end - at);
    char header[32];
    std::snprintf(header, sizeof header, "J1 %08x %08x ", static_cast<unsigned>(payload.size()),
                  static_cast<unsigned>(journal::crc32(payload)));
    out += header;
    out += payload;
    out += '\n';
    at = end + 1;
  }
  return out;
}

journal::JournalRecord newIntent() {
  journal::JournalRecord r = journal::makeRecord(journal::RecordType::Intent, kNewId);
  r.amount = kiosk::Money::kopecks(12345);
  r.cart_digest = "digest";
  r.op_ref = "op-fuzz";
  r.driver = "sim";
  r.currency_id = "1";
  r.draft.external_id = kNewId;
  kiosk::OrderLine line;
  line.dish_id = "1";
  line.quantity = 1;
  r.draft.lines.push_back(line);
  return r;
}

std::map<std::string, journal::EntryState> openStates(const journal::Journal& j) {
  std::map<std::string, journal::EntryState> out;
  for (const auto& e : j.openEntries()) {
    out[e.external_id] = e.state;
    (void)e.outcomeText();
    (void)e.needsStaff();
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  kiosk_fuzz::quietLog();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::string content = !input.empty() && input[0] == 'F' ? framed(input.substr(1)) : std::string(input);

  journal::JournalOptions options;
  options.dir = kiosk_fuzz::scratchDir() + "/journal";
  options.compact_above_bytes = 4096;  // small, so that compaction runs on fuzz-sized files
  options.keep_settled = 2;
  const std::string path = options.dir + "/" + options.file_name;
  ::unlink(path.c_str());
  ::mkdir(options.dir.c_str(), 0750);
  kiosk_fuzz::writeFile(path, content, 0640);

  std::map<std::string, journal::EntryState> before;
  bool added = false;
  {
    journal::Journal first(options);
    FUZZ_CHECK(first.canAcceptPayments(), "a journal on tmpfs refuses payments: " + first.refuseReason());
    before = openStates(first);
    (void)first.lastPayments(50);
    (void)first.problems();
    (void)first.stats();
    if (!first.entry(kNewId)) {
      std::string error = first.append(newIntent());
      FUZZ_CHECK(error.empty(), "a new intent was refused: " + error);
      added = true;
    }
  }
  if (added) before[kNewId] = journal::EntryState::Intent;

  journal::Journal second(options);
  auto after = openStates(second);
  FUZZ_CHECK(after == before, "reopening the journal changed its open entries (" + std::to_string(before.size()) +
                                  " before, " + std::to_string(after.size()) + " after)");
  return 0;
}
