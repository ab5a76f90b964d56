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

  // Argument templates; {amount} is the amount in kopecks, {rrn} the RRN of the sale being returned.
  std::vector<std::string> purchase_args = {"1", "{amount}"};
  // Observed in a public wrapper: `3 <kopecks> <card type 0> QSELECT <RRN>` (return/cancel by RRN).
  std::vector<std::string> return_args = {"3", "{amount}", "0", "QSELECT", "{rrn}"};
  std::vector<std::string> reconcile_args = {"7"};

  std::vector<std::string> approved_codes = {"0", "00"};
  std::string stdout_code_prefix = "return:";  // stdout line carrying the result code ("" = don't look)

  // 1-based line numbers in the result file (line 1 is "<code>,<text>"); 0 = this module doesn't write it.
  struct Lines {
    int card_mask = 2;
    int auth_code = 3;
    int operation_number = 4;
    int terminal_id = 5;
    int date_time = 6;  // YYYYMMDDHHMMSS
    int rrn = 7;
    int card_hash = 8;
    int merchant_id = 9;
  } lines;

  // Error codes with a known meaning; any other non-approved code is Declined with the program's own text.
  std::map<std::string, CodeMeaning> codes = defaultCodes();

  static std::map<std::string, CodeMeaning> defaultCodes();

  bool isApproved(const std::string& code) const;
  // Reads a profile object; absent keys keep their defaults. "codes" entries are merged over the defaults.
  // Errors name the key path, e.g. `profile.lines.rrn: expected an integer 0..64`.
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
