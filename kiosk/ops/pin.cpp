#include "kiosk/ops/pin.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <array>
#include <charconv>
#include <optional>
#include <vector>

namespace kiosk::ops {
namespace {

constexpr std::string_view kScheme = "pbkdf2-sha256";
constexpr size_t kSaltBytes = 16;
constexpr size_t kHashBytes = 32;

using Digest = std::array<unsigned char, kHashBytes>;

std::string toBase64(const unsigned char* data, size_t size) {
  std::string out(4 * ((size + 2) / 3), '\0');
  int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), data, static_cast<int>(size));
  out.resize(written > 0 ? static_cast<size_t>(written) : 0);
  return out;
}

// Standard base64 with padding; nullopt for anything else.
std::optional<std::vector<unsigned char>> fromBase64(std::string_view text) {
  if (text.empty() || text.size() % 4 != 0 || text.size() > 1024) return std::nullopt;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    bool alphabet = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
    bool padding = c == '=' && i + 2 >= text.size();
    if (!alphabet && !padding) return std::nullopt;
  }
  std::vector<unsigned char> out(text.size() / 4 * 3);
  int decoded =
      EVP_DecodeBlock(out.data(), reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
  if (decoded < 0) return std::nullopt;
  // EVP_DecodeBlock counts the padding as zero bytes.
  size_t padding = text.back() == '=' ? (text[text.size() - 2] == '=' ? 2 : 1) : 0;
  out.resize(static_cast<size_t>(decoded) - padding);
  return out;
}

bool derive(std::string_view pin, const unsigned char* salt, size_t salt_size, int iterations, Digest& out) {
  return PKCS5_PBKDF2_HMAC(pin.data(), static_cast<int>(pin.size()), salt, static_cast<int>(salt_size), iterations,
                           EVP_sha256(), static_cast<int>(out.size()), out.data()) == 1;
}

struct ParsedHash {
  int iterations = 0;
  std::vector<unsigned char> salt;
  std::vector<unsigned char> hash;
};

std::optional<ParsedHash> parseHash(std::string_view stored, std::string& why) {
  std::array<std::string_view, 4> parts;
  size_t start = 0;
  for (size_t i = 0; i < parts.size(); ++i) {
    size_t end = i + 1 < parts.size() ? stored.find('$', start) : stored.size();
    if (end == std::string_view::npos) {
      why = "not a PIN hash (expected pbkdf2-sha256$iterations$salt$hash)";
      return std::nullopt;
    }
    parts[i] = stored.substr(start, end - start);
    start = end + 1;
  }
  if (parts[0] != kScheme) {
    why = "unsupported PIN hash scheme (expected pbkdf2-sha256)";
    return std::nullopt;
  }
  ParsedHash parsed;
  auto [ptr, ec] = std::from_chars(parts[1].data(), parts[1].data() + parts[1].size(), parsed.iterations);
  if (ec != std::errc() || ptr != parts[1].data() + parts[1].size()) {
    why = "PIN hash: iteration count is not a number";
    return std::nullopt;
  }
  if (parsed.iterations < kPinMinIterations || parsed.iterations > kPinMaxIterations) {
    why = "PIN hash: iteration count outside " + std::to_string(kPinMinIterations) + ".." +
          std::to_string(kPinMaxIterations);
    return std::nullopt;
  }
  auto salt = fromBase64(parts[2]);
  auto hash = fromBase64(parts[3]);
  if (!salt || salt->size() < 8 || salt->size() > 64) {
    why = "PIN hash: salt is not base64 of 8..64 bytes";
    return std::nullopt;
  }
  if (!hash || hash->size() != kHashBytes) {
    why = "PIN hash: digest is not base64 of 32 bytes";
    return std::nullopt;
  }
  parsed.salt = std::move(*salt);
  parsed.hash = std::move(*hash);
  return parsed;
}

}  // namespace

const char* roleName(StaffRole role) { return role == StaffRole::Admin ? "admin" : "staff"; }

bool parseRole(std::string_view text, StaffRole& out) {
  if (text == "staff") {
    out = StaffRole::Staff;
    return true;
  }
  if (text == "admin") {
    out = StaffRole::Admin;
    return true;
  }
  return false;
}

std::string checkNewPin(std::string_view pin) {
  if (pin.size() < kPinMinDigits || pin.size() > kPinMaxDigits) {
    return "a PIN has " + std::to_string(kPinMinDigits) + " to " + std::to_string(kPinMaxDigits) + " digits";
  }
  for (char c : pin) {
    if (c < '0' || c > '9') return "a PIN has digits only";
  }
  bool same = true, ascending = true, descending = true;
  for (size_t i = 1; i < pin.size(); ++i) {
    same = same && pin[i] == pin[0];
    ascending = ascending && pin[i] == static_cast<char>('0' + (pin[i - 1] - '0' + 1) % 10);
    descending = descending && pin[i] == static_cast<char>('0' + (pin[i - 1] - '0' + 9) % 10);
  }
  if (same || ascending || descending) return "too easy to guess (one digit repeated, or a run like 1234)";
  return {};
}

std::string hashPin(std::string_view pin, int iterations) {
  if (iterations < kPinMinIterations) iterations = kPinMinIterations;
  if (iterations > kPinMaxIterations) iterations = kPinMaxIterations;
  std::array<unsigned char, kSaltBytes> salt{};
  if (RAND_bytes(salt.data(), static_cast<int>(salt.size())) != 1) return {};
  Digest digest{};
  if (!derive(pin, salt.data(), salt.size(), iterations, digest)) return {};
  std::string out = std::string(kScheme) + "$" + std::to_string(iterations) + "$" + toBase64(salt.data(), salt.size()) +
                    "$" + toBase64(digest.data(), digest.size());
  OPENSSL_cleanse(digest.data(), digest.size());
  return out;
}

bool verifyPin(std::string_view pin, std::string_view stored) {
  // Digits only: HMAC pads its key with zero bytes, so "1234" and "1234\0" would otherwise derive the same digest.
  if (pin.size() < kPinMinDigits || pin.size() > kPinMaxDigits) return false;
  for (char c : pin) {
    if (c < '0' || c > '9') return false;
  }
  std::string why;
  auto parsed = parseHash(stored, why);
  if (!parsed) return false;
  Digest digest{};
  if (!derive(pin, parsed->salt.data(), parsed->salt.size(), parsed->iterations, digest)) return false;
  bool equal = CRYPTO_memcmp(digest.data(), parsed->hash.data(), kHashBytes) == 0;
  OPENSSL_cleanse(digest.data(), digest.size());
  return equal;
}

bool isWellFormedPinHash(std::string_view stored, std::string& why) { return parseHash(stored, why).has_value(); }

}  // namespace kiosk::ops
