#include "payment/settlement.h"

#include <algorithm>
#include <cstdio>
#include <future>

#include "kiosk/common/log.h"
#include "payment/journal/draft_json.h"

namespace payment {

using journal::EntryState;
using journal::JournalRecord;
using journal::RecordType;

namespace {
constexpr const char* kLog = "settlement";
}

Settlement::Settlement(journal::Journal& journal, Terminal& terminal, OrderGateway& gateway, SettlementConfig config,
                       SettlementSink sink)
    : journal_(journal),
      terminal_(terminal),
      gateway_(gateway),
      config_(std::move(config)),
      sink_(std::move(sink)),
      worker_(std::make_unique<TerminalWorker>()) {}

Settlement::~Settlement() { worker_.reset(); }

std::string Settlement::cartDigest(const kiosk::OrderDraft& draft) {
  std::string text = journal::draftToJson(draft).dump();
  uint64_t hash = 0xcbf29ce484222325ULL;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 0x100000001b3ULL;
  }
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(hash));
  return buffer;
}

std::string Settlement::pay(PayRequest request) {
  const std::string& id = request.draft.external_id;
  if (id.empty()) return "the order draft has no external_id";
  if (request.amount.kopecks() <= 0) return "the amount to pay must be positive";
  if (!journal_.canAcceptPayments()) return "payments refused: " + journal_.refuseReason();
  if (journal_.entry(id)) return "external_id " + id + " already has a payment in the journal";
  {
    std::lock_guard lock(mutex_);
    if (!active_id_.empty()) return "busy with payment " + active_id_;
    active_id_ = id;
    cancel_token_ = std::make_shared<CancelToken>();
  }
  worker_->post([this, request = std::move(request)]() mutable {
    const std::string id = request.draft.external_id;
    if (std::string why = settleEarlierOperations(id); !why.empty()) {
      {
        std::lock_guard lock(mutex_);
        active_id_.clear();
        cancel_token_.reset();
      }
      kiosk::log::warn(kLog, id, ": payment not started: ", why);
      emit(id, settle::Failed{"payment.unavailable", why});
      return;
    }
    std::string op_ref = terminal_.nextOperationRef();
    runPayment(std::move(request), std::move(op_ref));
  });
  return {};
}

void Settlement::cancel() {
  std::lock_guard lock(mutex_);
  if (cancel_token_) cancel_token_->cancel();
}

bool Settlement::busy() const {
  std::lock_guard lock(mutex_);
  return !active_id_.empty();
}

void Settlement::emit(const std::string& external_id, SettlementEvent event) {
  kiosk::log::info(kLog, external_id, ": ", settlementEventName(event));
  if (sink_) sink_(SettlementUpdate{external_id, std::move(event)});
}

void Settlement::runPayment(PayRequest request, std::string op_ref) {
  const std::string id = request.draft.external_id;
  std::shared_ptr<CancelToken> token;
  {
    std::lock_guard lock(mutex_);
    token = cancel_token_;
  }
  auto done = [&] {
    std::lock_guard lock(mutex_);
    active_id_.clear();
    cancel_token_.reset();
  };

  JournalRecord intent;
  intent.type = RecordType::Intent;
  intent.external_id = id;
  intent.amount = request.amount;
  intent.cart_digest = cartDigest(request.draft);
  intent.op_ref = op_ref;
  intent.driver = terminal_.driverName();
  intent.currency_id = config_.currency_id;
  intent.draft = request.draft;
  if (std::string error = record(intent); !error.empty()) {
    done();
    emit(id, settle::Failed{"payment.unavailable", error});
    return;
  }

  PurchaseRequest purchase{request.amount, id, op_ref};
  PaymentResult result = terminal_.purchase(
      purchase,
      [&](const TerminalProgress& p) { emit(id, settle::Progress{p.message_key, p.terminal_text, p.cancellable}); },
      *token);

  if (result.kind == PaymentResult::Kind::Unknown) {
    JournalRecord unknown = journal::makeRecord(RecordType::Unknown, id);
    unknown.text = result.text;
    if (std::string error = record(unknown); !error.empty()) {
      // Neither paid nor unpaid is known and nothing more can be written: staff must look.
      done();
      emit(id, settle::Failed{"payment.staff_needed", error});
      return;
    }
    PaymentResult recovered = terminal_.recover(purchase);
    if (recovered.kind == PaymentResult::Kind::Unknown) {
      JournalRecord abandoned = journal::makeRecord(RecordType::Abandoned, id);
      abandoned.text = "guest told 'not paid': " + recovered.text;
      record(abandoned);
      done();
      emit(id, settle::Failed{"payment.unknown_outcome", result.text + "; recover: " + recovered.text});
      return;
    }
    result = recovered;
  }

  if (result.kind == PaymentResult::Kind::Declined || result.kind == PaymentResult::Kind::Cancelled) {
    bool declined = result.kind == PaymentResult::Kind::Declined;
    JournalRecord final_record = journal::makeRecord(declined ? RecordType::Declined : RecordType::Cancelled, id);
    final_record.code = result.code;
    final_record.text = result.text;
    record(final_record);  // nothing was charged: a lost record loses no money
    done();
    if (declined) emit(id, settle::Declined{result.code, result.text});
    else emit(id, settle::Cancelled{});
    return;
  }

  JournalRecord approved = journal::makeRecord(RecordType::Approved, id);
  approved.amount = result.amount;
  approved.transaction = result.transaction;
  approved.slip = result.slip;
  if (std::string error = record(approved); !error.empty()) {
    // Charged, but the journal cannot say so: do nothing more (an unrecorded reversal or post would be worse).
    kiosk::log::error(kLog, id, ": approved payment not journalled: ", error);
    done();
    emit(id, settle::OrderPostFailed{false, result.amount, "payment.staff_needed"});
    return;
  }
  emit(id, settle::Approved{result.transaction, result.amount});
  Progressed progressed = advance(id, Mode::Live);
  done();
  finishLive(id, progressed);
}

