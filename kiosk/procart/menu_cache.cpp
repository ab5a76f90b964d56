#include "kiosk/procart/menu_cache.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <string_view>

#include <nlohmann/json.hpp>

#include "kiosk/common/atomic_file.h"
#include "kiosk/common/log.h"
#include "kiosk/procart/wire_values.h"

namespace kiosk::procart {
namespace {

constexpr const char* kLog = "menu-cache";
// Format 2: one line of JSON header (version, time, the menu's length and FNV-1a hash), then the menu exactly as
// ProCart sent it. Loading checks length and hash and hands the text to the codec: one parse at start instead of
// three (format 1 kept the menu inside the header document, so it was parsed, dumped and parsed again).
constexpr int kFormat = 2;
constexpr int kLegacyFormat = 1;

std::string fnv1a(std::string_view text) {
  uint64_t hash = 1469598103934665603ULL;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
  return hex;
}

std::string isoUtc(int64_t unix_seconds) {
  std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

// The first line of the file (without its newline), read alone: with a usable snapshot the rest of the file is
// never read. nullopt when the file cannot be opened (`error` says why); "" plus `no_line` when no newline comes
// within the first 64 KiB (a format-1 file is one long line).
std::optional<std::string> readHeaderLine(const std::string& path, std::string& error, bool& no_line) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    error = path + ": " + std::strerror(errno);
    return std::nullopt;
  }
  std::string head;
  char buffer[4096];
  no_line = true;
  while (head.size() < 64 * 1024) {
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    head.append(buffer, static_cast<size_t>(n));
    if (size_t end = head.find('\n'); end != std::string::npos) {
      head.resize(end);
      no_line = false;
      break;
    }
  }
  ::close(fd);
  if (no_line) head.clear();
  return head;
}

void readMeta(const nlohmann::json& doc, CachedMenu& out) {
  if (auto v = doc.find("menu_version"); v != doc.end() && v->is_string()) out.version = v->get<std::string>();
  if (auto v = doc.find("fetched_at"); v != doc.end() && v->is_string()) out.fetched_at = v->get<std::string>();
  if (auto v = doc.find("fetched_at_unix"); v != doc.end() && v->is_number_integer()) {
    out.fetched_at_unix = v->get<int64_t>();
  }
  if (auto v = doc.find("menu_fnv1a"); v != doc.end() && v->is_string()) out.text_hash = v->get<std::string>();
}

}  // namespace

MenuCache::MenuCache(std::string dir)
    : dir_(std::move(dir)), path_(dir_ + "/menu.json"), snapshot_path_(dir_ + "/menu.snapshot") {}

std::optional<MenuSnapshot> MenuCache::loadSnapshot(const std::string& text_hash, const std::string& version) const {
  auto bytes = files::readAll(snapshot_path_);
  if (!bytes) {
    log::info(kLog, "no menu snapshot (", bytes.error(), "): parsing the cached text");
    return std::nullopt;
  }
  std::string why;
  auto snapshot = decodeMenuSnapshot(*bytes, &why);
  if (!snapshot) {
    log::warn(kLog, snapshot_path_, ": ignored: ", why, "; parsing the cached text");
    return std::nullopt;
  }
  if (snapshot->source_hash != text_hash || snapshot->menu.version != version) {
    // Written for an older text (the kiosk stopped between writing the two files): the text wins.
    log::info(kLog, snapshot_path_, ": made from another menu text: parsing the cached text");
    return std::nullopt;
  }
  return snapshot;
}

