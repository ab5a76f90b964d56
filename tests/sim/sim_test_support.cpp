#include "sim_test_support.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace sim_test {

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "sim-test-XXXXXX").string();
  char* made = ::mkdtemp(pattern.data());
  REQUIRE(made != nullptr);
  path_ = made;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

void writeFile(const std::string& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  REQUIRE(out.good());
  out << content;
}

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string copyTestMenu(const std::string& dir) {
  namespace fs = std::filesystem;
  fs::copy_file(fs::path(SIM_TEST_DATA) / "test_menu.json", fs::path(dir) / "menu.json");
  fs::copy(fs::path(SIM_TEST_DATA) / "images", fs::path(dir) / "images", fs::copy_options::recursive);
  return dir + "/menu.json";
}

procart_sim::Options testOptions(const std::string& dir) {
  procart_sim::Options options;
  options.menu_file = copyTestMenu(dir);
  options.token = kToken;
  options.lifecycle = "";
  options.callback_attempts = 3;
  options.callback_backoff_ms = 20;
  return options;
}

RunningSim::RunningSim(procart_sim::Options options) : sim(std::move(options)) {
  port = sim.start("127.0.0.1", 0);
  INFO(sim.error());
  REQUIRE(port > 0);
}

std::unique_ptr<httplib::Client> RunningSim::client() const {
  auto c = std::make_unique<httplib::Client>("127.0.0.1", port);
  c->set_connection_timeout(2, 0);
  c->set_read_timeout(5, 0);
  return c;
}

httplib::Result postJson(httplib::Client& client, const std::string& path, const json& body) {
  return client.Post(path.c_str(), body.dump(), "application/json");
}

json bodyOf(const httplib::Result& result) {
  REQUIRE(result);
  json body = json::parse(result->body, nullptr, false);
  INFO(result->body);
  REQUIRE_FALSE(body.is_discarded());
  return body;
}

json burgerLine(int quantity) {
  return {{"dish_id", "101"}, {"quantity", quantity}, {"modifiers", json::array({{{"id", "m_medium"}}})}};
}

json orderBody(const json& lines, const std::string& external_id) {
  return {{"token", kToken}, {"order", {{"external_id", external_id}, {"lines", lines}}}};
}

json postorderBody(const json& lines, const std::string& total, const std::string& external_id,
                   const std::string& callback_url) {
  json body = orderBody(lines, external_id);
  body["payments"] = json::array({{{"currency_id", "1"},
                                   {"amount", total},
                                   {"transaction",
                                    {{"terminal_id", "T1"},
                                     {"rrn", "123456789012"},
                                     {"auth_code", "A1B2C3"},
                                     {"card_mask", "220000******0001"},
                                     {"paid_at", "2026-11-29T12:00:00"}}}}});
  if (!callback_url.empty()) body["callback_url"] = callback_url;
  return body;
}

bool waitUntil(const std::function<bool()>& condition, std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!condition()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

CallbackReceiver::CallbackReceiver(int fail_first) : fail_first_(fail_first) {
  server_.Post(R"(/cb/secret)", [this](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard lock(mutex_);
    ++attempts_;
    if (attempts_ <= fail_first_) {
      res.status = 500;
    } else {
      received_.push_back(json::parse(req.body, nullptr, false));
      res.status = 200;
    }
    changed_.notify_all();
  });
  port_ = server_.bind_to_any_port("127.0.0.1");
  REQUIRE(port_ > 0);
  thread_ = std::thread([this] { server_.listen_after_bind(); });
}

CallbackReceiver::~CallbackReceiver() {
  server_.stop();
  thread_.join();
}

std::string CallbackReceiver::url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/cb/secret"; }

std::vector<json> CallbackReceiver::received() const {
  std::lock_guard lock(mutex_);
  return received_;
}

int CallbackReceiver::attempts() const {
  std::lock_guard lock(mutex_);
  return attempts_;
}

bool CallbackReceiver::waitFor(size_t count, std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mutex_);
  return changed_.wait_for(lock, timeout, [&] { return received_.size() >= count; });
}

}  // namespace sim_test
