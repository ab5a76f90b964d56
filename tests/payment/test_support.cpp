#include "tests/payment/test_support.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <thread>

namespace payment::testing {

TempDir::TempDir() {
  const char* base = std::getenv("TMPDIR");
  std::string pattern = std::string(base && *base ? base : "/tmp") + "/payment-test-XXXXXX";
  std::vector<char> buffer(pattern.begin(), pattern.end());
  buffer.push_back('\0');
  char* made = ::mkdtemp(buffer.data());
  path_ = made ? made : "";
}

TempDir::~TempDir() {
  std::error_code ec;
  if (!path_.empty()) std::filesystem::remove_all(path_, ec);
}

kiosk::OrderDraft sampleDraft(const std::string& external_id) {
  kiosk::OrderDraft d;
  d.external_id = external_id;
  d.category_id = "take-away";
  d.table_code = "";
  d.comment = "без лука\nспасибо";
  d.short_comment = "Киоск №7";
  kiosk::OrderLine burger;
  burger.dish_id = "1001";
  burger.quantity = 2;
  burger.comment = "well done";
  burger.modifiers = {{"m-cheese", 1}, {"m-bacon", 2}};
  kiosk::OrderLine combo;
  combo.dish_id = "2001";
  combo.combo = {{"g-main", "1001", {{"m-cheese", 1}}}, {"g-drink", "3003", {}}};
  d.lines = {burger, combo};
  d.discounts = {{"d-10", kiosk::Money::kopecks(1250)}};
  return d;
}

void EventLog::push(const SettlementUpdate& update) {
  {
    std::lock_guard lock(mutex_);
    updates_.push_back(update);
  }
  changed_.notify_all();
}

bool EventLog::waitUntil(const std::function<bool(const std::vector<SettlementUpdate>&)>& condition,
                         std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  return changed_.wait_for(lock, timeout, [&] { return condition(updates_); });
}

std::vector<std::string> EventLog::names() const {
  std::lock_guard lock(mutex_);
  std::vector<std::string> out;
  for (const auto& u : updates_) {
    std::string name = settlementEventName(u.event);
    if (name == "Progress" && !out.empty() && out.back() == "Progress") continue;
    out.push_back(name);
  }
  return out;
}

std::string EventLog::joined() const {
  std::string out;
  for (const auto& name : names()) out += (out.empty() ? "" : ",") + name;
  return out;
}

bool eventually(const std::function<bool()>& condition, std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (condition()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return condition();
}

}  // namespace payment::testing
