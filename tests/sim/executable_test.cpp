// The procart-sim executable as a real process: starts, answers HTTP, stops on SIGTERM; refuses bad arguments.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <regex>

#include "sim_test_support.h"

extern char** environ;

using namespace sim_test;

namespace {

struct Process {
  pid_t pid = -1;
  int out = -1;  // the child's stdout
};

Process spawn(std::vector<std::string> args) {
  int pipe_fds[2];
  REQUIRE(::pipe(pipe_fds) == 0);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], 1);
  posix_spawn_file_actions_addclose(&actions, pipe_fds[0]);
  args.insert(args.begin(), PROCART_SIM_BINARY);
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  Process p;
  REQUIRE(posix_spawn(&p.pid, PROCART_SIM_BINARY, &actions, nullptr, argv.data(), environ) == 0);
  posix_spawn_file_actions_destroy(&actions);
  ::close(pipe_fds[1]);
  p.out = pipe_fds[0];
  return p;
}

// Reads the child's stdout until `pattern` matches or 5 s pass.
std::string readUntil(int fd, const std::regex& pattern) {
  std::string text;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (!std::regex_search(text, pattern) && std::chrono::steady_clock::now() < deadline) {
    pollfd pfd{fd, POLLIN, 0};
    if (::poll(&pfd, 1, 100) <= 0) continue;
    char buffer[512];
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n <= 0) break;
    text.append(buffer, static_cast<size_t>(n));
  }
  return text;
}

int waitExit(pid_t pid) {
  int status = 0;
  for (int i = 0; i < 500; ++i) {
    if (::waitpid(pid, &status, WNOHANG) == pid)
      return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ::kill(pid, SIGKILL);
  ::waitpid(pid, &status, 0);
  return -1;
}

}  // namespace

TEST_CASE("procart-sim runs, answers over HTTP and stops cleanly on SIGTERM") {
  TempDir dir;
  std::string menu = copyTestMenu(dir.path());
  Process p = spawn({"--port", "0", "--menu", menu, "--token", "exe-token", "--state-dir", dir.path() + "/state",
                     "--lifecycle", "", "--faults", "validate.http500=#1"});
  std::smatch match;
  std::string out = readUntil(p.out, std::regex(R"(listening on http://127\.0\.0\.1:(\d+)/api/v3)"));
  INFO(out);
  REQUIRE(std::regex_search(out, match, std::regex(R"(127\.0\.0\.1:(\d+)/api/v3)")));
  int port = std::stoi(match[1]);
  httplib::Client client("127.0.0.1", port);
  auto ping = client.Get("/api/v3/ping?token=exe-token");
  REQUIRE(ping);
  CHECK(bodyOf(ping)["token_valid"] == true);
  json validate = {{"token", "exe-token"}, {"order", {{"lines", json::array({burgerLine()})}}}};
  CHECK(postJson(client, "/api/v3/validate", validate)->status == 500);
  CHECK(postJson(client, "/api/v3/validate", validate)->status == 200);
  json order = postorderBody(json::array({burgerLine()}), "300.00", "exe-1");
  order["token"] = "exe-token";
  CHECK(postJson(client, "/api/v3/postorder", order)->status == 200);

  ::kill(p.pid, SIGTERM);
  CHECK(waitExit(p.pid) == 0);
  ::close(p.out);
  CHECK(readFile(dir.path() + "/state/orders.json").find("exe-1") != std::string::npos);
}

TEST_CASE("procart-sim refuses bad arguments and a bad menu with a message and a non-zero exit") {
  Process bad_arg = spawn({"--port", "banana"});
  CHECK(waitExit(bad_arg.pid) == 2);
  ::close(bad_arg.out);
  TempDir dir;
  writeFile(dir.path() + "/menu.json", "{}");
  Process bad_menu = spawn({"--port", "0", "--menu", dir.path() + "/menu.json"});
  CHECK(waitExit(bad_menu.pid) == 1);
  ::close(bad_menu.out);
  Process help = spawn({"--help"});
  CHECK_THAT(readUntil(help.out, std::regex("EMULATOR")), Catch::Contains("--faults"));
  CHECK(waitExit(help.pid) == 0);
  ::close(help.out);
}
