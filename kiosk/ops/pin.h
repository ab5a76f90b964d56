#pragma once
// Staff PINs: only salted PBKDF2-HMAC-SHA256 hashes are kept, as "pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>".
// A PIN itself is never stored, logged or returned. A check takes tens of milliseconds by design: call it from a
// worker, not from the frame loop.
#include <string>
#include <string_view>

namespace kiosk::ops {

// Staff: stop-list view, reprint, out-of-order switch, reconciliation. Admin: everything staff may, plus settings.
enum class StaffRole { Staff, Admin };

const char* roleName(StaffRole role);  // "staff", "admin"
bool parseRole(std::string_view text, StaffRole& out);

inline constexpr int kPinMinIterations = 100'000;
inline constexpr int kPinDefaultIterations = 200'000;
// Upper bound accepted from a file, so that a damaged or hostile secrets file cannot make a check take minutes.
inline constexpr int kPinMaxIterations = 5'000'000;
inline constexpr size_t kPinMinDigits = 4;
inline constexpr size_t kPinMaxDigits = 12;

// "" when `pin` may be set; otherwise why not (4..12 digits; not one digit repeated, not 1234…/4321…).
std::string checkNewPin(std::string_view pin);

// A new hash with a fresh 16-byte random salt. Empty only when the system's random source fails.
// `iterations` below kPinMinIterations are raised to it.
std::string hashPin(std::string_view pin, int iterations = kPinDefaultIterations);

// True when `pin` matches `stored`; false for a wrong PIN, for anything but 4..12 digits, and for a malformed
// `stored`. The digests are compared in constant time.
bool verifyPin(std::string_view pin, std::string_view stored);

// Structure check of a stored hash (scheme, iteration bounds, salt and hash lengths); `why` says what is wrong.
bool isWellFormedPinHash(std::string_view stored, std::string& why);

}  // namespace kiosk::ops
