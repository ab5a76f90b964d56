#pragma once
// The bank receipt a VTK terminal returns in tag 0x13: UTF-8 text, LF-separated, with `KEY:VALUE` lines such as
// `RESULT:APPROVED`, `CARD:MC`, `PAN:************1118`, `AUTH ID:123456`, `RRN:028810000045`, `RESPONSE CODE:000`.
// Layouts differ between terminal firmware versions, so the parser is tolerant: keys are matched without regard
// to case, spaces, dashes or underscores, several spellings are accepted, and lines that don't parse are skipped.
#include <string>
#include <string_view>

namespace payment::vtk {

struct ReceiptFields {
  std::string result;         // "APPROVED", "DECLINED"… as printed
  std::string rrn;
  std::string auth_code;
  std::string card_mask;      // always masked (see maskPan)
  std::string card_type;      // "MC", "VISA", "MIR"…
  std::string response_code;
  std::string terminal_id;
  std::string date_time;      // as printed
};

ReceiptFields parseReceipt(std::string_view text);

// A card number fit to store: anything that still shows more than the last four digits of a 12+ digit number
// is masked down to them ("4111111111111111" → "************1111"); already masked values are kept.
std::string maskPan(std::string_view pan);

}  // namespace payment::vtk
