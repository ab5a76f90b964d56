#include "payment/sbpilot/sbpilot_terminal.h"

#include <signal.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <mutex>
#include <optional>

#include "kiosk/common/atomic_file.h"
#include "kiosk/common/log.h"
#include "payment/card_data.h"
#include "payment/sbpilot/koi8r.h"
#include "payment/sbpilot/process_runner.h"
#include "payment/sbpilot/result_file.h"

namespace payment::sbpilot {

namespace {

using Kind = PaymentResult::Kind;

PaymentResult make(Kind kind, std::string code, std::string text) {
  PaymentResult r;
  r.kind = kind;
  r.code = std::move(code);
  r.text = std::move(text);
  return r;
}

// The kernel stamps file times from the coarse realtime clock; reading the same clock at the start means a
// file written after the start can never look older than it.
int64_t coarseNowNs() {
  timespec ts{};
  clock_gettime(CLOCK_REALTIME_COARSE, &ts);
  return int64_t{ts.tv_sec} * 1'000'000'000 + ts.tv_nsec;
}

std::optional<int64_t> mtimeNs(const std::string& path) {
  struct stat st{};
  if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  return int64_t{st.st_mtim.tv_sec} * 1'000'000'000 + st.st_mtim.tv_nsec;
}

std::string signalName(int sig) {
  const char* name = ::sigabbrev_np(sig);
  return name ? std::string("SIG") + name : "signal " + std::to_string(sig);
}

// The last "return:<code>" line on stdout, if the profile looks for one.
std::optional<std::string> stdoutCode(const std::string& output, const std::string& prefix) {
  if (prefix.empty()) return std::nullopt;
  std::optional<std::string> found;
  for (size_t pos = output.find(prefix); pos != std::string::npos; pos = output.find(prefix, pos + 1)) {
    size_t i = pos + prefix.size();
    while (i < output.size() && output[i] == ' ') ++i;
    std::string code;
    if (i < output.size() && output[i] == '-') code.push_back(output[i++]);
    while (i < output.size() && std::isdigit(static_cast<unsigned char>(output[i]))) code.push_back(output[i++]);
    if (!code.empty() && code != "-") found = code;
  }
  return found;
}

enum class Operation { Purchase, Cancel, Return, Lookup, Reconcile };

const char* operationName(Operation op) {
  switch (op) {
    case Operation::Purchase: return "purchase";
    case Operation::Cancel: return "cancel";
    case Operation::Return: return "return";
    case Operation::Lookup: return "lookup";
    case Operation::Reconcile: return "day close";
  }
  return "?";
}

// A request id as purchases carry it (/q=…) and lookups name it: 1–32 hex digits.
bool isRequestId(const std::string& text) {
  if (text.empty() || text.size() > 32) return false;
  for (char c : text)
    if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

struct Placeholders {
  std::string amount;
  std::string rrn;
  std::string request_id;
};

std::vector<std::string> expand(const std::vector<std::string>& args, const Placeholders& values) {
  std::vector<std::string> out;
  for (std::string arg : args) {
    for (auto [name, value] : {std::pair<std::string, const std::string*>{"{amount}", &values.amount},
                               {"{rrn}", &values.rrn},
                               {"{request_id}", &values.request_id}}) {
      for (size_t pos = arg.find(name); pos != std::string::npos; pos = arg.find(name, pos + value->size()))
        arg.replace(pos, name.size(), *value);
    }
    out.push_back(std::move(arg));
  }
  return out;
}

// What one run left behind.
struct Run {
  std::optional<ProcessOutcome> process;  // absent when reading a previous run's files (recover)
  bool result_present = false;            // a result file written during this run
  bool result_stale = false;              // a result file older than the run's start (ignored)
  std::optional<SbPilotResult> result;
  std::string result_error;
  std::string slip;
  std::optional<std::string> stdout_code;
};

class SbPilotTerminal final : public Terminal {
 public:
  explicit SbPilotTerminal(SbPilotConfig config) : config_(std::move(config)) {}

  std::string driverName() const override { return "sbpilot"; }

  std::string nextOperationRef() override {
    // The purchase's request id (/q=…): 12 hex digits of the wall clock in milliseconds, never the same twice in
    // this process; the journal keeps it, so after a crash `52 <request id>` can ask the module about it.
    int64_t id = coarseNowNs() / 1'000'000;
    int64_t last = last_request_id_.load();
    while (true) {
      if (id <= last) id = last + 1;
      if (last_request_id_.compare_exchange_weak(last, id)) break;
    }
    char text[24];
    std::snprintf(text, sizeof text, "%012llX", static_cast<unsigned long long>(id) & 0xFFFFFFFFFFFFull);
    return text;
  }

  PaymentResult purchase(const PurchaseRequest& request, const ProgressSink& progress, CancelToken& cancel) override {
    std::lock_guard lock(mutex_);
    if (request.amount.kopecks() <= 0)
      return make(Kind::Declined, "kiosk.invalid_request",
                  "amount " + std::to_string(request.amount.kopecks()) + " kopecks is not positive");
    if (request.operation_ref.empty())
      return make(Kind::Declined, "kiosk.invalid_request", "operation reference is empty");
    if (!isRequestId(request.operation_ref))
      return make(Kind::Declined, "kiosk.invalid_request",
                  "operation reference \"" + request.operation_ref + "\" is not a request id (1–32 hex digits)");
    if (cancel.cancelled()) return make(Kind::Cancelled, "", "cancelled before the terminal was asked");
    // Once sb_pilot runs, only the pin-pad can cancel: killing it mid-authorisation would leave the outcome open.
    if (progress) progress({"payment.insert_card", "", false});
    const std::string amount = std::to_string(request.amount.kopecks());
    std::string prepare_error;
    Run run = execute(request.operation_ref, Operation::Purchase,
                      expand(config_.profile.purchase_args, {amount, "", request.operation_ref}), prepare_error);
    if (!prepare_error.empty()) return make(Kind::Declined, "kiosk.not_started", prepare_error);
    return interpret(run, Operation::Purchase, request.amount, request.operation_ref);
  }

  PaymentResult confirm(const PurchaseRequest&, const PaymentResult& approved) override {
    // One-phase protocol: the sale is complete once approved.
    PaymentResult done = approved;
    if (done.kind == Kind::Approved) done.text = "nothing to confirm (one-phase)";
    return done;
  }

  PaymentResult reverse(const PurchaseRequest& request, const PaymentResult& approved) override {
    return undo(request, approved, "reverse");
  }

  PaymentResult refund(const PurchaseRequest& request, const PaymentResult& approved) override {
    return undo(request, approved, "refund");
  }

  PaymentResult recover(const PurchaseRequest& request) override {
    std::lock_guard lock(mutex_);
    // The crashed run may have left its own result file: that answers without asking the module.
    std::string why_not;
    if (auto stored = resultOfLastRun(request, why_not)) return *stored;
    if (config_.profile.lookup_args.empty())
      return make(Kind::Unknown, "", "no result file of that run (" + why_not + ") and the profile has no lookup: " +
                                         "treat the payment as unpaid and check the slip/bank");
    if (!isRequestId(request.operation_ref))
      return make(Kind::Unknown, "", "\"" + request.operation_ref + "\" is not a request id the module knows " +
                                         "(made before request ids): check the slip/bank");
    return lookup(request);
  }

  TerminalCapabilities capabilities() const override {
    TerminalCapabilities c;
    c.day_close = true;      // sb_pilot 7
    c.refund = true;         // cancel (8) or return (3) by RRN
    c.guest_cancel = false;  // only on the pin-pad: killing sb_pilot mid-authorisation would leave the outcome open
    return c;
  }

  ReconcileResult reconcile() override {
    std::lock_guard lock(mutex_);
    std::string prepare_error;
    Run run = execute("reconcile-" + std::to_string(coarseNowNs() / 1'000'000), Operation::Reconcile,
                      config_.profile.reconcile_args, prepare_error);
    if (!prepare_error.empty()) return {ReconcileResult::Kind::Failed, prepare_error};
    const PaymentResult r = interpret(run, Operation::Reconcile, Money(), "");
    if (r.kind == Kind::Approved) return {ReconcileResult::Kind::Done, run.slip.empty() ? "day close done" : run.slip};
    return {ReconcileResult::Kind::Failed, "day close failed: " + r.text + (r.code.empty() ? "" : " (" + r.code + ")")};
  }

  TerminalStatus status() override {
    std::unique_lock lock(mutex_, std::try_to_lock);
    if (!lock.owns_lock()) return {true, "busy"};
    struct stat st{};
    if (::stat(config_.working_dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
      return {false, "working directory " + config_.working_dir + " is missing"};
    if (::access(config_.program.c_str(), X_OK) != 0)
      return {false, "sb_pilot not executable at " + config_.program + ": " + std::strerror(errno)};
    // Asking the pin-pad itself needs a run (and an unconfirmed operation code), so this checks only the setup.
    return {true, "ready (program present; pin-pad link not checked)"};
  }

 private:
  std::string path(const std::string& name) const { return config_.working_dir + "/" + name; }

  // What the last run left, when the run marker names `run_ref` and `op` and a result file written during that run
  // is still there; otherwise nullopt and `why_not`. After a crash this answers without running sb_pilot again.
  std::optional<Run> lastRunOf(const std::string& run_ref, Operation op, std::string& why_not) const {
    auto marker_text = kiosk::files::readAll(path(config_.run_marker));
    if (!marker_text) {
      why_not = "no run marker";
      return std::nullopt;
    }
    const auto marker = nlohmann::json::parse(*marker_text, nullptr, false);
    if (marker.is_discarded() || !marker.is_object() || !marker.contains("operation_ref") ||
        !marker["operation_ref"].is_string() || !marker.contains("started_ns") ||
        !marker["started_ns"].is_number_integer()) {
      why_not = "run marker unreadable";
      return std::nullopt;
    }
    if (marker["operation_ref"].get<std::string>() != run_ref ||
        marker.value("operation", std::string()) != operationName(op)) {
      why_not = "the last run was another operation";
      return std::nullopt;
    }
    Run run;
    readResultFiles(marker["started_ns"].get<int64_t>(), run);
    if (!run.result_present) {
      why_not = "that run wrote no result file";
      return std::nullopt;
    }
    return run;
  }

  // The result of the purchase's own run when its result file is still there.
  std::optional<PaymentResult> resultOfLastRun(const PurchaseRequest& request, std::string& why_not) const {
    auto run = lastRunOf(request.operation_ref, Operation::Purchase, why_not);
    if (!run) return std::nullopt;
    kiosk::log::info("sbpilot", "recover ", request.operation_ref, ": reading the result file of that run");
    return interpret(*run, Operation::Purchase, request.amount, request.operation_ref);
  }

  // `52 <request id>`: the module tells what became of the purchase that carried that id.
  PaymentResult lookup(const PurchaseRequest& request) {
    std::string prepare_error;
    Run run = execute(request.operation_ref + "-lookup", Operation::Lookup,
                      expand(config_.profile.lookup_args, {"", "", request.operation_ref}), prepare_error);
    if (!prepare_error.empty()) return make(Kind::Unknown, "", "lookup not run: " + prepare_error);
    const std::string& id = request.operation_ref;
    if (run.process && run.process->end != ProcessOutcome::End::Exited) {
      return make(Kind::Unknown, "", "lookup of request " + id + " did not finish (" +
                                         (run.process->end == ProcessOutcome::End::TimedOut
                                              ? std::string("timed out")
                                              : signalName(run.process->signal)) + ")");
    }
    std::optional<std::string> code;
    std::string program_text;
    if (run.result) {
      code = run.result->code;
      program_text = run.result->text;
    } else if (!run.result_present && run.stdout_code) {
      code = run.stdout_code;
    }
    if (!code) {
      return make(Kind::Unknown, "", "lookup of request " + id + ": " +
                                         (run.result_present ? "unreadable result file: " + run.result_error
                                                             : std::string("no result file")));
    }
    if (config_.profile.lookupAbsent(*code)) {
      kiosk::log::info("sbpilot", "lookup ", id, ": the module has no such purchase (", *code, ")");
      return make(Kind::Cancelled, *code, "no purchase carried request id " + id + ": it never reached the bank");
    }
    if (config_.profile.isApproved(*code) && !run.result) {
      return make(Kind::Unknown, "", "lookup of request " + id + " printed an approval but wrote no result file");
    }
    // Approved or not, the rows are the original purchase's: read them as its own result would be read.
    PaymentResult r = interpret(run, Operation::Lookup, request.amount, id);
    if (r.kind == Kind::Approved) kiosk::log::info("sbpilot", "lookup ", id, ": the purchase was approved");
    return r;
  }

  std::string decode(const std::string& bytes) const {
    std::string text = config_.profile.encoding == "koi8-r" ? koi8rToUtf8(bytes) : bytes;
    std::string out;
    for (size_t i = 0; i < text.size(); ++i)
      if (!(text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n')) out.push_back(text[i]);
    return out;
  }

  // Reads e and p if they were written at or after `started_ns`.
  void readResultFiles(int64_t started_ns, Run& run) const {
    const std::string result_path = path(config_.profile.result_file);
    if (auto mtime = mtimeNs(result_path)) {
      if (*mtime < started_ns) {
        run.result_stale = true;
        kiosk::log::warn("sbpilot", "ignored ", result_path, ": older than this run");
      } else if (auto bytes = kiosk::files::readAll(result_path)) {
        run.result_present = true;
        run.result = parseResultFile(decode(*bytes), config_.profile, run.result_error);
      }
    }
    const std::string slip_path = path(config_.profile.slip_file);
    if (auto mtime = mtimeNs(slip_path); mtime && *mtime >= started_ns) {
      if (auto bytes = kiosk::files::readAll(slip_path)) run.slip = maskPanRuns(decode(*bytes));
    }
  }

  // Deletes the old result files, writes the run marker, runs the program and reads what it left.
  // `prepare_error` is set (and nothing ran) when the stage could not be set.
  Run execute(const std::string& operation_ref, Operation op, const std::vector<std::string>& args,
              std::string& prepare_error) {
    Run run;
    for (const auto& name : {config_.profile.result_file, config_.profile.slip_file}) {
      const std::string p = path(name);
      if (::unlink(p.c_str()) != 0 && errno != ENOENT) {
        prepare_error = "cannot remove the previous " + p + ": " + std::strerror(errno);
        return run;
      }
    }
    const int64_t started_ns = coarseNowNs();
    const nlohmann::json marker = {
        {"operation_ref", operation_ref}, {"operation", operationName(op)}, {"started_ns", started_ns}};
    if (std::string error = kiosk::files::writeAtomically(path(config_.run_marker), marker.dump()); !error.empty()) {
      prepare_error = "cannot write the run marker: " + error;
      return run;
    }
    kiosk::log::info("sbpilot", operationName(op), " ", operation_ref, ": running ", config_.program, " ", args[0]);
    run.process = runProcess(config_.program, args, config_.working_dir, config_.timeout_ms, config_.kill_grace_ms);
    if (run.process->end == ProcessOutcome::End::FailedToStart) {
      prepare_error = "sb_pilot did not start: " + run.process->error;
      return run;
    }
    run.stdout_code = stdoutCode(run.process->output, config_.profile.stdout_code_prefix);
    readResultFiles(started_ns, run);
    return run;
  }

  // Undoes a sale by its RRN: a cancel (op 8) while the module's day still holds the sale, and when it no longer
  // does ("operations not found", 4118) a return (op 3).
  PaymentResult undo(const PurchaseRequest& request, const PaymentResult& approved, const char* what) {
    std::lock_guard lock(mutex_);
    const std::string& rrn = approved.transaction.rrn;
    if (rrn.empty()) return make(Kind::Declined, "kiosk.invalid_request", std::string(what) + " needs the sale's RRN");
    for (char c : rrn) {
      if (!std::isalnum(static_cast<unsigned char>(c)))
        return make(Kind::Declined, "kiosk.invalid_request", "RRN \"" + rrn + "\" has characters other than letters/digits");
    }
    const Money amount = approved.amount.kopecks() > 0 ? approved.amount : request.amount;
    if (amount.kopecks() <= 0) return make(Kind::Declined, "kiosk.invalid_request", "nothing to return: amount is 0");
    const Placeholders values{std::to_string(amount.kopecks()), rrn, ""};
    // Asked again after a crash: the undo that already ran (its result file still there) is not run twice — the
    // module would answer "not found" to a second cancel of the same sale.
    for (Operation earlier : {Operation::Cancel, Operation::Return}) {
      std::string why_not;
      const std::string ref = request.operation_ref + (earlier == Operation::Cancel ? "-cancel" : "-return");
      if (auto run = lastRunOf(ref, earlier, why_not)) {
        PaymentResult r = interpret(*run, earlier, amount, "");
        if (r.kind == Kind::Approved) {
          kiosk::log::info("sbpilot", what, " ", request.operation_ref, ": already done by the last run (", ref, ")");
          r.text = std::string(what) + ": already " + (earlier == Operation::Cancel ? "cancelled" : "returned") +
                   " by RRN " + rrn + " (the result of the earlier run)";
          return r;
        }
      }
    }
    std::string prepare_error;
    Run run = execute(request.operation_ref + "-cancel", Operation::Cancel, expand(config_.profile.cancel_args, values),
                      prepare_error);
    if (!prepare_error.empty()) return make(Kind::Declined, "kiosk.not_started", prepare_error);
    PaymentResult cancelled = interpret(run, Operation::Cancel, amount, "");
    if (cancelled.kind == Kind::Approved) {
      cancelled.text = std::string(what) + ": cancelled by RRN " + rrn + " (the same day)";
      return cancelled;
    }
    if (cancelled.kind != Kind::Declined || !config_.profile.cancelFallsBack(cancelled.code)) return cancelled;
    kiosk::log::info("sbpilot", what, " ", request.operation_ref, ": the day no longer holds RRN ", rrn,
                     " (", cancelled.code, "): returning it instead");
    run = execute(request.operation_ref + "-return", Operation::Return, expand(config_.profile.return_args, values),
                  prepare_error);
    if (!prepare_error.empty()) return make(Kind::Declined, "kiosk.not_started", prepare_error);
    PaymentResult returned = interpret(run, Operation::Return, amount, "");
    if (returned.kind == Kind::Approved) returned.text = std::string(what) + ": money returned by RRN " + rrn;
    return returned;
  }

  // `request_id`: the purchase's id, checked against the result's own request id row when the module writes one.
  PaymentResult interpret(const Run& run, Operation op, Money amount, const std::string& request_id) const {
    const std::string what = std::string("sb_pilot ") + operationName(op);
    if (run.process) {
      const ProcessOutcome& p = *run.process;
      if (p.end == ProcessOutcome::End::TimedOut)
        return make(Kind::Unknown, "", what + " did not finish within " + std::to_string(config_.timeout_ms) +
                                           " ms; its process group was killed");
      if (p.end == ProcessOutcome::End::Signalled)
        return make(Kind::Unknown, "", what + " crashed (" + signalName(p.signal) + ")");
    }
    if (!run.result_present) {
      if (run.stdout_code && !config_.profile.isApproved(*run.stdout_code))
        return mapCode(*run.stdout_code, "", what);
      std::string why = run.result_stale ? "only a result file from an earlier run is there" : "it wrote no result file";
      if (run.stdout_code) why += " though it printed return:" + *run.stdout_code;
      if (run.process && run.process->exit_code != 0) why += "; exit status " + std::to_string(run.process->exit_code);
      return make(Kind::Unknown, "", what + ": outcome unknown, " + why);
    }
    if (!run.result) return make(Kind::Unknown, "", what + ": unreadable result file: " + run.result_error);

    const SbPilotResult& e = *run.result;
    const bool approved = config_.profile.isApproved(e.code);
    if (run.stdout_code && config_.profile.isApproved(*run.stdout_code) != approved)
      return make(Kind::Unknown, "", what + ": result file says " + e.code + " but stdout says return:" + *run.stdout_code);
    if (approved && run.process && run.process->exit_code != 0)
      return make(Kind::Unknown, "", what + ": result file says approved but the exit status is " +
                                         std::to_string(run.process->exit_code));
    if (!approved) return mapCode(e.code, e.text, what);
    if (!request_id.empty() && !e.request_id.empty() && !sameRequestId(e.request_id, request_id))
      return make(Kind::Unknown, "", what + ": the result names request " + e.request_id + ", not " + request_id);

    PaymentResult r;
    r.kind = Kind::Approved;
    r.amount = amount;
    r.code = e.code;
    r.slip = run.slip;
    r.transaction.rrn = e.rrn;
    r.transaction.auth_code = e.auth_code;
    r.transaction.card_mask = e.card_mask;
    r.transaction.terminal_id = e.terminal_id;
    r.transaction.paid_at = isoFromCompactDateTime(e.date_time);
    r.transaction.card_type = e.card_type.empty() ? cardTypeFromSlip(run.slip) : e.card_type;
    if (op == Operation::Reconcile) kiosk::log::info("sbpilot", what, " done");
    else kiosk::log::info("sbpilot", what, " approved, RRN ", e.rrn, ", card ", e.card_mask);
    return r;
  }

  PaymentResult mapCode(const std::string& code, const std::string& program_text, const std::string& what) const {
    std::string text;
    Kind kind = Kind::Declined;
    if (auto it = config_.profile.codes.find(code); it != config_.profile.codes.end()) {
      kind = it->second.kind;
      text = it->second.text;
    } else {
      text = "declined (code " + code + ")";
    }
    if (!program_text.empty()) text += ": " + program_text;
    kiosk::log::info("sbpilot", what, " → ", resultKindLabel(kind), " ", code, " ", text);
    return make(kind, code, text);
  }

  static const char* resultKindLabel(Kind kind) {
    switch (kind) {
      case Kind::Approved: return "approved";
      case Kind::Declined: return "declined";
      case Kind::Cancelled: return "cancelled";
      case Kind::Unknown: return "unknown";
    }
    return "?";
  }

  static bool sameRequestId(const std::string& a, const std::string& b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
      if (std::toupper(static_cast<unsigned char>(a[i])) != std::toupper(static_cast<unsigned char>(b[i]))) return false;
    return true;
  }

  SbPilotConfig config_;
  std::mutex mutex_;  // one sb_pilot at a time: it owns the pin-pad
  std::atomic<int64_t> last_request_id_{0};
};

}  // namespace

std::unique_ptr<payment::Terminal> makeSbPilotTerminal(const SbPilotConfig& config) {
  return std::make_unique<SbPilotTerminal>(config);
}

}  // namespace payment::sbpilot
