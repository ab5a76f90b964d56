#include "tests/soak/orphans.h"

#include <dirent.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

namespace soak {
namespace {

std::string commandLine(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/cmdline", std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

struct Child {
  pid_t pid = 0;
  bool zombie = false;  // already dead, only to be reaped
};

// The children of this process, from /proc/<pid>/stat (its 3rd field is the state, the 4th the parent's pid).
std::vector<Child> children() {
  std::vector<Child> out;
  DIR* proc = ::opendir("/proc");
  if (!proc) return out;
  const pid_t self = ::getpid();
  while (dirent* entry = ::readdir(proc)) {
    char* end = nullptr;
    long pid = std::strtol(entry->d_name, &end, 10);
    if (*end != '\0' || pid <= 0) continue;
    std::ifstream in(std::string("/proc/") + entry->d_name + "/stat");
    std::string stat;
    std::getline(in, stat);
    auto close_paren = stat.rfind(')');  // the command name may hold spaces and parentheses
    if (close_paren == std::string::npos) continue;
    std::istringstream fields(stat.substr(close_paren + 1));
    std::string state;
    long parent = 0;
    fields >> state >> parent;
    if (parent == self) out.push_back({static_cast<pid_t>(pid), state == "Z"});
  }
  ::closedir(proc);
  return out;
}

}  // namespace

std::string becomeSubreaper() {
  if (::prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0) return std::string("prctl: ") + std::strerror(errno);
  return {};
}

int killLeftovers(const std::string& pid_file, std::string_view program) {
  int killed = 0;
  pid_t named = 0;  // killed through the pid file
  std::ifstream in(pid_file);
  long pid = 0;
  if (in >> pid && pid > 1 && commandLine(static_cast<pid_t>(pid)).find(program) != std::string::npos) {
    ::kill(-static_cast<pid_t>(pid), SIGKILL);  // its group: the driver runs sb_pilot as a group leader
    if (::kill(static_cast<pid_t>(pid), SIGKILL) == 0) {
      named = static_cast<pid_t>(pid);
      ++killed;
    }
  }
  // Whatever was left is an orphan now, reparented to this subreaper (no kiosk life runs). A killed parent's own
  // children arrive a moment later: look again until a pass finds none.
  for (int pass = 0; pass < 50; ++pass) {
    auto left = children();
    if (left.empty()) break;
    for (const Child& child : left) {
      if (!child.zombie && child.pid != named && ::kill(child.pid, SIGKILL) == 0) ++killed;
      ::waitpid(child.pid, nullptr, 0);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  while (::waitpid(-1, nullptr, WNOHANG) > 0) {
  }
  return killed;
}

}  // namespace soak