void Settlement::finishLive(const std::string& id, const Progressed& progressed) {
  auto entry = journal_.entry(id);
  if (!entry) return;
  Money amount = entry->approved_amount;
  if (progressed.journal_failed) {
    emit(id, settle::OrderPostFailed{false, amount, "payment.staff_needed"});
    return;
  }
  if (!progressed.blocked.empty()) {
    kiosk::log::warn(kLog, id, ": left open: ", progressed.blocked);
    std::lock_guard lock(mutex_);
    retry_[id] = {std::chrono::steady_clock::now() + config_.retry_backoff_first, config_.retry_backoff_first};
  }
  bool order_exists = entry->state == EntryState::Posted || entry->was_confirmed;
  if (order_exists) {
    emit(id, settle::OrderPosted{kiosk::PostedOrder{entry->order_guid, entry->order_number, kiosk::OrderStatus::New}});
  } else if (entry->state == EntryState::Closed && entry->was_reversed) {
    emit(id, settle::OrderPostFailed{true, amount, "payment.reversed"});
  } else if (entry->state == EntryState::ReversalRequested || entry->state == EntryState::ReversalFailed) {
    emit(id, settle::OrderPostFailed{false, amount, "payment.reversal_pending"});
  } else {
    emit(id, settle::OrderPostFailed{false, amount, "payment.order_pending"});
  }
}

RecoveryReport Settlement::recoverAll() {
  RecoveryReport report;
  if (worker_->onWorkerThread()) {
    driveOpenEntries(Mode::Recovery, &report, false);
    compareWithTerminal();
    return report;
  }
  std::promise<void> finished;
  worker_->post([&] {
    driveOpenEntries(Mode::Recovery, &report, false);
    compareWithTerminal();
    finished.set_value();
  });
  finished.get_future().wait();
  return report;
}

std::string Settlement::settleEarlierOperations(const std::string& new_id) {
  if (!terminal_.capabilities().single_operation) return {};
  for (const auto& entry : journal_.openEntries()) {
    if (entry.external_id == new_id || entry.driver != terminal_.driverName()) continue;
    // A new operation would make this one unreachable at the terminal (its outcome, its FIN): settle it first.
    Progressed progressed = advance(entry.external_id, Mode::Recovery);
    if (progressed.final) continue;
    {
      std::lock_guard lock(mutex_);
      retry_[entry.external_id] = {std::chrono::steady_clock::now() + config_.retry_backoff_first,
                                   config_.retry_backoff_first};
    }
    return "the terminal's operation " + entry.op_ref + " (" + entry.external_id + ") is not settled yet: " +
           progressed.blocked;
  }
  return {};
}

void Settlement::compareWithTerminal() {
  if (journal_.stats().corrupt_records == 0) return;
  const std::optional<std::string> last = terminal_.lastOperationRef();
  if (!last) return;
  for (const auto& entry : journal_.lastPayments(SIZE_MAX)) {
    if (entry.op_ref == *last && entry.driver == terminal_.driverName()) return;  // the journal explains it
  }
  std::string finding = "the terminal's last operation is " + *last + ", and the damaged journal has no record of it: "
                        "it may be a paid card with no order. Find operation " + *last +
                        " in the terminal's report; if it was approved and no order carries it, return it from the "
                        "terminal's menu or the acquirer's back office";
  kiosk::log::error(kLog, finding);
  std::lock_guard lock(mutex_);
  if (std::find(findings_.begin(), findings_.end(), finding) == findings_.end()) findings_.push_back(finding);
}

std::vector<std::string> Settlement::findings() const {
  std::lock_guard lock(mutex_);
  return findings_;
}

void Settlement::retryOpen() {
  {
    std::lock_guard lock(mutex_);
    if (retry_queued_) return;
    retry_queued_ = true;
  }
  worker_->post([this] {
    {
      std::lock_guard lock(mutex_);
      retry_queued_ = false;
    }
    driveOpenEntries(Mode::Recovery, nullptr, true);
  });
}

