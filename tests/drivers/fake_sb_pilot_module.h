#pragma once
// The module's memory and its operations, as payment-terminals.md ("Second real driver: Sberbank UPOS") describes
// the real sb_pilot: purchases (with an optional /q= request id), cancel of a current-day sale by RRN (op 8), return
// by RRN on any day (op 3), lookup of a request's result (op 52) and day close (op 7).
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace fake_sb_pilot {

// ---------------------------------------------------------------------------------------------------------------
// Memory (./fake-sb-pilot-state.json)
// ---------------------------------------------------------------------------------------------------------------

struct Sale {
  std::string rrn;
  long long amount = 0;  // kopecks
  std::string request_id;
  long day = 0;
  std::string undone;  // "", "cancel" or "return": a sale is undone at most once
};

// A money event: one ledger line, and what day close adds up.
struct MoneyEvent {
  std::string op;  // "purchase", "cancel", "return", "day_close"
  long long amount = 0;
  std::string rrn;  // the sale's RRN for purchase, cancel and return; empty for day close
  std::string request_id;
  long day = 0;
};

// The result a purchase with a request id gave, exactly as its own e and p carried it.
struct RememberedResult {
  std::vector<std::string> rows;  // e's lines (UTF-8); rows[0] is "code,text"
  std::string slip;               // empty for a decline
};

struct ModuleState {
  long day = 1;                             // the current (open) day; earlier days are closed
  long long next_operation_number = 42;     // row 4 of the next approved operation
  long long next_rrn = 1;                   // counter behind row 9
  long long purchases_invoked = 0;          // op 1 invocations so far (the purchase_script index)
  std::vector<Sale> sales;
  std::vector<MoneyEvent> events;
  std::map<std::string, RememberedResult> results;  // by request id in lower case
};

// Absent file → a fresh module. Throws std::runtime_error when the file is not a state this program wrote.
ModuleState loadState(const std::string& path);
void saveState(const std::string& path, const ModuleState& state);

// ---------------------------------------------------------------------------------------------------------------
// Requests (argv after the program name)
// ---------------------------------------------------------------------------------------------------------------

enum class Op { Purchase, Cancel, Return, Lookup, DayClose, Unknown, Malformed };

struct Request {
  Op op = Op::Unknown;
  long long amount = 0;    // Purchase, Cancel, Return
  std::string rrn;         // Cancel, Return
  std::string request_id;  // Purchase (may be empty), Lookup
  std::string problem;     // Malformed: what is wrong, for stderr
};

Request parseRequest(const std::vector<std::string>& args);

// ---------------------------------------------------------------------------------------------------------------
// Operations
// ---------------------------------------------------------------------------------------------------------------

struct Outcome {
  std::string code;               // what row 0 starts with and "return:" prints
  std::vector<std::string> rows;  // e's lines (UTF-8)
  std::string slip;               // p; empty → no p
  std::optional<MoneyEvent> event;  // a ledger line to append
  bool state_changed = false;
};

// Performs the request against the module's memory (the "approve" path). `slip_full_pan` prints an unmasked card
// number on the slip, as a badly set up module does.
Outcome perform(ModuleState& state, const Request& request, bool slip_full_pan);

// A declined operation: row 0 only. A declined purchase that carried a request id is remembered for op 52.
Outcome decline(ModuleState& state, const Request& request, const std::string& code, const std::string& text);

}  // namespace fake_sb_pilot
