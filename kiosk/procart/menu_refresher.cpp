#include "kiosk/procart/menu_refresher.h"

#include <ctime>

#include "kiosk/common/log.h"
#include "kiosk/core/menu_checks.h"

namespace kiosk::procart {
namespace {

constexpr const char* kLog = "menu";
using Clock = std::chrono::steady_clock;

std::string nowIso() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

// Whether a failed call got as far as ProCart (which then did some work for nothing).
bool reachedServer(const ServiceError& e) { return e.kind != ErrorKind::Network || e.maybe_acted; }

// A malformed menu says nothing about ordering; everything else that failed means ProCart is not usable now.
bool meansDown(const ServiceError& e) { return e.kind != ErrorKind::Malformed && e.kind != ErrorKind::Validation; }

}  // namespace

MenuRefresher::MenuRefresher(ProcartClient& client, MenuRefresherOptions options, MenuRefresherCallbacks callbacks)
    : client_(client), options_(std::move(options)), callbacks_(std::move(callbacks)), cache_(options_.cache_dir) {}

MenuRefresher::~MenuRefresher() { stop(); }

void MenuRefresher::start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { run(); });
}

void MenuRefresher::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void MenuRefresher::refreshNow() {
  {
    std::lock_guard lock(mutex_);
    refresh_requested_ = true;
  }
  wake_.notify_all();
}

std::string MenuRefresher::currentVersion() const {
  std::lock_guard lock(mutex_);
  return version_;
}

bool MenuRefresher::waitUntil(Clock::time_point when) {
  std::unique_lock lock(mutex_);
  wake_.wait_until(lock, when, [&] { return stopping_ || refresh_requested_; });
  return !stopping_;
}

void MenuRefresher::report(bool up, const ServiceError& error) {
  int now = up ? 1 : 0;
  if (now == reachability_known_) return;
  reachability_known_ = now;
  if (up) {
    log::info(kLog, "ProCart is up");
  } else {
    log::warn(kLog, "ProCart is down: ", error.message_key, ": ", error.detail);
  }
  if (callbacks_.on_reachability) callbacks_.on_reachability(Reachability{up, up ? ServiceError{} : error});
}

void MenuRefresher::loadCache() {
  if (options_.cache_dir.empty()) return;
  std::string why;
  auto cached = cache_.load(&why);
  if (!cached) {
    log::info(kLog, "no cached menu: ", why);
    return;
  }
  MenuUpdate update{Menu{}, MenuSource::Cache, cached->fetched_at, {}};
  const bool from_snapshot = cached->snapshot.has_value();
  if (from_snapshot) {
    update.menu = std::move(cached->snapshot->menu);
    update.problems = std::move(cached->snapshot->problems);
  } else {
    auto parsed = codec::parseMenu(cached->menu_json);
    if (!parsed) {
      log::warn(kLog, "cached menu ignored: ", parsed.error().detail);
      return;
    }
    update.menu = std::move(parsed->menu);
    update.problems = std::move(parsed->problems);
  }
  log::info(kLog, "menu version '", update.menu.version, "' from the cache (fetched ", cached->fetched_at, ", ",
            from_snapshot ? "snapshot" : "parsed", ")");
  // Parsed because the snapshot was missing (first start after an upgrade) or unusable: the next start reads one.
  // Written before the menu is handed over, as fetch() writes the cache before it does.
  if (!from_snapshot && !cached->text_hash.empty()) {
    std::string error = cache_.storeSnapshot(update.menu, update.problems, cached->text_hash);
    if (!error.empty()) log::warn(kLog, "menu snapshot not written: ", error);
  }
  {
    std::lock_guard lock(mutex_);
    version_ = update.menu.version;
  }
  delivered_any_ = true;
  if (callbacks_.on_menu) callbacks_.on_menu(std::move(update));
}

