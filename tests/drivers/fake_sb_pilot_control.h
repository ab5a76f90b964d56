#pragma once
// What the fake sb_pilot is told to do: ./fake-sb-pilot.json, resolved for one invocation.
//
// The top level holds options for every invocation; "sequence" (one entry per invocation, counted in the log, the
// last repeats) overlays them; "purchase_script" (one mode per purchase, counted in the state) applies only to op 1
// and only when no "mode" is set for the invocation. A malformed file is refused as a whole, before anything moves.
//
//   {"mode": "decline", "code": "4119", "text": "Нет связи с банком"}      one mode for every invocation
//   {"sequence": [{"mode": "approve"}, {"mode": "lost_answer"}]}           one entry per invocation
//   {"purchase_script": ["approve", "decline:4119", {"mode": "hang", "spawn_helper": true}]}
// Options beside the mode: "code", "text", "exit_status", "print_return", "return_code", "encoding" ("koi8-r" or
// "utf-8"), "slip_full_pan", "spawn_helper", "ignore_term".
#include <optional>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

namespace fake_sb_pilot {

enum class Mode {
  Approve,             // do what the module's memory says (the default)
  Decline,             // the bank declines: e holds only "code,text"
  ReturnCodeOnly,      // a decline whose code reaches only stdout; no e
  NoOutput,            // "return:0" and nothing else; nothing happened
  Stale,               // approve, then date e and p an hour back
  Garbage,             // binary junk into e; nothing happened
  Hang,                // sleep until killed
  CrashSegv,           // SIGSEGV before the bank is asked
  CrashAbort,          // SIGABRT before the bank is asked
  CrashAfterApproval,  // approved and remembered, SIGSEGV before e and p are written
  CrashAfterResult,    // approved, e and p written, then SIGSEGV
  LostAnswer,          // approved and remembered, stdout says so, but no e and no p
};

struct Control {
  Mode mode = Mode::Approve;
  std::string code;  // Decline / ReturnCodeOnly
  std::string text;  // Decline
  int exit_status = 0;
  bool print_return = true;
  std::optional<std::string> return_code;  // printed instead of the real code
  bool utf8 = false;                       // "encoding": "utf-8"; KOI8-R otherwise
  bool slip_full_pan = false;
  bool spawn_helper = false;  // Hang
  bool ignore_term = false;   // Hang
};

// A control file the fake cannot follow; the message says which field and why.
struct ControlError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Parses the file's text (nullopt: no file → an empty object) and checks every sequence entry and every
// purchase_script entry, so a bad one fails now rather than half-way through a run. Throws ControlError.
nlohmann::json parseControlFile(const std::optional<std::string>& text);

// The file's options for invocation number `invocation` (0-based): the top level overlaid by its sequence entry.
nlohmann::json optionsForInvocation(const nlohmann::json& file, long invocation);

// True when `options` name a purchase_script and no mode of their own: the purchase's mode comes from the script.
bool usesPurchaseScript(const nlohmann::json& options);

// `options` overlaid by purchase_script entry `purchase_index` ("approve" once the script runs out).
nlohmann::json withScriptEntry(const nlohmann::json& options, long purchase_index);

// The typed control for `options`. Throws ControlError.
Control toControl(const nlohmann::json& options);

}  // namespace fake_sb_pilot
