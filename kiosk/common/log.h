#pragma once
// Levelled logging to stderr (journald picks it up under systemd, with the level as a <N> prefix).
// Never pass tokens, PINs or card numbers: use redact() / maskPan() for anything that might hold them.
#include <sstream>
#include <string>
#include <string_view>

namespace kiosk::log {

enum class Level { Debug = 0, Info = 1, Warn = 2, Error = 3 };

void setLevel(Level level);
Level level();
bool enabled(Level level);
// Where lines go; the default writes to stderr. Tests may capture.
using Sink = void (*)(Level, std::string_view component, std::string_view message);
void setSink(Sink sink);
void write(Level level, std::string_view component, std::string_view message);

// "abcd-...-wxyz" → "abcd…" ; keeps enough to tell two secrets apart, never the whole.
std::string redact(std::string_view secret);

namespace detail {
template <class... Args>
std::string concat(const Args&... args) {
  std::ostringstream out;
  (out << ... << args);
  return out.str();
}
}  // namespace detail

template <class... Args>
void debug(std::string_view component, const Args&... args) {
  if (enabled(Level::Debug)) write(Level::Debug, component, detail::concat(args...));
}
template <class... Args>
void info(std::string_view component, const Args&... args) {
  if (enabled(Level::Info)) write(Level::Info, component, detail::concat(args...));
}
template <class... Args>
void warn(std::string_view component, const Args&... args) {
  if (enabled(Level::Warn)) write(Level::Warn, component, detail::concat(args...));
}
template <class... Args>
void error(std::string_view component, const Args&... args) {
  if (enabled(Level::Error)) write(Level::Error, component, detail::concat(args...));
}

}  // namespace kiosk::log
