#pragma once
// Everything about sb_pilot that is observed rather than specified lives here, so an operator can match it to
// their module's version in the config file without a rebuild: file names, line positions, argument templates,
// encoding, which codes mean approved and what the error codes mean.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "payment/terminal.h"

namespace payment::sbpilot {

struct CodeMeaning {
  PaymentResult::Kind kind = PaymentResult::Kind::Declined;  // Declined, Cancelled or Unknown (never Approved)
  std::string text;
};

struct SbPilotProfile {
  std::string result_file = "e";  // first line "<code>,<text>", then fields by line position
  std::string slip_file = "p";
  std::string encoding = "koi8-r";  // of both files: "koi8-r" or "utf-8"

  // Argument templates: {amount} the amount in kopecks, {rrn} the RRN of the sale being undone, {request_id} the
  // kiosk's id of a purchase (hex), which `52 <request id>` later asks about.
  std::vector<std::string> purchase_args = {"1", "{amount}", "/q={request_id}"};
  // Undoing a sale of the current day: a cancel (reversal) by RRN.
  std::vector<std::string> cancel_args = {"8", "{amount}", "0", "QSELECT", "{rrn}"};
  // Undoing a sale the day no longer holds (after a day close): a return (refund) by RRN; "0" stands for track 2.
  std::vector<std::string> return_args = {"3", "{amount}", "0", "0", "{rrn}"};
  // Asking what became of a purchase whose outcome was lost ([] = the module cannot be asked).
  std::vector<std::string> lookup_args = {"52", "{request_id}"};
  std::vector<std::string> reconcile_args = {"7"};

  std::vector<std::string> approved_codes = {"0", "00"};
  // A cancel answered with one of these ("operations not found": the day no longer holds the sale) → a return.
  std::vector<std::string> cancel_fallback_codes = {"4118"};
  // A lookup answered with one of these: no purchase carried that request id — it never reached the bank.
  std::vector<std::string> lookup_absent_codes = {"4118"};
  std::string stdout_code_prefix = "return:";  // stdout line carrying the result code ("" = don't look)

  // Row numbers in the result file, the first line ("<code>,<text>") being row 0, as public parsers of `e` agree;
  // 0 = this module doesn't write it. Row 2 (card expiry) and row 6 (Sberbank card flag) are never read: card data
  // beyond the masked number is not the kiosk's to keep.
  struct Rows {
    int card_mask = 1;
    int auth_code = 3;
    int operation_number = 4;
    int card_type = 5;
    int terminal_id = 7;
    int date_time = 8;  // YYYYMMDDHHMMSS
    int rrn = 9;
    int card_hash = 10;
    int merchant_id = 13;
    int request_id = 19;  // the /q= id the purchase carried
  } rows;

  // Error codes with a known meaning; any other non-approved code is Declined with the program's own text.
  std::map<std::string, CodeMeaning> codes = defaultCodes();

  static std::map<std::string, CodeMeaning> defaultCodes();

  bool isApproved(const std::string& code) const;
  bool cancelFallsBack(const std::string& code) const;  // → run the return instead
  bool lookupAbsent(const std::string& code) const;     // → the purchase never reached the bank
  // Reads a profile object; absent keys keep their defaults. "codes" entries are merged over the defaults.
  // Errors name the key path, e.g. `profile.rows.rrn: expected an integer 0..64`.
  static std::optional<SbPilotProfile> fromJson(const nlohmann::json& json, std::string& error);
};

struct SbPilotConfig {
  std::string program;      // path to sb_pilot (required)
  std::string working_dir;  // where pinpad.ini lives and e/p are written (required)
  int timeout_ms = 180000;  // one operation, card presentation and PIN entry included
  int kill_grace_ms = 2000; // after SIGTERM to the process group, before SIGKILL
  std::string run_marker = ".kiosk-sbpilot-run";  // in working_dir: which operation the current e belongs to
  SbPilotProfile profile;

  static std::optional<SbPilotConfig> fromJson(const nlohmann::json& json, std::string& error);
};

}  // namespace payment::sbpilot
