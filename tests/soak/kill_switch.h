#pragma once
// The child's self-kill: "die right after the N-th journal record of TYPE is on disk" (optionally D ms later,
// which lands inside the action that record announces: the /postorder in flight, the terminal call, …).
//
// kiosk::Runtime builds its payment journal itself and offers no after_append hook, so the child learns of each
// record by interposing fdatasync() (kill_switch.cpp defines it for this executable only): the journal calls it
// right after writing a record and before acting on it, which is exactly the point payment_kill_child uses.
// The record's type is read back from the journal file's last line.
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace soak {

struct KillPlan {
  std::string record_type;  // a journal record type name: "intent", "approved", "posting", …
  int nth = 1;              // the N-th such record written by this process
  int delay_ms = 0;         // 0: at once (inside the fsync); otherwise from a thread, this much later
};

// "TYPE:N:DELAY_MS", e.g. "posting:1:0" or "approved:2:15". nullopt with `error` for anything else.
std::optional<KillPlan> parseKillPlan(std::string_view text, std::string& error);
std::string killPlanText(const KillPlan& plan);

// Arms the plan for this process. `journal_path` is the journal file; `last_words` runs once, just before the
// SIGKILL (the child writes an event line there).
void armKillSwitch(KillPlan plan, std::string journal_path, std::function<void(const std::string&)> last_words);

}  // namespace soak
