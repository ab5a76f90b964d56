// sd_notify: the datagrams arrive on a test socket; the watchdog is rate-limited to half its interval.
#include "kiosk/ops/systemd_notify.h"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <optional>

#include "tests/ops/test_files.h"

using namespace kiosk::ops;
using namespace std::chrono_literals;

namespace {

// A datagram socket playing systemd's part; bound to a file path or, with '@', an abstract name.
class NotifyListener {
 public:
  explicit NotifyListener(std::string address) : address_(std::move(address)) {
    fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_un sa{};
    sa.sun_family = AF_UNIX;
    std::memcpy(sa.sun_path, address_.data(), address_.size());
    if (address_[0] == '@') sa.sun_path[0] = '\0';
    auto length = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + address_.size());
    REQUIRE(::bind(fd_, reinterpret_cast<sockaddr*>(&sa), length) == 0);
    timeval timeout{2, 0};  // never hang the test on a message that does not come
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  }
  ~NotifyListener() { ::close(fd_); }

  std::optional<std::string> receive() {
    char buffer[4096];
    ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
    if (n < 0) return std::nullopt;
    return std::string(buffer, static_cast<size_t>(n));
  }
  // True when nothing is waiting.
  bool quiet() {
    char buffer[16];
    return ::recv(fd_, buffer, sizeof buffer, MSG_DONTWAIT) < 0;
  }

 private:
  std::string address_;
  int fd_ = -1;
};

// Sets environment variables for one test and restores them.
class ScopedEnv {
 public:
  void set(const char* name, const std::string& value) {
    remember(name);
    ::setenv(name, value.c_str(), 1);
  }
  void unset(const char* name) {
    remember(name);
    ::unsetenv(name);
  }
  ~ScopedEnv() {
    for (auto& [name, value] : saved_) {
      if (value)
        ::setenv(name.c_str(), value->c_str(), 1);
      else
        ::unsetenv(name.c_str());
    }
  }

 private:
  void remember(const char* name) {
    const char* old = std::getenv(name);
    saved_.emplace_back(name, old ? std::optional<std::string>(old) : std::nullopt);
  }
  std::vector<std::pair<std::string, std::optional<std::string>>> saved_;
};

}  // namespace

TEST_CASE("READY, STATUS and STOPPING reach the socket named by NOTIFY_SOCKET") {
  ops_test::TempDir dir;
  NotifyListener systemd(dir.file("notify"));
  ScopedEnv env;
  env.set("NOTIFY_SOCKET", dir.file("notify"));
  env.unset("WATCHDOG_USEC");
  env.unset("WATCHDOG_PID");

  auto notifier = SystemdNotifier::fromEnvironment();
  REQUIRE(notifier.enabled());
  CHECK_FALSE(notifier.watchdogEnabled());

  CHECK(notifier.ready("Recovering the payment journal"));
  CHECK(systemd.receive() == "READY=1\nSTATUS=Recovering the payment journal");
  CHECK(notifier.status("menu v42\nREADY=1"));  // a line break must not smuggle in another assignment
  CHECK(systemd.receive() == "STATUS=menu v42 READY=1");
  CHECK(notifier.extendTimeout(30s));
  CHECK(systemd.receive() == "EXTEND_TIMEOUT_USEC=30000000");
  CHECK(notifier.stopping());
  CHECK(systemd.receive() == "STOPPING=1");
  CHECK(notifier.ready());
  CHECK(systemd.receive() == "READY=1");
}

TEST_CASE("an abstract-namespace NOTIFY_SOCKET works") {
  std::string name = "@kiosk-ops-test-" + std::to_string(::getpid());
  NotifyListener systemd(name);
  SystemdNotifier notifier(name, 0us);
  CHECK(notifier.ready());
  CHECK(systemd.receive() == "READY=1");
}

TEST_CASE("WATCHDOG=1 is sent at most once per half interval") {
  ops_test::TempDir dir;
  NotifyListener systemd(dir.file("notify"));
  ScopedEnv env;
  env.set("NOTIFY_SOCKET", dir.file("notify"));
  env.set("WATCHDOG_USEC", "2000000");  // 2 s → at most one ping a second
  env.set("WATCHDOG_PID", std::to_string(::getpid()));
  auto notifier = SystemdNotifier::fromEnvironment();
  REQUIRE(notifier.watchdogEnabled());
  CHECK(notifier.watchdogInterval() == 2s);

  auto t0 = std::chrono::steady_clock::time_point(100s);
  CHECK(notifier.watchdogTick(t0));
  CHECK(systemd.receive() == "WATCHDOG=1");
  // Frames at 60 Hz for most of a second: nothing more.
  for (int frame = 1; frame < 59; ++frame) CHECK_FALSE(notifier.watchdogTick(t0 + frame * 16ms));
  CHECK(systemd.quiet());
  CHECK(notifier.watchdogTick(t0 + 1s));
  CHECK(systemd.receive() == "WATCHDOG=1");
  CHECK_FALSE(notifier.watchdogTick(t0 + 1999ms));
  CHECK(notifier.watchdogTick(t0 + 2s));
  CHECK(systemd.receive() == "WATCHDOG=1");
  CHECK(systemd.quiet());
}

TEST_CASE("the watchdog belongs to us, our parent (cage, xinit), or nobody else") {
  ScopedEnv env;
  env.set("NOTIFY_SOCKET", "/run/nonexistent/notify");
  env.set("WATCHDOG_USEC", "1000000");
  env.set("WATCHDOG_PID", std::to_string(::getppid()));
  CHECK(SystemdNotifier::fromEnvironment().watchdogEnabled());
  env.set("WATCHDOG_PID", "1");  // some other process's watchdog
  CHECK_FALSE(SystemdNotifier::fromEnvironment().watchdogEnabled());
  env.unset("WATCHDOG_PID");
  CHECK(SystemdNotifier::fromEnvironment().watchdogEnabled());
  env.set("WATCHDOG_USEC", "garbage");
  CHECK_FALSE(SystemdNotifier::fromEnvironment().watchdogEnabled());
}

TEST_CASE("without NOTIFY_SOCKET every call is a harmless no-op") {
  ScopedEnv env;
  env.unset("NOTIFY_SOCKET");
  env.set("WATCHDOG_USEC", "1000000");
  auto notifier = SystemdNotifier::fromEnvironment();
  CHECK_FALSE(notifier.enabled());
  CHECK_FALSE(notifier.watchdogEnabled());
  CHECK_FALSE(notifier.ready("x"));
  CHECK_FALSE(notifier.watchdogTick());
  CHECK_FALSE(notifier.stopping());

  SystemdNotifier relative("relative/path", 0us);  // not an absolute path or abstract name
  CHECK_FALSE(relative.enabled());
  SystemdNotifier gone("/run/nonexistent/notify", 0us);  // nobody listening: false, no crash
  CHECK(gone.enabled());
  CHECK_FALSE(gone.ready());
}
