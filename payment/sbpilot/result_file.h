#pragma once
// sb_pilot's result file `e` (already converted to UTF-8), read by the row numbers of the profile (the first line,
// "<code>,<text>", is row 0).
#include <optional>
#include <string>
#include <string_view>

#include "payment/sbpilot/profile.h"

namespace payment::sbpilot {

struct SbPilotResult {
  std::string code;  // as written ("0", "00", "2000")
  std::string text;  // the rest of row 0
  std::string card_mask;  // masked (maskCardNumber)
  std::string auth_code;
  std::string operation_number;
  std::string terminal_id;
  std::string card_type;  // "MIR", "VISA"… as the module names it
  std::string date_time;  // YYYYMMDDHHMMSS as written
  std::string rrn;
  std::string merchant_id;
  std::string request_id;  // the /q= id the purchase carried (empty when the module writes none)
  // The expiry, the Sberbank-card flag and the card hash are never read: nothing card-related beyond the masked
  // number is stored.
};

// nullopt with `error` when row 0 is not "<digits>,<text>" (garbage, empty file, binary data).
std::optional<SbPilotResult> parseResultFile(std::string_view utf8_text, const SbPilotProfile& profile,
                                             std::string& error);

// "YYYYMMDDHHMMSS" → "YYYY-MM-DDTHH:MM:SS"; empty when it isn't 14 digits.
std::string isoFromCompactDateTime(std::string_view compact);

// Never more than the last four digits visible ("4276380012345678" → "************5678").
std::string maskCardNumber(std::string_view card);

// "VISA", "MC", "MIR"… from the slip text, empty when none is named.
std::string cardTypeFromSlip(std::string_view slip_utf8);

}  // namespace payment::sbpilot
