#pragma once
// Builders of well-formed journal records for tests.
#include <string>

#include "payment/journal/record.h"
#include "tests/payment/test_support.h"

namespace payment::testing {

inline journal::JournalRecord intentRecord(const std::string& id, int64_t kopecks = 38900,
                                           const std::string& driver = "sim", const std::string& op_ref = "") {
  auto r = journal::makeRecord(journal::RecordType::Intent, id);
  r.amount = kiosk::Money::kopecks(kopecks);
  r.cart_digest = "digest-" + id;
  r.op_ref = op_ref.empty() ? "op-" + id : op_ref;
  r.driver = driver;
  r.currency_id = "1";
  r.draft = sampleDraft(id);
  return r;
}

inline journal::JournalRecord approvedRecord(const std::string& id, int64_t kopecks = 38900) {
  auto r = journal::makeRecord(journal::RecordType::Approved, id);
  r.amount = kiosk::Money::kopecks(kopecks);
  r.transaction = {"SIM00001", "428810000045", "A12345", "************1118", "MC", "2024-05-01T12:00:00"};
  r.slip = "APPROVED";
  return r;
}

inline journal::JournalRecord postingRecord(const std::string& id, int attempt) {
  auto r = journal::makeRecord(journal::RecordType::Posting, id);
  r.attempt = attempt;
  return r;
}

inline journal::JournalRecord postedRecord(const std::string& id, const std::string& number = "123") {
  auto r = journal::makeRecord(journal::RecordType::Posted, id);
  r.guid = "{guid-" + id + "}";
  r.number = number;
  return r;
}

inline journal::JournalRecord postFailedRecord(const std::string& id, bool refused) {
  auto r = journal::makeRecord(journal::RecordType::PostFailed, id, refused ? "refused" : "timeout");
  r.refused = refused;
  return r;
}

inline journal::JournalRecord simple(journal::RecordType type, const std::string& id) {
  return journal::makeRecord(type, id, "test");
}

}  // namespace payment::testing
