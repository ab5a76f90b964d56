#include "kiosk/procart/wire_values.h"

#include <cmath>
#include <limits>

namespace kiosk::procart::wire {

const Json* member(const Json& object, const char* key) {
  if (!object.is_object()) return nullptr;
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return nullptr;
  return &*it;
}

std::optional<std::string> readId(const Json* value) {
  if (!value) return std::nullopt;
  if (value->is_string()) {
    const auto& s = value->get_ref<const std::string&>();
    if (s.empty()) return std::nullopt;
    return s;
  }
  if (value->is_number_integer()) {
    return value->is_number_unsigned() ? std::to_string(value->get<uint64_t>()) : std::to_string(value->get<int64_t>());
  }
  if (value->is_number_float()) {
    double d = value->get<double>();
    // 12.0 is an id written by a generic serializer; 12.5 is not an id.
    if (std::isfinite(d) && std::trunc(d) == d && std::fabs(d) < 9.0e15) {
      return std::to_string(static_cast<int64_t>(d));
    }
  }
  return std::nullopt;
}

std::optional<Money> readMoney(const Json* value) {
  if (!value) return std::nullopt;
  if (value->is_number_integer()) {
    if (value->is_number_unsigned()) {
      uint64_t v = value->get<uint64_t>();
      if (v > static_cast<uint64_t>(std::numeric_limits<int64_t>::max() / 100)) return std::nullopt;
      return Money::parseDecimal(std::to_string(v));
    }
    return Money::parseDecimal(std::to_string(value->get<int64_t>()));
  }
  if (value->is_number_float()) return Money::fromDouble(value->get<double>());
  if (value->is_string()) return Money::parseDecimal(value->get_ref<const std::string&>());
  return std::nullopt;
}

std::optional<int64_t> readInt(const Json* value) {
  if (!value) return std::nullopt;
  if (value->is_number_unsigned()) {
    uint64_t v = value->get<uint64_t>();
    if (v > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) return std::nullopt;
    return static_cast<int64_t>(v);
  }
  if (value->is_number_integer()) return value->get<int64_t>();
  if (value->is_number_float()) {
    double d = value->get<double>();
    if (std::isfinite(d) && std::trunc(d) == d && std::fabs(d) < 9.0e15) return static_cast<int64_t>(d);
    return std::nullopt;
  }
  if (value->is_string()) {
    const auto& s = value->get_ref<const std::string&>();
    if (s.empty() || s.size() > 18) return std::nullopt;
    size_t i = (s[0] == '-') ? 1 : 0;
    if (i == s.size()) return std::nullopt;
    int64_t out = 0;
    for (; i < s.size(); ++i) {
      if (s[i] < '0' || s[i] > '9') return std::nullopt;
      out = out * 10 + (s[i] - '0');
    }
    return s[0] == '-' ? -out : out;
  }
  return std::nullopt;
}

std::optional<int> readSmallInt(const Json* value) {
  auto v = readInt(value);
  if (!v || *v < std::numeric_limits<int>::min() || *v > std::numeric_limits<int>::max()) return std::nullopt;
  return static_cast<int>(*v);
}

std::optional<bool> readBool(const Json* value) {
  if (!value) return std::nullopt;
  if (value->is_boolean()) return value->get<bool>();
  if (value->is_number_integer()) {
    int64_t v = value->get<int64_t>();
    if (v == 0 || v == 1) return v == 1;
    return std::nullopt;
  }
  if (value->is_string()) {
    const auto& s = value->get_ref<const std::string&>();
    if (s == "true") return true;
    if (s == "false") return false;
  }
  return std::nullopt;
}

std::optional<std::string> readText(const Json* value) {
  if (!value) return std::nullopt;
  if (value->is_string()) return value->get<std::string>();
  if (value->is_number_integer()) return readId(value);
  if (value->is_number_float()) return value->dump();
  return std::nullopt;
}

std::optional<LocalizedText> readLocalized(const Json* value) {
  if (!value) return std::nullopt;
  if (value->is_string()) return LocalizedText{value->get<std::string>(), {}};
  if (value->is_object()) {
    LocalizedText out;
    if (auto ru = readText(member(*value, "ru"))) out.ru = *ru;
    if (auto en = readText(member(*value, "en"))) out.en = *en;
    if (out.ru.empty() && out.en.empty()) return std::nullopt;
    return out;
  }
  return std::nullopt;
}

std::string repairUtf8(std::string_view text, size_t& replaced, size_t& first_at) {
  std::string out;
  out.reserve(text.size());
  replaced = 0;
  size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    if (lead < 0x80) {
      out += static_cast<char>(lead);
      ++i;
      continue;
    }
    // RFC 3629: C2..DF one continuation byte, E0..EF two, F0..F4 three; the code point must need that many bytes,
    // must not be a surrogate, and must not pass U+10FFFF.
    size_t length = 0;
    uint32_t code = 0, smallest = 0;
    if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2, code = lead & 0x1Fu, smallest = 0x80;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3, code = lead & 0x0Fu, smallest = 0x800;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4, code = lead & 0x07u, smallest = 0x10000;
    }
    bool valid = length > 0 && i + length <= text.size();
    for (size_t k = 1; valid && k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      valid = (next & 0xC0u) == 0x80u;
      code = (code << 6) | (next & 0x3Fu);
    }
    valid = valid && code >= smallest && code <= 0x10FFFF && !(code >= 0xD800 && code <= 0xDFFF);
    if (valid) {
      out.append(text.substr(i, length));
      i += length;
    } else {
      if (replaced++ == 0) first_at = i;
      out += "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER
      ++i;
    }
  }
  return out;
}

Json writeMoney(Money amount) { return Json(static_cast<double>(amount.kopecks()) / 100.0); }

}  // namespace kiosk::procart::wire
