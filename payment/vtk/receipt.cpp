#include "payment/vtk/receipt.h"

#include <cctype>
#include <initializer_list>

namespace payment::vtk {

namespace {

std::string trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}

// "Auth ID" → "AUTHID", "response_code" → "RESPONSECODE".
std::string normaliseKey(std::string_view key) {
  std::string out;
  for (unsigned char c : key) {
    if (std::isalnum(c)) out.push_back(static_cast<char>(std::toupper(c)));
  }
  return out;
}

bool oneOf(const std::string& key, std::initializer_list<const char*> names) {
  for (const char* n : names)
    if (key == n) return true;
  return false;
}

}  // namespace

std::string maskPan(std::string_view pan) {
  size_t digits = 0;
  for (char c : pan)
    if (std::isdigit(static_cast<unsigned char>(c))) ++digits;
  std::string value = trim(pan);
  if (digits <= 4) return value;
  // More than four visible digits: keep the last four, mask every other digit.
  std::string out = value;
  size_t seen = 0;
  for (size_t i = out.size(); i-- > 0;) {
    if (std::isdigit(static_cast<unsigned char>(out[i]))) {
      if (++seen > 4) out[i] = '*';
    }
  }
  return out;
}

ReceiptFields parseReceipt(std::string_view text) {
  ReceiptFields fields;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    const std::string key = normaliseKey(line.substr(0, colon));
    const std::string value = trim(line.substr(colon + 1));
    if (key.empty() || value.empty()) continue;
    // First occurrence wins: receipts sometimes repeat a field in a footer.
    auto take = [&](std::string& field, const std::string& v) {
      if (field.empty()) field = v;
    };
    if (oneOf(key, {"RRN", "REFERENCE", "REFNUM", "RETRIEVALREFERENCENUMBER"})) take(fields.rrn, value);
    else if (oneOf(key, {"AUTHID", "AUTHCODE", "AUTH", "AUTHORIZATIONCODE", "AUTHORISATIONCODE", "APPROVALCODE"}))
      take(fields.auth_code, value);
    else if (oneOf(key, {"PAN", "CARDNUMBER", "CARDNO", "CARDPAN"})) take(fields.card_mask, maskPan(value));
    else if (oneOf(key, {"CARD", "CARDTYPE", "PAYMENTSYSTEM", "APPLICATION", "APPLABEL"}))
      take(fields.card_type, value);
    else if (oneOf(key, {"RESPONSECODE", "RC", "RESPCODE", "ANSWERCODE"})) take(fields.response_code, value);
    else if (oneOf(key, {"RESULT", "STATUS"})) take(fields.result, value);
    else if (oneOf(key, {"TERMINAL", "TERMINALID", "TID"})) take(fields.terminal_id, value);
    else if (oneOf(key, {"DATE", "DATETIME", "TIME"})) take(fields.date_time, value);
    if (end == text.size()) break;
  }
  return fields;
}

}  // namespace payment::vtk
