#pragma once
// Card-data hygiene (payment-terminals.md rule 7): only masked PAN, RRN, auth code and slip text are kept.
#include <string>
#include <string_view>

namespace payment {

// True when `mask` holds a run of 13 or more digits: a full PAN, which must never be stored.
bool looksLikeFullPan(std::string_view mask);

// Replaces every run of 13–19 digits in `text` (a PAN printed on a slip) by asterisks and its last 4 digits.
// Shorter runs (RRN: 12 digits, amounts, dates) are left alone.
std::string maskPanRuns(std::string_view text);

}  // namespace payment
