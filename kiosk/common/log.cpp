#include "kiosk/common/log.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <mutex>

namespace kiosk::log {
namespace {

std::atomic<int> g_level{static_cast<int>(Level::Info)};
std::atomic<Sink> g_sink{nullptr};
std::mutex g_write_mutex;

const char* levelName(Level level) {
  switch (level) {
    case Level::Debug: return "debug";
    case Level::Info: return "info";
    case Level::Warn: return "warn";
    case Level::Error: return "error";
  }
  return "?";
}

// sd-daemon(3) priority prefixes: journald strips them and stores the level.
const char* journalPrefix(Level level) {
  switch (level) {
    case Level::Debug: return "<7>";
    case Level::Info: return "<6>";
    case Level::Warn: return "<4>";
    case Level::Error: return "<3>";
  }
  return "<6>";
}

void stderrSink(Level level, std::string_view component, std::string_view message) {
  static const bool under_journald = std::getenv("JOURNAL_STREAM") != nullptr;
  std::lock_guard lock(g_write_mutex);
  if (under_journald) {
    std::fprintf(stderr, "%s%.*s: %.*s\n", journalPrefix(level), static_cast<int>(component.size()),
                 component.data(), static_cast<int>(message.size()), message.data());
  } else {
    auto now = std::chrono::system_clock::now();
    std::time_t t = std::chrono::system_clock::to_time_t(now);
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
    std::tm tm{};
    localtime_r(&t, &tm);
    std::fprintf(stderr, "%02d:%02d:%02d.%03d %-5s %.*s: %.*s\n", tm.tm_hour, tm.tm_min, tm.tm_sec,
                 static_cast<int>(ms), levelName(level), static_cast<int>(component.size()), component.data(),
                 static_cast<int>(message.size()), message.data());
  }
}

}  // namespace

void setLevel(Level level) { g_level = static_cast<int>(level); }
Level level() { return static_cast<Level>(g_level.load()); }
bool enabled(Level level) { return static_cast<int>(level) >= g_level.load(); }
void setSink(Sink sink) { g_sink = sink; }

void write(Level level, std::string_view component, std::string_view message) {
  Sink sink = g_sink.load();
  (sink ? sink : stderrSink)(level, component, message);
}

std::string redact(std::string_view secret) {
  if (secret.empty()) return "(empty)";
  if (secret.size() <= 8) return "****";
  return std::string(secret.substr(0, 4)) + "…";
}

}  // namespace kiosk::log
