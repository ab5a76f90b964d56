#include "payment/journal/entry.h"

#include <initializer_list>

#include "payment/card_data.h"

namespace payment::journal {
namespace {

bool oneOf(EntryState state, std::initializer_list<EntryState> allowed) {
  for (auto s : allowed) {
    if (s == state) return true;
  }
  return false;
}

std::string notAfter(const JournalRecord& record, const JournalEntry& entry) {
  return std::string("a '") + recordTypeName(record.type) + "' record cannot follow state '" +
         entryStateName(entry.state) + "' (" + entry.external_id + ")";
}

std::string checkIntent(const JournalRecord& r) {
  if (r.amount.kopecks() <= 0) return "intent: the amount must be positive";
  if (r.op_ref.empty()) return "intent: operation reference missing";
  if (r.driver.empty()) return "intent: driver missing";
  if (r.draft.external_id != r.external_id) return "intent: the draft's external_id differs from the record's";
  return {};
}

}  // namespace

const char* entryStateName(EntryState state) {
  switch (state) {
    case EntryState::Intent: return "intent";
    case EntryState::Approved: return "approved";
    case EntryState::Declined: return "declined";
    case EntryState::Cancelled: return "cancelled";
    case EntryState::Unknown: return "unknown";
    case EntryState::Posting: return "posting";
    case EntryState::Posted: return "posted";
    case EntryState::PostFailed: return "post_failed";
    case EntryState::Confirmed: return "confirmed";
    case EntryState::ReversalRequested: return "reversal_requested";
    case EntryState::Reversed: return "reversed";
    case EntryState::ReversalFailed: return "reversal_failed";
    case EntryState::Closed: return "closed";
  }
  return "?";
}

bool isFinal(EntryState state) {
  return state == EntryState::Declined || state == EntryState::Cancelled || state == EntryState::Closed;
}

bool JournalEntry::needsStaff() const {
  if (isFinal(state)) return false;
  return state == EntryState::ReversalFailed || abandoned || (state == EntryState::PostFailed && !post_refused);
}

std::string JournalEntry::outcomeText() const {
  switch (state) {
    case EntryState::Closed:
      if (was_reversed) return "reversed (order not created)";
      if (order_number.empty()) return decided_by_staff ? "paid, order found in the POS by staff" : "paid";
      return "paid, order " + order_number;
    case EntryState::Declined: return "declined " + decline_code + (last_error.empty() ? "" : ": " + last_error);
    case EntryState::Cancelled: return "cancelled";
    case EntryState::Unknown:
      return std::string(abandoned ? "outcome unknown, guest told unpaid" : "outcome unknown") +
             (last_error.empty() ? "" : ": " + last_error);
    case EntryState::ReversalFailed: return "reversal failed, retrying: " + last_error;
    case EntryState::PostFailed:
      return std::string(post_refused ? "order refused, reversal pending: " : "order state unknown, checking: ") +
             last_error;
    default: return std::string("in progress: ") + entryStateName(state);
  }
}

std::string checkTransition(const JournalEntry* entry, const JournalRecord& r) {
  if (r.type == RecordType::Check) return {};
  if (r.external_id.empty()) return "record without external_id";
  if (r.type == RecordType::Intent) {
    if (entry) return "intent: external_id " + r.external_id + " already has a journal entry";
    return checkIntent(r);
  }
  if (!entry) return std::string("a '") + recordTypeName(r.type) + "' record for " + r.external_id +
                     ", which has no intent";
  if (isFinal(entry->state)) return notAfter(r, *entry);
  using S = EntryState;
  const S s = entry->state;
  switch (r.type) {
    case RecordType::Intent: break;  // handled above
    case RecordType::Approved:
      if (!oneOf(s, {S::Intent, S::Unknown})) return notAfter(r, *entry);
      if (r.amount.kopecks() <= 0) return "approved: the amount must be positive";
      if (looksLikeFullPan(r.transaction.card_mask)) return "approved: card_mask looks like a full PAN; refused";
      return {};
    case RecordType::Declined:
    case RecordType::Cancelled:
      return oneOf(s, {S::Intent, S::Unknown}) ? std::string() : notAfter(r, *entry);
    case RecordType::Unknown:
      return s == S::Intent ? std::string() : notAfter(r, *entry);
    case RecordType::Abandoned:
      return s == S::Unknown ? std::string() : notAfter(r, *entry);
    case RecordType::Posting:
      if (entry->abandoned) return "posting: the guest of " + r.external_id + " was told 'not paid'; reverse instead";
      if (!oneOf(s, {S::Approved, S::PostFailed})) return notAfter(r, *entry);
      if (s == S::PostFailed && entry->post_refused) return "posting: the order was refused; reverse instead";
      if (r.attempt != entry->post_attempts + 1) return "posting: attempt must be " +
                                                        std::to_string(entry->post_attempts + 1);
      if (r.attempt > 2) return "posting: an order is posted at most twice";
      return {};
    case RecordType::Posted:
      if (r.guid.empty() && !r.by_staff) return "posted: guid missing";
      return oneOf(s, {S::Posting, S::PostFailed, S::Approved}) ? std::string() : notAfter(r, *entry);
    case RecordType::PostFailed:
      return s == S::Posting ? std::string() : notAfter(r, *entry);
    case RecordType::Confirmed:
    case RecordType::ConfirmFailed:
      return s == S::Posted ? std::string() : notAfter(r, *entry);
    case RecordType::ReversalRequested:
      return oneOf(s, {S::Approved, S::PostFailed, S::ReversalRequested, S::ReversalFailed}) ? std::string()
                                                                                              : notAfter(r, *entry);
    case RecordType::Reversed:
    case RecordType::ReversalFailed:
      return s == S::ReversalRequested ? std::string() : notAfter(r, *entry);
    case RecordType::Closed:
      return oneOf(s, {S::Confirmed, S::Reversed}) ? std::string() : notAfter(r, *entry);
    case RecordType::Check: break;
  }
  return {};
}

void applyRecord(JournalEntry& e, const JournalRecord& r, uint64_t seq) {
  using S = EntryState;
  e.last_seq = seq;
  e.updated_at = r.at;
  e.history.push_back(r.type);
  switch (r.type) {
    case RecordType::Intent:
      e.external_id = r.external_id;
      e.first_seq = seq;
      e.started_at = r.at;
      e.amount = r.amount;
      e.cart_digest = r.cart_digest;
      e.op_ref = r.op_ref;
      e.driver = r.driver;
      e.currency_id = r.currency_id;
      e.draft = r.draft;
      e.state = S::Intent;
      break;
    case RecordType::Approved:
      e.approved_amount = r.amount;
      e.transaction = r.transaction;
      e.slip = r.slip;
      e.state = S::Approved;
      break;
    case RecordType::Declined:
      e.decline_code = r.code;
      e.last_error = r.text;
      e.state = S::Declined;
      break;
    case RecordType::Cancelled: e.state = S::Cancelled; break;
    case RecordType::Unknown:
      e.last_error = r.text;
      e.state = S::Unknown;
      break;
    case RecordType::Abandoned: e.abandoned = true; break;
    case RecordType::Posting:
      e.post_attempts = r.attempt;
      e.posting_at = r.at;
      e.state = S::Posting;
      break;
    case RecordType::Posted:
      e.order_guid = r.guid;
      e.order_number = r.number;
      if (r.by_staff) e.decided_by_staff = true;
      e.state = S::Posted;
      break;
    case RecordType::PostFailed:
      e.post_refused = r.refused;
      e.last_error = r.text;
      e.state = S::PostFailed;
      break;
    case RecordType::Confirmed:
      e.was_confirmed = true;
      e.state = S::Confirmed;
      break;
    case RecordType::ConfirmFailed: e.last_error = r.text; break;
    case RecordType::ReversalRequested:
      if (!r.text.empty()) e.last_error = r.text;
      if (r.by_staff) e.decided_by_staff = true;
      e.state = S::ReversalRequested;
      break;
    case RecordType::Reversed:
      e.was_reversed = true;
      e.state = S::Reversed;
      break;
    case RecordType::ReversalFailed:
      ++e.reversal_failures;
      e.last_error = r.text;
      e.state = S::ReversalFailed;
      break;
    case RecordType::Closed: e.state = S::Closed; break;
    case RecordType::Check: break;
  }
}

bool resyncFromCore(JournalEntry& e, const JournalRecord& r, uint64_t seq) {
  using S = EntryState;
  if (!r.core || r.type == RecordType::Intent || r.type == RecordType::Check) return false;
  const RecordCore& k = *r.core;
  if (e.external_id.empty()) {
    e.external_id = r.external_id;
    e.first_seq = seq;
    e.started_at = r.at;
    e.rebuilt = true;  // no intent: no draft
  }
  if (e.amount.kopecks() == 0) e.amount = k.amount;
  if (e.op_ref.empty()) e.op_ref = k.op_ref;
  if (e.driver.empty()) e.driver = k.driver;
  if (e.currency_id.empty()) e.currency_id = k.currency_id;
  if (k.paid && e.approved_amount.kopecks() == 0) {
    e.approved_amount = k.paid_amount;
    e.transaction = k.paid_transaction;
  }
  applyRecord(e, r, seq);
  // Records that do not move the state themselves imply the one they follow.
  if (r.type == RecordType::Abandoned) e.state = S::Unknown;
  if (r.type == RecordType::ConfirmFailed) e.state = S::Posted;
  return true;
}

RecordCore coreFor(const JournalEntry& e, const JournalRecord& r) {
  RecordCore k;
  k.amount = e.amount;
  k.op_ref = e.op_ref;
  k.driver = e.driver;
  k.currency_id = e.currency_id;
  if (r.type == RecordType::Approved) {
    k.paid = true;
    k.paid_amount = r.amount;
    k.paid_transaction = r.transaction;
  } else if (e.approved_amount.kopecks() > 0) {
    k.paid = true;
    k.paid_amount = e.approved_amount;
    k.paid_transaction = e.transaction;
  }
  return k;
}

}  // namespace payment::journal
