// The settlement's rules: from an entry's journalled state, the next step — record first, action second.
// Each pass of the loop re-reads the entry from the journal, so the live flow, recovery after a crash and the
// background retry all follow the same path.
#include <algorithm>
#include <ctime>
#include <optional>

#include "kiosk/common/log.h"
#include "payment/settlement.h"

namespace payment {

using journal::EntryState;
using journal::JournalEntry;
using journal::JournalRecord;
using journal::RecordType;

namespace {

constexpr const char* kLog = "settlement";
constexpr const char* kNoDraft =
    "the journal's intent record is damaged: the order cannot be rebuilt, so the payment is returned";

// The journal's "2024-05-01T12:34:56" (local time, journal::localTimestamp()) as a time point; nullopt if unreadable.
std::optional<std::chrono::system_clock::time_point> parseLocalTimestamp(const std::string& text) {
  std::tm tm{};
  const char* end = ::strptime(text.c_str(), "%Y-%m-%dT%H:%M:%S", &tm);
  if (end == nullptr || *end != '\0') return std::nullopt;
  tm.tm_isdst = -1;
  std::time_t t = std::mktime(&tm);
  if (t == static_cast<std::time_t>(-1)) return std::nullopt;
  return std::chrono::system_clock::from_time_t(t);
}

JournalRecord recordFor(RecordType type, const std::string& id, std::string text = {}) {
  return journal::makeRecord(type, id, std::move(text));
}

}  // namespace

std::string Settlement::record(JournalRecord r) {
  std::string error = journal_.append(std::move(r));
  if (!error.empty()) kiosk::log::error(kLog, "journal: ", error);
  return error;
}

PurchaseRequest Settlement::purchaseRequestOf(const JournalEntry& e) { return {e.amount, e.external_id, e.op_ref}; }

PaymentResult Settlement::approvedResultOf(const JournalEntry& e) {
  PaymentResult r;
  r.kind = PaymentResult::Kind::Approved;
  r.amount = e.approved_amount;
  r.transaction = e.transaction;
  r.slip = e.slip;
  return r;
}

LookupOutcome Settlement::lookupWithin(const std::string& id, std::chrono::milliseconds window,
                                       const AbsentWindow* absent_window, bool* too_late) {
  using std::chrono::steady_clock;
  auto deadline = steady_clock::now() + window;
  auto backoff = config_.lookup_backoff_first;
  while (true) {
    LookupOutcome outcome = gateway_.findByExternalId(id);
    auto now = steady_clock::now();
    if (outcome.kind == LookupOutcome::Kind::Absent && absent_window) {
      if (now > absent_window->trusted_until) {
        // Not listed, but GET /getorders lists open orders only, and the POS may have closed it by now.
        if (too_late) *too_late = true;
        outcome.kind = LookupOutcome::Kind::Unknown;
        outcome.reason = "GET /getorders does not list the order, and the POS may have closed it since the post";
        return outcome;
      }
      if (now < absent_window->certain_after) {
        // Not there yet, but an unanswered post may still create it: look again until it no longer can (even past
        // the window: this wait is bounded by post_settle_time, and giving up here would leave a later lookup to
        // meet an order the POS has closed meanwhile).
        outcome.kind = LookupOutcome::Kind::Unknown;
        outcome.reason = "not found yet; an unanswered /postorder may still be running at ProCart";
        deadline = std::max(deadline, std::min(absent_window->certain_after, absent_window->trusted_until));
      }
    }
    if (outcome.kind != LookupOutcome::Kind::Unknown) return outcome;
    if (now >= deadline) return outcome;
    auto pause = std::min(backoff, std::chrono::ceil<std::chrono::milliseconds>(deadline - now));
    if (absent_window && now < absent_window->certain_after) {
      // Look again as soon as "absent" becomes conclusive.
      pause = std::min(pause, std::chrono::ceil<std::chrono::milliseconds>(absent_window->certain_after - now) +
                                  std::chrono::milliseconds(1));
    }
    kiosk::log::warn(kLog, id, ": lookup unknown (", outcome.reason, "), again in ", pause.count(), " ms");
    if (!worker_->sleepFor(pause)) return outcome;
    backoff = std::min(backoff * 2, config_.lookup_backoff_max);
  }
}

Settlement::AbsentWindow Settlement::absentWindow(const JournalEntry& e) {
  using std::chrono::steady_clock;
  auto now = steady_clock::now();
  std::lock_guard lock(mutex_);
  if (auto sent = post_sent_.find(e.external_id); sent != post_sent_.end()) {
    // This process sent the last post: it knows when, and when it stopped waiting for it.
    auto certain = absent_certain_after_.find(e.external_id);
    return {certain != absent_certain_after_.end() ? certain->second : now, sent->second + config_.orders_listed_for};
  }
  // The last post was cut short by a crash (this process did not see it end). The journal's time of its Posting
  // record (whole seconds, rounded down: the post cannot be older) bounds both ends: the request ran at most
  // post_timeout, and the order, if created, was listed at least orders_listed_for after it. The earlier process
  // died before this one started, so the request ended then at the latest, too.
  auto posting = parseLocalTimestamp(e.posting_at.empty() ? e.updated_at : e.posting_at);
  if (!posting) {
    kiosk::log::error(kLog, e.external_id, ": unreadable time of the post '", e.posting_at, "': only staff can tell");
    return {now, steady_clock::time_point::min()};
  }
  auto age = std::chrono::ceil<std::chrono::milliseconds>(std::chrono::system_clock::now() - *posting);
  auto posted_at = now - age;
  auto certain = std::min(posted_at + std::chrono::seconds(1) + config_.post_timeout + config_.post_settle_time,
                          started_ + config_.post_settle_time);
  return {certain, posted_at + config_.orders_listed_for};
}

std::vector<std::string> Settlement::awaitingStaff() const {
  std::lock_guard lock(mutex_);
  return awaiting_staff_;
}

// Called right after a Posting record: the one place that calls /postorder.
void Settlement::postAndRecord(const JournalEntry& e, std::string& journal_error) {
  kiosk::OrderPayment payment{e.currency_id, e.approved_amount, e.transaction};
  {
    std::lock_guard lock(mutex_);
    post_sent_[e.external_id] = std::chrono::steady_clock::now();
  }
  PostOutcome outcome = gateway_.postOrder(e.draft, {payment});
  if (outcome.kind == PostOutcome::Kind::Unknown) {
    auto now = std::chrono::steady_clock::now();
    std::lock_guard lock(mutex_);
    absent_certain_after_[e.external_id] = outcome.maybe_in_flight ? now + config_.post_settle_time : now;
  }
  JournalRecord r = recordFor(RecordType::PostFailed, e.external_id, outcome.reason);
  if (outcome.kind == PostOutcome::Kind::Posted) {
    r.type = RecordType::Posted;
    r.guid = outcome.order.guid;
    r.number = outcome.order.number;
    if (r.guid.empty()) {  // an answer without a guid cannot be trusted either way
      r.type = RecordType::PostFailed;
      r.text = "postorder answered without a guid";
    }
  } else {
    r.refused = outcome.kind == PostOutcome::Kind::Refused;
  }
  journal_error = record(r);
}

Settlement::Progressed Settlement::advance(const std::string& id, Mode mode) {
  const auto window = mode == Mode::Live ? config_.lookup_window : config_.recovery_lookup_window;
  Progressed out;
  auto fail = [&](std::string error) {
    out.journal_failed = true;
    out.blocked = "journal: " + error;
    return out;
  };
  auto blocked = [&](std::string why) {
    out.blocked = std::move(why);
    return out;
  };

  for (int step = 0; step < 32; ++step) {  // a bound, against a rule bug looping forever
    if (worker_->stopping()) return blocked("shutting down");
    auto found = journal_.entry(id);
    if (!found) return blocked("no journal entry");
    const JournalEntry e = *found;
    if (journal::isFinal(e.state)) {
      std::lock_guard lock(mutex_);
      absent_certain_after_.erase(id);
      post_sent_.erase(id);
      std::erase(awaiting_staff_, id);
      out.final = true;
      return out;
    }
    const bool needs_terminal = e.state == EntryState::Intent || e.state == EntryState::Unknown ||
                                e.state == EntryState::Posted || e.state == EntryState::ReversalRequested ||
                                e.state == EntryState::ReversalFailed;
    if (needs_terminal && e.driver != terminal_.driverName()) {
      return blocked("needs the '" + e.driver + "' terminal driver");
    }
    std::string error;
    switch (e.state) {
      case EntryState::Intent:
      case EntryState::Unknown: {
        // The answer never reached the journal: ask the terminal, which answers from its own records.
        PaymentResult r = terminal_.recover(purchaseRequestOf(e));
        if (r.kind == PaymentResult::Kind::Unknown) {
          if (e.state == EntryState::Unknown && !e.abandoned) {
            if (!(error = record(recordFor(RecordType::Abandoned, id, "recovery: " + r.text))).empty()) return fail(error);
          }
          return blocked("terminal cannot tell yet: " + r.text);
        }
        JournalRecord next = recordFor(RecordType::Cancelled, id, r.text);
        if (r.kind == PaymentResult::Kind::Approved) {
          next.type = RecordType::Approved;
          next.amount = r.amount;
          next.transaction = r.transaction;
          next.slip = r.slip;
        } else if (r.kind == PaymentResult::Kind::Declined) {
          next.type = RecordType::Declined;
          next.code = r.code;
        }
        if (!(error = record(next)).empty()) return fail(error);
        continue;
      }
      case EntryState::Approved: {
        // An approval for a guest who was told "not paid", or for the wrong amount, is undone.
        std::string reverse_because;
        if (e.abandoned) reverse_because = "approval learnt after the guest was told 'not paid'";
        if (e.approved_amount != e.amount) {
          reverse_because = "approved " + e.approved_amount.toDecimal() + " instead of " + e.amount.toDecimal();
        }
        if (!reverse_because.empty()) {
          if (!(error = record(recordFor(RecordType::ReversalRequested, id, reverse_because))).empty()) return fail(error);
          continue;  // → ReversalRequested: reverse
        }
        if (mode == Mode::Recovery) {
          // Posting is journalled before /postorder, so the order should not exist; look anyway (cheap, and it
          // covers a journal restored from an older copy).
          LookupOutcome look = lookupWithin(id, window);
          if (look.kind == LookupOutcome::Kind::Unknown) return blocked("ProCart unreachable: " + look.reason);
          if (look.kind == LookupOutcome::Kind::Found) {
            JournalRecord posted = recordFor(RecordType::Posted, id);
            posted.guid = look.order.guid;
            posted.number = look.order.number;
            posted.found_by_lookup = true;
            if (!(error = record(posted)).empty()) return fail(error);
            continue;
          }
        }
        if (!e.hasDraft()) {
          if (!(error = record(recordFor(RecordType::ReversalRequested, id, kNoDraft))).empty()) return fail(error);
          continue;
        }
        JournalRecord posting = recordFor(RecordType::Posting, id);
        posting.attempt = e.post_attempts + 1;
        if (!(error = record(posting)).empty()) return fail(error);
        postAndRecord(e, error);
        if (!error.empty()) return fail(error);
        continue;
      }
      case EntryState::Posting:
      case EntryState::PostFailed: {
        if (e.state == EntryState::PostFailed && e.post_refused) {
          if (!(error = record(recordFor(RecordType::ReversalRequested, id, "order refused: " + e.last_error))).empty()) {
            return fail(error);
          }
          continue;
        }
        // Outcome unknown (or interrupted by a crash): never post blindly; look the order up first — and not only
        // once: a post that got no answer may still be creating it.
        const AbsentWindow absent_window = absentWindow(e);
        bool too_late = false;
        LookupOutcome look = lookupWithin(id, window, &absent_window, &too_late);
        if (too_late) {
          // Neither posting again (a second order) nor reversing (an order without its money) is safe: staff look in
          // the POS. Until they do, the lookups go on in the background (the order may still show up).
          if (e.state == EntryState::Posting) {
            JournalRecord r = recordFor(RecordType::PostFailed, id, "post interrupted; " + look.reason);
            if (!(error = record(r)).empty()) return fail(error);
          }
          setAwaitingStaff(id, true);
          kiosk::log::error(kLog, id, ": staff must check the POS for this order (", e.approved_amount.toDecimal(),
                            " paid): ", look.reason);
          return blocked("staff must check the POS: " + look.reason);
        }
        if (look.kind == LookupOutcome::Kind::Unknown) return blocked("order may exist; ProCart: " + look.reason);
        setAwaitingStaff(id, false);
        if (look.kind == LookupOutcome::Kind::Found) {
          JournalRecord posted = recordFor(RecordType::Posted, id);
          posted.guid = look.order.guid;
          posted.number = look.order.number;
          posted.found_by_lookup = true;
          if (!(error = record(posted)).empty()) return fail(error);
          continue;
        }
        // Certainly absent.
        if (e.state == EntryState::Posting) {
          // A crash interrupted the post: record what the lookup learnt before deciding.
          JournalRecord r = recordFor(RecordType::PostFailed, id, "post interrupted; lookup: absent");
          r.refused = e.post_attempts >= 2;
          if (!(error = record(r)).empty()) return fail(error);
          continue;
        }
        if (e.post_attempts >= 2) {
          if (!(error = record(recordFor(RecordType::ReversalRequested, id, "order absent after a second post"))).empty()) {
            return fail(error);
          }
          continue;
        }
        if (!e.hasDraft()) {
          if (!(error = record(recordFor(RecordType::ReversalRequested, id, kNoDraft))).empty()) return fail(error);
          continue;
        }
        JournalRecord posting = recordFor(RecordType::Posting, id);
        posting.attempt = e.post_attempts + 1;
        if (!(error = record(posting)).empty()) return fail(error);
        auto current = journal_.entry(id);
        postAndRecord(*current, error);
        if (!error.empty()) return fail(error);
        continue;
      }
      case EntryState::Posted: {
        PaymentResult r = terminal_.confirm(purchaseRequestOf(e), approvedResultOf(e));
        if (r.kind != PaymentResult::Kind::Approved) {
          if (!(error = record(recordFor(RecordType::ConfirmFailed, id, r.text))).empty()) return fail(error);
          return blocked("confirmation failed: " + r.text);
        }
        if (!(error = record(recordFor(RecordType::Confirmed, id))).empty()) return fail(error);
        continue;
      }
      case EntryState::Confirmed:
        if (!(error = record(recordFor(RecordType::Closed, id, "paid, order " + e.order_number))).empty()) {
          return fail(error);
        }
        continue;
      case EntryState::ReversalFailed:
        if (!(error = record(recordFor(RecordType::ReversalRequested, id, "retry"))).empty()) return fail(error);
        continue;
      case EntryState::ReversalRequested: {
        PaymentResult r = terminal_.reverse(purchaseRequestOf(e), approvedResultOf(e));
        if (r.kind != PaymentResult::Kind::Approved) {
          if (!(error = record(recordFor(RecordType::ReversalFailed, id, r.text))).empty()) return fail(error);
          return blocked("reversal failed: " + r.text);
        }
        if (!(error = record(recordFor(RecordType::Reversed, id, r.text))).empty()) return fail(error);
        continue;
      }
      case EntryState::Reversed:
        if (!(error = record(recordFor(RecordType::Closed, id, "reversed"))).empty()) return fail(error);
        continue;
      case EntryState::Declined:
      case EntryState::Cancelled:
      case EntryState::Closed: break;  // final, handled above
    }
  }
  return blocked("too many steps (a rule loops)");
}

}  // namespace payment
