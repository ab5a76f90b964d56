#pragma once
// What a killed kiosk life leaves running: the sb_pilot it had started (and whatever that one started) goes on
// as an orphan, holding the pin-pad. A real kiosk never leaves one — systemd kills the whole control group of the
// service — so the soak does the same after every SIGKILL: the driver is the orphans' subreaper, so they become its
// children, and it kills and reaps them.
#include <string>
#include <string_view>

namespace soak {

// Makes this process the subreaper of its descendants (PR_SET_CHILD_SUBREAPER). "" or why not.
std::string becomeSubreaper();

// Kills the process named by `pid_file` (and its process group) when its command line names `program`, then
// every child of this process that is still there (orphans reparented to it), until none is left, and reaps them.
// Call it only while no kiosk life runs. Returns how many processes were killed.
int killLeftovers(const std::string& pid_file, std::string_view program);

}  // namespace soak
