#include "payment/sbpilot/result_file.h"

#include <cctype>
#include <vector>

namespace payment::sbpilot {

namespace {

std::string trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}

std::vector<std::string> splitLines(std::string_view text) {
  std::vector<std::string> lines;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.emplace_back(line);
    pos = end + 1;
  }
  return lines;
}

bool printable(std::string_view s) {
  for (unsigned char c : s)
    if (c < 0x20 && c != '\t') return false;
  return true;
}

}  // namespace

std::string maskCardNumber(std::string_view card) {
  std::string out = trim(card);
  size_t seen = 0;
  for (size_t i = out.size(); i-- > 0;) {
    if (std::isdigit(static_cast<unsigned char>(out[i])) && ++seen > 4) out[i] = '*';
  }
  return out;
}

std::string isoFromCompactDateTime(std::string_view compact) {
  const std::string s = trim(compact);
  if (s.size() != 14) return {};
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c))) return {};
  return s.substr(0, 4) + "-" + s.substr(4, 2) + "-" + s.substr(6, 2) + "T" + s.substr(8, 2) + ":" + s.substr(10, 2) +
         ":" + s.substr(12, 2);
}

std::string cardTypeFromSlip(std::string_view slip_utf8) {
  std::string upper;
  for (unsigned char c : slip_utf8) upper.push_back(static_cast<char>(c < 0x80 ? std::toupper(c) : c));
  auto word = [&](const char* w) {
    const std::string needle(w);
    for (size_t pos = upper.find(needle); pos != std::string::npos; pos = upper.find(needle, pos + 1)) {
      const bool left = pos == 0 || !std::isalnum(static_cast<unsigned char>(upper[pos - 1]));
      const size_t end = pos + needle.size();
      const bool right = end >= upper.size() || !std::isalnum(static_cast<unsigned char>(upper[end]));
      if (left && right) return true;
    }
    return false;
  };
  if (word("MIR") || slip_utf8.find("МИР") != std::string_view::npos) return "MIR";
  if (word("MASTERCARD") || word("MC")) return "MC";
  if (word("MAESTRO")) return "MAESTRO";
  if (word("VISA")) return "VISA";
  if (word("UNIONPAY") || word("CUP")) return "UNIONPAY";
  if (word("JCB")) return "JCB";
  if (word("AMEX") || word("AMERICAN EXPRESS")) return "AMEX";
  return {};
}

std::optional<SbPilotResult> parseResultFile(std::string_view utf8_text, const SbPilotProfile& profile,
                                             std::string& error) {
  const std::vector<std::string> lines = splitLines(utf8_text);
  if (lines.empty() || trim(lines[0]).empty()) {
    error = "result file is empty";
    return std::nullopt;
  }
  const std::string& first = lines[0];
  const size_t comma = first.find(',');
  const std::string code = trim(first.substr(0, comma));
  bool digits = !code.empty() && code.size() <= 8;
  for (char c : code) digits = digits && std::isdigit(static_cast<unsigned char>(c));
  if (comma == std::string::npos || !digits || !printable(first)) {
    std::string shown = first.substr(0, 40);
    for (char& c : shown)
      if (static_cast<unsigned char>(c) < 0x20) c = '?';
    error = "result file row 0 is not \"<code>,<text>\": \"" + shown + "\"";
    return std::nullopt;
  }
  SbPilotResult r;
  r.code = code;
  r.text = trim(std::string_view(first).substr(comma + 1));
  auto field = [&](int row) -> std::string {
    if (row <= 0 || static_cast<size_t>(row) >= lines.size()) return {};
    const std::string value = trim(lines[static_cast<size_t>(row)]);
    return printable(value) ? value : std::string();
  };
  const auto& rows = profile.rows;
  r.card_mask = maskCardNumber(field(rows.card_mask));
  r.auth_code = field(rows.auth_code);
  r.operation_number = field(rows.operation_number);
  r.card_type = field(rows.card_type);
  r.terminal_id = field(rows.terminal_id);
  r.date_time = field(rows.date_time);
  r.rrn = field(rows.rrn);
  r.merchant_id = field(rows.merchant_id);
  r.request_id = field(rows.request_id);
  return r;
}

}  // namespace payment::sbpilot