bool MenuRefresher::fetch() {
  fetch_attempts_.fetch_add(1);
  auto result = client_.getMenu();
  if (!result) {
    const ServiceError& e = result.error();
    last_fetch_unreached_ = !reachedServer(e);
    if (meansDown(e)) report(false, e);
    if (!delivered_any_ && !told_unavailable_) {
      told_unavailable_ = true;
      log::error(kLog, "no menu available: no cache and ", e.message_key, ": ", e.detail);
      if (callbacks_.on_unavailable) callbacks_.on_unavailable(e);
    }
    return reachedServer(e);
  }
  last_fetch_unreached_ = false;
  // A menu download proves ProCart answers and takes the token; it says nothing of its licence or of the POS link,
  // which only /ping reports: a problem the last ping found stands until a ping finds it gone.
  if (!ping_found_problem_) report(true, {});
  Menu& menu = result->parsed.menu;
  // The pieces MenuIndex would refuse (a negative price, a combo holding itself…) are refused here already, their
  // lines added to the codec's: a menu whose every dish is refused must not replace a good one. The cache's snapshot
  // then holds the checked menu (checking it again finds nothing).
  std::vector<std::string> refused = refuseBrokenParts(menu);
  result->parsed.problems.insert(result->parsed.problems.end(), std::make_move_iterator(refused.begin()),
                                 std::make_move_iterator(refused.end()));
  if (menu.dishes.empty()) {
    // Nothing to sell (every dish unusable or refused, or none sent: r_keeper restarting): not worth replacing a menu
    // with, nor the cache.
    const std::string detail =
        "/getmenu: no usable dish (" + std::to_string(result->parsed.problems.size()) + " problems logged)";
    ServiceError e = codec::malformed(detail, 200, false);
    log::error(kLog, "menu version '", menu.version, "' from ProCart ignored: ", e.detail,
               delivered_any_ ? "; the previous menu stays" : "; no menu yet");
    if (!delivered_any_ && !told_unavailable_) {
      told_unavailable_ = true;
      if (callbacks_.on_unavailable) callbacks_.on_unavailable(e);
    }
    return true;
  }
  std::string previous = currentVersion();
  // An empty version cannot tell "unchanged" from "changed": take every such menu as new.
  const bool changed = !delivered_any_ || menu.version.empty() || menu.version != previous;
  if (callbacks_.on_fetched) callbacks_.on_fetched();
  if (!changed) {
    log::debug(kLog, "menu version '", menu.version, "' unchanged");
    return true;
  }
  if (!options_.cache_dir.empty() && (menu.version.empty() || menu.version != previous)) {
    std::string error = cache_.store(result->raw_json, menu.version, static_cast<int64_t>(std::time(nullptr)), &menu,
                                     &result->parsed.problems);
    if (!error.empty()) log::warn(kLog, "menu cache not written: ", error);
  }
  log::info(kLog, "menu version '", menu.version, "' from ProCart: ", menu.dishes.size(), " dishes, ",
            result->parsed.problems.size(), " problems");
  {
    std::lock_guard lock(mutex_);
    version_ = menu.version;
  }
  delivered_any_ = true;
  told_unavailable_ = false;
  if (callbacks_.on_menu) {
    callbacks_.on_menu(MenuUpdate{std::move(menu), MenuSource::Network, nowIso(), std::move(result->parsed.problems)});
  }
  return true;
}

void MenuRefresher::ping() {
  auto result = client_.ping();
  if (!result) {
    if (meansDown(result.error())) report(false, result.error());
    return;
  }
  ping_found_problem_ = !result->token_valid || !result->license_valid || !result->rkeeper_connected;
  ServiceError why;
  if (!result->token_valid) {
    why.kind = ErrorKind::Auth;
    why.message_key = codec::keys::kAuth;
    why.detail = "/ping: token_valid is false";
    why.code = "token_invalid";
  } else if (!result->license_valid) {
    // ProCart answers, but its licence does not allow it to work: orders would be refused.
    why.kind = ErrorKind::Auth;
    why.message_key = codec::keys::kAuth;
    why.detail = "/ping: license_valid is false";
    why.code = "license_invalid";
  } else if (!result->rkeeper_connected) {
    why.kind = ErrorKind::Server;
    why.message_key = codec::keys::kPosOffline;
    why.detail = "/ping: rkeeper_connected is false";
  } else {
    report(true, {});
    return;
  }
  report(false, why);
}

void MenuRefresher::run() {
  loadCache();  // before any network call: the kiosk shows a menu at once when it has one
  const bool pings = options_.ping_interval.count() > 0;
  // /ping first: at the start of work the kiosk learns whether ProCart is usable (token, licence, POS link) in one
  // short call, before the menu download that may take seconds.
  if (pings) ping();
  auto next_fetch = Clock::now();
  auto next_ping = Clock::time_point::max();
  while (true) {
    if (!waitUntil(std::min(next_fetch, next_ping))) return;
    bool requested = false;
    {
      std::lock_guard lock(mutex_);
      requested = refresh_requested_;
      refresh_requested_ = false;
    }
    auto now = Clock::now();
    if (requested || now >= next_fetch) {
      bool reached = fetch();
      now = Clock::now();
      next_fetch = now + (reached ? options_.refresh_interval
                                  : std::min(options_.retry_interval, options_.refresh_interval));
      next_ping = pings ? now + options_.ping_interval : Clock::time_point::max();
      continue;
    }
    if (now >= next_ping) {
      const bool was_down = reachability_known_ == 0;
      ping();
      now = Clock::now();
      next_ping = now + options_.ping_interval;
      // ProCart is back after a fetch that never reached it: fetch at once rather than wait out the retry delay
      // (that fetch cost ProCart nothing, so the once-per-interval rule still holds).
      if (was_down && reachability_known_ == 1 && last_fetch_unreached_) next_fetch = now;
    }
  }
}

}  // namespace kiosk::procart
