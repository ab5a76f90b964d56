#pragma once
// The last good /getmenu answer on disk, so the kiosk can show its menu before (and without) the network.
// Two files in the cache directory, each written atomically (temp file, fsync, rename):
//   menu.json     – one header line {"format": 2, "menu_version", "fetched_at", "fetched_at_unix", "menu_bytes",
//                   "menu_fnv1a"}, then the /getmenu answer exactly as received: the source of truth;
//   menu.snapshot – the codec's reading of that same text in binary (menu_snapshot.h), so that start-up needs no
//                   JSON parse. Used only when it names the text's hash from the header; otherwise the text is
//                   parsed (and the caller writes a new snapshot).
// A missing, corrupt or truncated file is "no cache" (with a log line), never a crash.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/core/menu.h"
#include "kiosk/procart/menu_snapshot.h"

namespace kiosk::procart {

struct CachedMenu {
  std::string version;
  std::string fetched_at;  // ISO 8601 UTC
  int64_t fetched_at_unix = 0;
  std::string text_hash;  // the menu text's hash from the header ("" for a format-1 file)
  // Either the parsed menu from menu.snapshot, or (snapshot missing, stale or damaged) the menu text for
  // codec::parseMenu; exactly one of the two is set.
  std::optional<MenuSnapshot> snapshot;
  std::string menu_json;
};

class MenuCache {
 public:
  explicit MenuCache(std::string dir);  // <dir>/menu.json and <dir>/menu.snapshot; the directory made on store()

  // nullopt when there is no usable cache; `why` (if given) says what was wrong.
  std::optional<CachedMenu> load(std::string* why = nullptr) const;
  // Empty string on success, otherwise what failed. `menu_json` must be a JSON object (the caller parsed it).
  // With `parsed` (the codec's reading of this very text, and its problem lines) the snapshot is written too.
  std::string store(const std::string& menu_json, const std::string& version, int64_t fetched_at_unix,
                    const Menu* parsed = nullptr, const std::vector<std::string>* problems = nullptr) const;
  // The snapshot of a menu parsed from the cached text whose header hash is `text_hash` (after a load that had
  // to parse). Empty string on success.
  std::string storeSnapshot(const Menu& parsed, const std::vector<std::string>& problems,
                            const std::string& text_hash) const;

  const std::string& path() const { return path_; }
  const std::string& snapshotPath() const { return snapshot_path_; }

 private:
  std::optional<MenuSnapshot> loadSnapshot(const std::string& text_hash, const std::string& version) const;

  std::string dir_;
  std::string path_;
  std::string snapshot_path_;
};

}  // namespace kiosk::procart