std::optional<CachedMenu> MenuCache::load(std::string* why) const {
  auto fail = [&](const std::string& reason, bool quiet = false) -> std::optional<CachedMenu> {
    if (!quiet) log::warn(kLog, path_, ": ignored: ", reason);
    if (why) *why = reason;
    return std::nullopt;
  };
  using nlohmann::json;
  std::string open_error;
  bool no_line = false;
  auto head = readHeaderLine(path_, open_error, no_line);
  if (!head) return fail("no cache file (" + open_error + ")", /*quiet=*/true);
  if (!no_line) {
    json doc = json::parse(*head, nullptr, /*allow_exceptions=*/false);
    auto format = doc.is_object() ? doc.find("format") : doc.end();
    if (format != doc.end() && *format == kFormat) {
      CachedMenu out;
      readMeta(doc, out);
      if (!out.text_hash.empty()) out.snapshot = loadSnapshot(out.text_hash, out.version);
      if (out.snapshot) return out;
    }
  }
  auto text = files::readAll(path_);
  if (!text) return fail("no cache file (" + text.error() + ")", /*quiet=*/true);
  const size_t header_end = text->find('\n');
  const bool two_part = header_end != std::string::npos;
  json doc = json::parse(two_part ? std::string_view(*text).substr(0, header_end) : std::string_view(*text), nullptr,
                         /*allow_exceptions=*/false);
  if (doc.is_discarded()) return fail("not JSON (corrupt or truncated)");
  if (!doc.is_object()) return fail("not a JSON object");
  auto format = doc.find("format");
  const int format_number = format != doc.end() && format->is_number_integer() ? format->get<int>() : -1;
  if (format_number != kFormat && format_number != kLegacyFormat) return fail("unknown cache format");
  CachedMenu out;
  if (format_number == kFormat) {
    if (!two_part) return fail("no menu after the header (truncated)");
    std::string_view menu_text = std::string_view(*text).substr(header_end + 1);
    auto bytes = doc.find("menu_bytes");
    auto hash = doc.find("menu_fnv1a");
    if (bytes == doc.end() || !bytes->is_number_unsigned() || bytes->get<uint64_t>() != menu_text.size())
      return fail("menu length differs from the header (truncated)");
    if (hash == doc.end() || !hash->is_string() || hash->get<std::string>() != fnv1a(menu_text))
      return fail("menu checksum differs from the header (corrupt)");
    out.menu_json = std::string(menu_text);
  } else {
    auto menu = doc.find("menu");
    if (menu == doc.end() || !menu->is_object()) return fail("no menu object");
    out.menu_json = menu->dump();
  }
  readMeta(doc, out);
  if (format_number == kLegacyFormat) out.text_hash.clear();  // no snapshot for a format-1 file
  return out;
}

std::string MenuCache::store(const std::string& menu_json, const std::string& version, int64_t fetched_at_unix,
                             const Menu* parsed, const std::vector<std::string>* problems) const {
  using nlohmann::json;
  json menu = json::parse(menu_json, nullptr, /*allow_exceptions=*/false);
  std::string replaced_text;
  if (menu.is_discarded()) {  // invalid UTF-8: cached as the codec read it, with the bytes replaced
    size_t replaced = 0, first_at = 0;
    std::string fixed = wire::repairUtf8(menu_json, replaced, first_at);
    if (replaced > 0) {
      menu = json::parse(fixed, nullptr, /*allow_exceptions=*/false);
      replaced_text = std::move(fixed);
    }
  }
  if (menu.is_discarded() || !menu.is_object()) return "menu is not a JSON object; cache not written";
  // The text as ProCart sent it (or as repaired), so that loading needs no re-encoding.
  std::string menu_text = replaced_text.empty() ? menu_json : replaced_text;
  json header = {{"format", kFormat},
                 {"menu_version", version},
                 {"fetched_at", isoUtc(fetched_at_unix)},
                 {"fetched_at_unix", fetched_at_unix},
                 {"menu_bytes", menu_text.size()},
                 {"menu_fnv1a", fnv1a(menu_text)}};
  if (std::string error = files::makeDirectories(dir_); !error.empty()) return error;
  std::string error = files::writeAtomically(path_, header.dump() + "\n" + menu_text);
  if (!error.empty()) return error;
  log::info(kLog, "stored menu version '", version, "' in ", path_);
  // After the text: a kiosk stopped in between finds a snapshot of the older text, which the hash tells apart.
  if (parsed) return storeSnapshot(*parsed, problems ? *problems : std::vector<std::string>{}, fnv1a(menu_text));
  return {};
}

std::string MenuCache::storeSnapshot(const Menu& parsed, const std::vector<std::string>& problems,
                                     const std::string& text_hash) const {
  if (text_hash.empty()) return "no text hash to bind the snapshot to";
  if (std::string error = files::makeDirectories(dir_); !error.empty()) return error;
  std::string error = files::writeAtomically(snapshot_path_, encodeMenuSnapshot(parsed, problems, text_hash));
  if (error.empty()) log::info(kLog, "stored the snapshot of menu version '", parsed.version, "'");
  return error;
}

}  // namespace kiosk::procart
