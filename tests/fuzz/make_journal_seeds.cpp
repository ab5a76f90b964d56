// Writes the seed journals of the journal fuzz target: real files written through the Journal API, one per
// typical history (paid and closed, refused and reversed, outcome unknown, still open, a failed reversal).
// Usage: fuzz_make_journal_seeds <corpus dir>   (tests/fuzz/corpus/journal)
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "kiosk/common/atomic_file.h"
#include "payment/journal/journal.h"

namespace journal = payment::journal;
using journal::RecordType;

namespace {

journal::JournalRecord intent(const std::string& id, int64_t kopecks) {
  journal::JournalRecord r = journal::makeRecord(RecordType::Intent, id);
  r.amount = kiosk::Money::kopecks(kopecks);
  r.cart_digest = "3f9a1c";
  r.op_ref = "op-" + id;
  r.driver = "sim";
  r.currency_id = "1";
  r.draft.external_id = id;
  r.draft.comment = "без лука";
  kiosk::OrderLine burger;
  burger.dish_id = "1001";
  burger.quantity = 2;
  burger.modifiers.push_back({"501", 1});
  r.draft.lines.push_back(burger);
  kiosk::OrderLine combo;
  combo.dish_id = "3001";
  combo.combo.push_back({"g1", "1001", {}});
  r.draft.lines.push_back(combo);
  return r;
}

journal::JournalRecord approved(const std::string& id, int64_t kopecks) {
  journal::JournalRecord r = journal::makeRecord(RecordType::Approved, id);
  r.amount = kiosk::Money::kopecks(kopecks);
  r.transaction = {"SIM00001", "428810000045", "A12345", "************1118", "MC", "2024-05-01T12:00:00"};
  r.slip = "ОДОБРЕНО\nAPPROVED";
  return r;
}

journal::JournalRecord of(RecordType type, const std::string& id, const std::string& text = "") {
  return journal::makeRecord(type, id, text);
}

journal::JournalRecord posting(const std::string& id, int attempt) {
  journal::JournalRecord r = of(RecordType::Posting, id);
  r.attempt = attempt;
  return r;
}

journal::JournalRecord posted(const std::string& id, bool found) {
  journal::JournalRecord r = of(RecordType::Posted, id);
  r.guid = "{6F9619FF-8B86-D011-B42D-00C04FC964FF}";
  r.number = "123";
  r.found_by_lookup = found;
  return r;
}

journal::JournalRecord postFailed(const std::string& id, bool refused) {
  journal::JournalRecord r = of(RecordType::PostFailed, id, refused ? "HTTP 422 code=validation" : "timeout");
  r.refused = refused;
  return r;
}

bool write(const std::string& out_dir, const std::string& name, const std::vector<journal::JournalRecord>& records) {
  std::string dir = out_dir + "/.seed-" + name;
  std::filesystem::remove_all(dir);
  {
    journal::JournalOptions options;
    options.dir = dir;
    journal::Journal j(options);
    for (const auto& r : records) {
      std::string error = j.append(r);
      if (!error.empty()) {
        std::fprintf(stderr, "%s: %s\n", name.c_str(), error.c_str());
        return false;
      }
    }
  }
  std::filesystem::rename(dir + "/payments.journal", out_dir + "/" + name);
  std::filesystem::remove_all(dir);
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s <corpus dir>\n", argv[0]);
    return 2;
  }
  const std::string out = argv[1];
  std::filesystem::create_directories(out);
  const std::string a = "K1-20240501-0001", b = "K1-20240501-0002", c = "K1-20240501-0003";
  bool ok = true;
  ok &= write(out, "paid-and-closed.journal",
              {intent(a, 38900), approved(a, 38900), posting(a, 1), posted(a, false), of(RecordType::Confirmed, a),
               of(RecordType::Closed, a)});
  ok &= write(out, "refused-and-reversed.journal",
              {intent(a, 12000), approved(a, 12000), posting(a, 1), postFailed(a, true),
               of(RecordType::ReversalRequested, a), of(RecordType::Reversed, a), of(RecordType::Closed, a)});
  ok &= write(out, "unknown-then-found.journal",
              {intent(a, 50000), approved(a, 50000), posting(a, 1), postFailed(a, false), posting(a, 2),
               posted(a, true), of(RecordType::ConfirmFailed, a, "link down")});
  ok &= write(out, "declined-cancelled-abandoned.journal",
              {intent(a, 100), of(RecordType::Declined, a, "51 insufficient funds"), intent(b, 200),
               of(RecordType::Cancelled, b), intent(c, 300), of(RecordType::Unknown, c, "timeout"),
               of(RecordType::Abandoned, c, "guest told 'not paid'")});
  ok &= write(out, "reversal-failed-open.journal",
              {intent(a, 38900), approved(a, 38900), of(RecordType::ReversalRequested, a),
               of(RecordType::ReversalFailed, a, "terminal offline"), intent(b, 700), approved(b, 700),
               journal::makeRecord(RecordType::Check, "")});
  return ok ? 0 : 1;
}
