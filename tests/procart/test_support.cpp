#include "test_support.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "kiosk/common/log.h"

namespace procart_test {

TempDir::TempDir() {
  const char* base = std::getenv("TMPDIR");
  std::string pattern = std::string(base && *base ? base : "/tmp") + "/procart-test-XXXXXX";
  std::vector<char> buffer(pattern.begin(), pattern.end());
  buffer.push_back('\0');
  if (!::mkdtemp(buffer.data())) throw std::runtime_error("mkdtemp failed");
  path_ = buffer.data();
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

bool waitFor(const std::function<bool()>& condition, std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!condition()) {
    if (std::chrono::steady_clock::now() >= deadline) return condition();
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

namespace {
std::mutex g_log_mutex;
std::vector<std::string> g_log_lines;

void captureSink(kiosk::log::Level, std::string_view component, std::string_view message) {
  std::lock_guard lock(g_log_mutex);
  g_log_lines.push_back(std::string(component) + ": " + std::string(message));
}
}  // namespace

LogCapture::LogCapture() {
  {
    std::lock_guard lock(g_log_mutex);
    g_log_lines.clear();
  }
  kiosk::log::setLevel(kiosk::log::Level::Debug);
  kiosk::log::setSink(captureSink);
}

LogCapture::~LogCapture() {
  kiosk::log::setSink(nullptr);
  kiosk::log::setLevel(kiosk::log::Level::Info);
}

std::vector<std::string> LogCapture::lines() const {
  std::lock_guard lock(g_log_mutex);
  return g_log_lines;
}

bool LogCapture::contains(const std::string& text) const {
  for (const auto& line : lines()) {
    if (line.find(text) != std::string::npos) return true;
  }
  return false;
}

TestServer::TestServer() {
  server_.new_task_queue = [] { return new httplib::ThreadPool(4); };
}

TestServer::~TestServer() {
  server_.stop();
  if (thread_.joinable()) thread_.join();
}

int TestServer::start() {
  port_ = server_.bind_to_any_port("127.0.0.1");
  if (port_ <= 0) throw std::runtime_error("test server cannot bind");
  thread_ = std::thread([this] { server_.listen_after_bind(); });
  // stop() is a no-op until the accept loop runs: wait for it, or the destructor could hang in join().
  waitFor([this] { return server_.is_running(); });
  return port_;
}

std::string TestServer::baseUrl() const { return "http://127.0.0.1:" + std::to_string(port_) + "/api/v3"; }

int closedPort() {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  int port = -1;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
    port = ntohs(addr.sin_port);
  }
  ::close(fd);  // bound, never listened: connecting to it is refused
  return port;
}

kiosk::OrderDraft sampleDraft(const std::string& external_id) {
  kiosk::OrderDraft d;
  d.external_id = external_id;
  d.category_id = "eat-in";
  d.comment = "Киоск K1, заказ " + external_id;
  d.short_comment = "Киоск №1";
  kiosk::OrderLine burger;
  burger.dish_id = "101";
  burger.quantity = 2;
  burger.comment = "без лука";
  burger.modifiers = {{"m2", 1}, {"m3", 1}};
  d.lines.push_back(burger);
  kiosk::OrderLine cola;
  cola.dish_id = "201";
  cola.quantity = 1;
  d.lines.push_back(cola);
  kiosk::OrderLine combo;
  combo.dish_id = "301";
  combo.quantity = 1;
  combo.combo = {{"cg1", "101", {{"m4", 1}}}, {"cg2", "201", {}}};
  d.lines.push_back(combo);
  return d;
}

kiosk::OrderPayment samplePayment(kiosk::Money amount) {
  kiosk::OrderPayment p;
  p.currency_id = "card";
  p.amount = amount;
  p.transaction = {"T-0001", "123456789012", "A1B2C3", "************1118", "MIR", "2026-11-29T12:00:00"};
  return p;
}

}  // namespace procart_test
