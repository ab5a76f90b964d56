#pragma once
// The last good /getmenu answer on disk, so the kiosk can show its menu before (and without) the network.
// One envelope file, written atomically (temp file, fsync, rename):
//   {"format": 1, "menu_version": "...", "fetched_at": "2024-05-01T12:00:00Z", "fetched_at_unix": 1714564800,
//    "menu": { ...the /getmenu answer as received... }}
// A missing, corrupt or truncated file is "no cache" (with a log line), never a crash.
#include <cstdint>
#include <optional>
#include <string>

namespace kiosk::procart {

struct CachedMenu {
  std::string version;
  std::string fetched_at;  // ISO 8601 UTC
  int64_t fetched_at_unix = 0;
  std::string menu_json;  // the menu document, to be parsed by codec::parseMenu
};

class MenuCache {
 public:
  explicit MenuCache(std::string dir);  // the file is <dir>/menu.json; the directory is created on store()

  // nullopt when there is no usable cache; `why` (if given) says what was wrong.
  std::optional<CachedMenu> load(std::string* why = nullptr) const;
  // Empty string on success, otherwise what failed. `menu_json` must be a JSON object (the caller parsed it).
  std::string store(const std::string& menu_json, const std::string& version, int64_t fetched_at_unix) const;

  const std::string& path() const { return path_; }

 private:
  std::string dir_;
  std::string path_;
};

}  // namespace kiosk::procart