std::string Settlement::staffFinding(const std::string& id, StaffFinding finding) {
  if (!isAwaitingStaff(id)) return id + " is not waiting for staff";
  worker_->post([this, id, finding] { applyStaffFinding(id, finding); });
  return {};
}

bool Settlement::isAwaitingStaff(const std::string& id) const {
  std::lock_guard lock(mutex_);
  return std::find(awaiting_staff_.begin(), awaiting_staff_.end(), id) != awaiting_staff_.end();
}

void Settlement::setAwaitingStaff(const std::string& id, bool awaiting) {
  std::lock_guard lock(mutex_);
  auto it = std::find(awaiting_staff_.begin(), awaiting_staff_.end(), id);
  if (awaiting && it == awaiting_staff_.end()) awaiting_staff_.push_back(id);
  if (!awaiting && it != awaiting_staff_.end()) awaiting_staff_.erase(it);
}

void Settlement::recordAndAdvance(JournalRecord r) {
  const std::string id = r.external_id;
  if (!record(std::move(r)).empty()) return;
  setAwaitingStaff(id, false);
  Progressed progressed = advance(id, Mode::Recovery);
  if (!progressed.final) {
    std::lock_guard lock(mutex_);
    retry_[id] = {std::chrono::steady_clock::now() + config_.retry_backoff_first, config_.retry_backoff_first};
  }
}

void Settlement::applyStaffFinding(const std::string& id, StaffFinding finding) {
  if (!isAwaitingStaff(id)) return;  // a background lookup or a callback settled it meanwhile
  auto entry = journal_.entry(id);
  if (!entry || entry->state != EntryState::PostFailed || entry->post_refused) return;
  JournalRecord r = journal::makeRecord(RecordType::ReversalRequested, id, "staff: the order is not in the POS");
  if (finding == StaffFinding::OrderInPos) {
    r = journal::makeRecord(RecordType::Posted, id, "staff: the order is in the POS");
    r.found_by_lookup = true;
  }
  r.by_staff = true;
  kiosk::log::warn(kLog, id, ": ", r.text);
  recordAndAdvance(std::move(r));
}

bool Settlement::orderSeen(const std::string& id, const std::string& guid) {
  if (id.empty() || guid.empty()) return false;
  auto entry = journal_.entry(id);
  if (!entry || (entry->state != EntryState::Posting && entry->state != EntryState::PostFailed) || entry->post_refused) {
    return false;
  }
  worker_->post([this, id, guid] { applyOrderSeen(id, guid); });
  return true;
}

void Settlement::applyOrderSeen(const std::string& id, const std::string& guid) {
  auto entry = journal_.entry(id);
  if (!entry || entry->state != EntryState::PostFailed || entry->post_refused) return;  // settled meanwhile
  LookupOutcome look = gateway_.findByGuid(guid);
  if (look.kind != LookupOutcome::Kind::Found || look.order.external_id != id) {
    kiosk::log::warn(kLog, id, ": callback named order ", guid, ", not confirmed: ",
                     look.kind == LookupOutcome::Kind::Found ? "it belongs to " + look.order.external_id : look.reason);
    return;
  }
  JournalRecord posted = journal::makeRecord(RecordType::Posted, id);
  posted.guid = look.order.guid;
  posted.number = look.order.number;
  posted.found_by_lookup = true;
  kiosk::log::info(kLog, id, ": order ", guid, " (#", look.order.number, ") confirmed by guid after ProCart's callback");
  recordAndAdvance(std::move(posted));
}

void Settlement::driveOpenEntries(Mode mode, RecoveryReport* report, bool only_due) {
  auto now = std::chrono::steady_clock::now();
  for (const auto& entry : journal_.openEntries()) {
    const std::string& id = entry.external_id;
    {
      std::lock_guard lock(mutex_);
      if (id == active_id_) continue;  // the live payment drives itself
      auto it = retry_.find(id);
      if (only_due && it != retry_.end() && it->second.next > now) continue;
    }
    if (worker_->stopping()) return;
    Progressed progressed = advance(id, mode);
    auto after = journal_.entry(id);
    std::string state = after ? journal::entryStateName(after->state) : "?";
    std::string line = id + ": " + (after ? after->outcomeText() : state);
    if (!progressed.blocked.empty()) line += " [" + progressed.blocked + "]";
    kiosk::log::info(kLog, "recovery ", line);
    {
      std::lock_guard lock(mutex_);
      if (progressed.final) {
        retry_.erase(id);
      } else {
        RetryState& retry = retry_[id];
        retry.backoff = retry.backoff.count() == 0 ? config_.retry_backoff_first
                                                   : std::min(retry.backoff * 2, config_.retry_backoff_max);
        retry.next = std::chrono::steady_clock::now() + retry.backoff;
      }
    }
    if (report) {
      ++report->examined;
      progressed.final ? ++report->settled : ++report->still_open;
      report->lines.push_back(line);
    }
  }
}

}  // namespace payment
