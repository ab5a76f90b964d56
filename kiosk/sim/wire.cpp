#include "kiosk/sim/wire.h"

#include <ctime>

#include "kiosk/core/money.h"

namespace procart_sim {

std::string moneyText(int64_t kopecks) { return kiosk::Money::kopecks(kopecks).toDecimal(); }

std::optional<int64_t> parseMoney(const json& value) {
  // Same bound as Money's parser: far above any order, far below int64 overflow.
  constexpr int64_t kMaxRubles = 10'000'000'000'000LL;
  if (value.is_number_unsigned()) {
    uint64_t rubles = value.get<uint64_t>();
    if (rubles > static_cast<uint64_t>(kMaxRubles)) return std::nullopt;
    return static_cast<int64_t>(rubles) * 100;
  }
  if (value.is_number_integer()) {
    int64_t rubles = value.get<int64_t>();
    if (rubles > kMaxRubles || rubles < -kMaxRubles) return std::nullopt;
    return rubles * 100;
  }
  std::optional<kiosk::Money> money;
  if (value.is_number_float()) money = kiosk::Money::fromDouble(value.get<double>());
  if (value.is_string()) money = kiosk::Money::parseDecimal(value.get_ref<const std::string&>());
  if (!money) return std::nullopt;
  return money->kopecks();
}

std::optional<std::string> parseId(const json& value) {
  if (value.is_string()) {
    const auto& text = value.get_ref<const std::string&>();
    if (text.empty()) return std::nullopt;
    return text;
  }
  if (value.is_number_unsigned()) return std::to_string(value.get<uint64_t>());
  if (value.is_number_integer()) return std::to_string(value.get<int64_t>());
  return std::nullopt;
}

std::optional<int64_t> parseCount(const json& value) {
  if (value.is_number_unsigned()) {
    uint64_t n = value.get<uint64_t>();
    if (n > 1'000'000'000ULL) return std::nullopt;
    return static_cast<int64_t>(n);
  }
  if (value.is_number_integer()) return value.get<int64_t>();
  if (value.is_number_float()) {
    double d = value.get<double>();
    // 2.0 is a count; 1.5 is not.
    if (d >= -1e9 && d <= 1e9 && d == static_cast<double>(static_cast<int64_t>(d))) return static_cast<int64_t>(d);
    return std::nullopt;
  }
  if (value.is_string()) {
    const auto& text = value.get_ref<const std::string&>();
    if (text.empty() || text.size() > 9) return std::nullopt;
    int64_t n = 0;
    for (char c : text) {
      if (c < '0' || c > '9') return std::nullopt;
      n = n * 10 + (c - '0');
    }
    return n;
  }
  return std::nullopt;
}

std::optional<std::string> optionalText(const json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return std::string();
  if (!it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

std::string isoLocalTime(std::chrono::system_clock::time_point when) {
  std::time_t seconds = std::chrono::system_clock::to_time_t(when);
  std::tm local{};
  localtime_r(&seconds, &local);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &local);
  return text;
}

int64_t epochMillis(std::chrono::system_clock::time_point when) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(when.time_since_epoch()).count();
}

std::chrono::system_clock::time_point fromEpochMillis(int64_t ms) {
  return std::chrono::system_clock::time_point(std::chrono::milliseconds(ms));
}

json errorBody(std::string_view code, std::string_view message) {
  json error = {{"code", code}};
  if (!message.empty()) error["message"] = message;
  return {{"ok", false}, {"error", error}};
}

void reply(httplib::Response& res, int status, const json& body) {
  res.status = status;
  // Invalid UTF-8 coming back from a request (e.g. an echoed id) must not throw here.
  res.set_content(body.dump(-1, ' ', false, json::error_handler_t::replace), "application/json; charset=utf-8");
}

void replyError(httplib::Response& res, int status, std::string_view code, std::string_view message) {
  reply(res, status, errorBody(code, message));
}

bool tokenAccepted(const httplib::Request& req, const json* body, const std::string& expected) {
  if (expected.empty()) return true;
  const std::string auth = req.get_header_value("Authorization");
  const std::string bearer = "Bearer ";
  if (auth.size() > bearer.size() && auth.compare(0, bearer.size(), bearer) == 0 &&
      auth.substr(bearer.size()) == expected) {
    return true;
  }
  if (req.has_header("X-Token") && req.get_header_value("X-Token") == expected) return true;
  if (req.method == "GET") return req.has_param("token") && req.get_param_value("token") == expected;
  if (body && body->is_object()) {
    auto it = body->find("token");
    return it != body->end() && it->is_string() && it->get_ref<const std::string&>() == expected;
  }
  return false;
}

size_t utf8Length(std::string_view text) {
  size_t count = 0;
  for (unsigned char c : text) {
    if ((c & 0xC0) != 0x80) ++count;
  }
  return count;
}

}  // namespace procart_sim
