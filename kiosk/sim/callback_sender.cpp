#include "kiosk/sim/callback_sender.h"

#include <httplib.h>

#include "kiosk/common/log.h"

namespace procart_sim {
namespace {

// "http://host:port/path?q" → {"http://host:port", "/path?q"}; empty on anything else.
std::pair<std::string, std::string> splitUrl(const std::string& url) {
  for (const char* scheme : {"http://", "https://"}) {
    std::string prefix = scheme;
    if (url.compare(0, prefix.size(), prefix) != 0) continue;
    auto slash = url.find('/', prefix.size());
    std::string origin = url.substr(0, slash);
    if (origin.size() == prefix.size()) return {};
    return {origin, slash == std::string::npos ? "/" : url.substr(slash)};
  }
  return {};
}

}  // namespace

CallbackSender::~CallbackSender() { stop(); }

void CallbackSender::start(int attempts, int backoff_ms, Decide decide) {
  stop();
  std::lock_guard lock(mutex_);
  attempts_ = attempts < 1 ? 1 : (attempts > 20 ? 20 : attempts);
  backoff_ms_ = backoff_ms < 0 ? 0 : backoff_ms;
  decide_ = std::move(decide);
  stopping_ = false;
  queue_ = {};
  thread_ = std::thread([this] { run(); });
}

void CallbackSender::send(const std::string& url, const std::string& body) {
  FaultDecision fault = decide_ ? decide_() : FaultDecision{};
  if (fault.lose) {
    ++lost_;
    kiosk::log::info("procart-sim", "callback lost on purpose: ", url);
    return;
  }
  {
    std::lock_guard lock(mutex_);
    if (stopping_ || !thread_.joinable()) return;
    queue_.push({Clock::now() + std::chrono::milliseconds(fault.latency_ms), seq_++, url, body, 1});
  }
  wake_.notify_all();
}

void CallbackSender::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

bool CallbackSender::post(const Job& job) {
  auto [origin, path] = splitUrl(job.url);
  if (origin.empty()) return false;
  httplib::Client client(origin);
  client.set_connection_timeout(1, 0);
  client.set_read_timeout(2, 0);
  client.set_write_timeout(2, 0);
  auto res = client.Post(path.c_str(), job.body, "application/json; charset=utf-8");
  return res && res->status >= 200 && res->status < 300;
}

void CallbackSender::run() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    if (queue_.empty()) {
      wake_.wait(lock);
      continue;
    }
    Clock::time_point when = queue_.top().when;
    if (Clock::now() < when) {
      wake_.wait_until(lock, when);
      continue;
    }
    Job job = queue_.top();
    queue_.pop();
    lock.unlock();
    ++attempts_made_;
    bool ok = post(job);
    lock.lock();
    if (ok) {
      ++delivered_;
    } else if (job.attempt < attempts_) {
      auto wait = std::chrono::milliseconds(static_cast<int64_t>(backoff_ms_) << (job.attempt - 1));
      kiosk::log::info("procart-sim", "callback attempt ", job.attempt, " to ", job.url, " failed; retrying");
      queue_.push({Clock::now() + wait, seq_++, job.url, job.body, job.attempt + 1});
    } else {
      ++lost_;
      kiosk::log::warn("procart-sim", "callback to ", job.url, " given up after ", job.attempt, " attempts");
    }
  }
}

}  // namespace procart_sim
