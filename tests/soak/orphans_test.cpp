// What a killed kiosk leaves running dies with it: a process whose parent died becomes the soak driver's child
// (subreaper) and killLeftovers() kills and reaps it, as systemd kills a service's control group.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <fstream>
#include <thread>

#include "tests/soak/orphans.h"

namespace {

bool alive(pid_t pid) { return ::kill(pid, 0) == 0; }

std::string commandLine(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/cmdline");
  std::string text;
  std::getline(in, text, '\0');
  return text;
}

// A process that starts a long sleep and exits at once, leaving the sleep an orphan; the sleep's pid is returned.
pid_t leaveAnOrphan() {
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  pid_t parent = ::fork();
  REQUIRE(parent >= 0);
  if (parent == 0) {
    pid_t orphan = ::fork();
    if (orphan == 0) {
      ::execl("/bin/sleep", "sleep", "300", static_cast<char*>(nullptr));
      ::_exit(127);
    }
    (void)!::write(fds[1], &orphan, sizeof orphan);
    ::_exit(0);
  }
  ::close(fds[1]);
  pid_t orphan = -1;
  REQUIRE(::read(fds[0], &orphan, sizeof orphan) == sizeof orphan);
  ::close(fds[0]);
  REQUIRE(::waitpid(parent, nullptr, 0) == parent);  // the "kiosk" is dead and reaped
  // Until its exec the orphan still runs this program's image: wait for it to be "sleep".
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (commandLine(orphan).find("sleep") == std::string::npos && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  REQUIRE(commandLine(orphan).find("sleep") != std::string::npos);
  return orphan;
}

}  // namespace

TEST_CASE("orphans: what a dead process left running is killed and reaped") {
  REQUIRE(soak::becomeSubreaper() == "");
  pid_t orphan = leaveAnOrphan();
  REQUIRE(alive(orphan));
  CHECK(soak::killLeftovers("/nonexistent/fake-sb-pilot.pid", "fake_sb_pilot") == 1);
  CHECK_FALSE(alive(orphan));  // killed and reaped: not even a zombie is left
  CHECK(soak::killLeftovers("/nonexistent/fake-sb-pilot.pid", "fake_sb_pilot") == 0);
}

TEST_CASE("orphans: a pid file names the process only when its command line is the program's") {
  REQUIRE(soak::becomeSubreaper() == "");
  char dir_template[] = "/tmp/soak-orphans-XXXXXX";
  REQUIRE(::mkdtemp(dir_template));
  const std::string pid_file = std::string(dir_template) + "/fake-sb-pilot.pid";
  {
    std::ofstream out(pid_file);
    out << ::getpid() << "\n";  // this test process: not the program, so never killed
  }
  CHECK(soak::killLeftovers(pid_file, "fake_sb_pilot") == 0);
  pid_t orphan = leaveAnOrphan();
  {
    std::ofstream out(pid_file);
    out << orphan << "\n";  // "sleep": named by the file, and an orphan all the same
  }
  CHECK(soak::killLeftovers(pid_file, "sleep") == 1);
  CHECK_FALSE(alive(orphan));
  ::unlink(pid_file.c_str());
  ::rmdir(dir_template);
}
