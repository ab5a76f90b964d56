#include "kiosk/procart/menu_cache.h"

#include <ctime>

#include <nlohmann/json.hpp>

#include "kiosk/common/atomic_file.h"
#include "kiosk/common/log.h"

namespace kiosk::procart {
namespace {

constexpr const char* kLog = "menu-cache";
constexpr int kFormat = 1;

std::string isoUtc(int64_t unix_seconds) {
  std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

}  // namespace

MenuCache::MenuCache(std::string dir) : dir_(std::move(dir)), path_(dir_ + "/menu.json") {}

std::optional<CachedMenu> MenuCache::load(std::string* why) const {
  auto fail = [&](const std::string& reason, bool quiet = false) -> std::optional<CachedMenu> {
    if (!quiet) log::warn(kLog, path_, ": ignored: ", reason);
    if (why) *why = reason;
    return std::nullopt;
  };
  auto text = files::readAll(path_);
  if (!text) return fail("no cache file (" + text.error() + ")", /*quiet=*/true);
  using nlohmann::json;
  json doc = json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return fail("not JSON (corrupt or truncated)");
  if (!doc.is_object()) return fail("not a JSON object");
  auto format = doc.find("format");
  if (format == doc.end() || !format->is_number_integer() || format->get<int>() != kFormat) {
    return fail("unknown cache format");
  }
  auto menu = doc.find("menu");
  if (menu == doc.end() || !menu->is_object()) return fail("no menu object");
  CachedMenu out;
  if (auto v = doc.find("menu_version"); v != doc.end() && v->is_string()) out.version = v->get<std::string>();
  if (auto v = doc.find("fetched_at"); v != doc.end() && v->is_string()) out.fetched_at = v->get<std::string>();
  if (auto v = doc.find("fetched_at_unix"); v != doc.end() && v->is_number_integer()) {
    out.fetched_at_unix = v->get<int64_t>();
  }
  out.menu_json = menu->dump();
  return out;
}

std::string MenuCache::store(const std::string& menu_json, const std::string& version, int64_t fetched_at_unix) const {
  using nlohmann::json;
  json menu = json::parse(menu_json, nullptr, /*allow_exceptions=*/false);
  if (menu.is_discarded() || !menu.is_object()) return "menu is not a JSON object; cache not written";
  json doc = {{"format", kFormat},
              {"menu_version", version},
              {"fetched_at", isoUtc(fetched_at_unix)},
              {"fetched_at_unix", fetched_at_unix},
              {"menu", std::move(menu)}};
  if (std::string error = files::makeDirectories(dir_); !error.empty()) return error;
  std::string error = files::writeAtomically(path_, doc.dump());
  if (error.empty()) log::info(kLog, "stored menu version '", version, "' in ", path_);
  return error;
}

}  // namespace kiosk::procart
