// KioskRuntime's start: settings (the demo's built in, or kiosk.json), the ProCart services, the payment side with
// recovery, and monitoring. Order matters: the inbox exists before any service that posts to it, the journal's
// recovery finishes before the attract screen (Runtime::start returns only then).
#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "kiosk/common/log.h"
#include "kiosk/ops/metrics.h"
#include "kiosk/ops/pin.h"
#include "kiosk/ops/session_config.h"
#include "kiosk/ops/version.h"
#include "kiosk/runtime/external_ids.h"
#include "kiosk/runtime/kiosk_runtime.h"
#include "kiosk/runtime/settlement_to_session.h"

namespace kiosk {
namespace fs = std::filesystem;
namespace {

std::string readFile(const std::string& path, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = "cannot read " + path;
    return {};
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string loadStringTables(Strings& strings, const std::string& assets_dir) {
  for (Lang lang : {Lang::Ru, Lang::En}) {
    std::string error;
    std::string path = assets_dir + "/i18n/" + std::string(langCode(lang)) + ".json";
    std::string text = readFile(path, error);
    if (!error.empty()) return error;
    error = strings.load(lang, text);
    if (!error.empty()) return path + ": " + error;
  }
  return {};
}

std::string makeTempDir(const std::string& what) {
  std::string pattern = (fs::temp_directory_path() / ("procart-kiosk-demo-" + what + "-XXXXXX")).string();
  if (::mkdtemp(pattern.data()) == nullptr) return {};
  return pattern;
}

// A callback secret that cannot be guessed, for a kiosk whose config has none (the demo, first start).
std::string randomSecret() {
  std::random_device random;
  static const char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  std::string secret;
  for (int i = 0; i < 24; ++i) secret += kAlphabet[random() % (sizeof kAlphabet - 1)];
  return secret;
}

// The demo's settings: what a real small burger place would set up, pointed at the in-process world.
ops::KioskConfig demoConfig(const DemoWorld& world) {
  ops::KioskConfig config;
  config.kiosk_id = "DEMO";
  config.procart.url = world.procartUrl();
  config.procart.token = world.token();
  config.procart.menu_refresh_s = 60;
  config.procart.status_poll_s = 3;
  config.callback.listen_address = "127.0.0.1";
  config.callback.listen_port = 0;
  config.order.eat_in_category_id = "1";
  config.order.take_away_category_id = "2";
  config.order.ask_table_number = true;
  config.order.currency_id = "1";
  config.terminal.driver = ops::TerminalDriver::Sim;
  config.ui.place_name = LocalizedText{"Бургерная «Огонёк»", "Ogonyok Burgers"};
  ops::UpsellRule drinks;
  drinks.suggest_category_id = "drinks";
  drinks.unless_cart_has_category_ids = {"drinks", "coffee", "combos"};
  config.ui.upsell_rules = {drinks};
  config.health.listen = "127.0.0.1:0";
  // Demo PINs (README): 1234 staff, 9999 admin. Fewer PBKDF2 rounds than a real install: the demo starts quickly.
  config.pins.staff = ops::hashPin("1234", 1000);
  config.pins.admin = ops::hashPin("9999", 1000);
  return config;
}

procart::ClientOptions clientOptionsOf(const ops::ProcartSettings& settings) {
  procart::ClientOptions options;
  options.base_url = settings.url;
  options.token = settings.token;
  switch (settings.token_location) {
    case ops::TokenLocation::QueryBody: options.token_placement = procart::TokenPlacement::QueryOrBody; break;
    case ops::TokenLocation::Bearer: options.token_placement = procart::TokenPlacement::BearerHeader; break;
    case ops::TokenLocation::Header: options.token_placement = procart::TokenPlacement::CustomHeader; break;
  }
  options.token_header = settings.token_header;
  using std::chrono::milliseconds;
  auto& t = options.timeouts;
  t.connect = milliseconds(settings.connect_timeout_ms);
  t.ping = t.validate = t.postorder = t.getorders = t.close = milliseconds(settings.request_timeout_ms);
  t.getmenu = milliseconds(settings.menu_timeout_ms);
  return options;
}

// The receiver's outcome as the label of callbacks_total (ops does not depend on procart).
ops::CallbackResult metricOf(procart::CallbackResult result) {
  using P = procart::CallbackResult;
  using O = ops::CallbackResult;
  switch (result) {
    case P::Accepted: return O::Accepted;
    case P::UnknownOrder: return O::UnknownOrder;
    case P::WrongSecret: return O::WrongSecret;
    case P::BadBody: return O::BadBody;
    case P::TooLarge: return O::TooLarge;
    case P::NotAllowed: return O::NotAllowed;
    case P::PeerLimit: return O::PeerLimit;
    case P::Busy: return O::Busy;
    case P::TooSlow: return O::TooSlow;
  }
  return O::BadBody;
}

}  // namespace

std::string errorText(const ServiceError& error) {
  std::string text = std::string(errorKindName(error.kind)) + ": " + error.detail;
  if (!error.code.empty()) text += " [" + error.code + "]";
  return text;
}

std::string procartProblemKey(const ServiceError& error) {
  if (error.code == "license_invalid") return "staff.procart.license";
  if (error.code == "token_invalid" || error.kind == ErrorKind::Auth) return "staff.procart.token";
  if (error.message_key == "error.pos_offline") return "staff.procart.pos_offline";
  if (error.kind == ErrorKind::Network || error.kind == ErrorKind::Timeout) return "staff.procart.unreachable";
  return "staff.procart.error";
}

std::unique_ptr<Runtime> Runtime::start(const RuntimeOptions& options, std::string& error) {
  auto runtime = std::make_unique<KioskRuntime>();
  error = runtime->setUp(options);
  if (!error.empty()) return nullptr;
  return runtime;
}

KioskRuntime::~KioskRuntime() {
  notifier_.stopping();
  // Stop the producers first, in reverse order of dependence; the inbox (declared first) goes last.
  if (refresher_) refresher_->stop();
  settlement_for_callbacks_.store(nullptr);
  if (callbacks_) callbacks_->stop();  // no callback handler runs past this line
  settlement_.reset();  // joins the terminal worker: a payment in progress finishes its step
  if (tracker_) tracker_->stop();
  if (callbacks_) callbacks_->stop();
  staff_pool_.reset();
  if (health_) health_->stop();
  images_.reset();
  async_.reset();
  gateway_.reset();
  terminal_ = {};
  refresher_.reset();
  tracker_.reset();
  callbacks_.reset();
  client_.reset();
  demo_.reset();
}

std::string KioskRuntime::setUp(const RuntimeOptions& options) {
  options_ = options;
  std::string error = loadSettings(options);
  if (!error.empty()) return error;
  kiosk::log::setLevel(config_.log_level);

  session_ = std::make_unique<KioskSession>(ops::toSessionConfig(config_),
                                            [id = config_.kiosk_id] { return makeExternalId(id); });
  pin_gate_.setHashes(config_.pins);
  staff_pool_ = std::make_unique<procart::WorkerPool>(1);

  error = startProcart();
  if (!error.empty()) return error;
  error = startPayments();
  if (!error.empty()) return error;
  startMonitoring();
  log::info("runtime", "started: kiosk ", config_.kiosk_id, ", ProCart ", config_.procart.url, ", terminal ",
            ops::terminalDriverName(config_.terminal.driver), options.demo ? " (demo)" : "");
  return {};
}

std::string KioskRuntime::loadSettings(const RuntimeOptions& options) {
  std::string error = loadStringTables(strings_, options.assets_dir);
  if (!error.empty()) return "string tables: " + error;

  if (options.demo) {
    std::string state_dir = options.state_dir.empty() ? makeTempDir("state") : options.state_dir;
    std::string cache_dir = options.cache_dir.empty() ? makeTempDir("cache") : options.cache_dir;
    if (state_dir.empty() || cache_dir.empty()) return "demo: cannot create temporary directories";
    DemoWorldOptions world;
    world.assets_dir = options.assets_dir;
    world.menu_file = options.demo_menu_file;
    world.state_dir = state_dir + "/procart-sim";
    world.procart_offline = options.demo_procart_offline;
    demo_ = DemoWorld::start(world, error);
    if (!demo_) return error;
    config_ = demoConfig(*demo_);
    config_.paths.state_dir = state_dir;
    config_.paths.cache_dir = cache_dir;
    if (!options.config_path.empty()) log::warn("runtime", "--demo ignores --config ", options.config_path);
  } else {
    ops::LoadOptions load_options;
    load_options.check_terminal = checkTerminalParams;
    config_load_ = ops::loadConfig(options.config_path.empty() ? ops::kDefaultConfigPath : options.config_path,
                                   load_options);
    for (const auto& problem : config_load_.problems) log::warn("config", ops::describe(problem));
    config_ = config_load_.config;
    if (!options.state_dir.empty()) config_.paths.state_dir = options.state_dir;
    if (!options.cache_dir.empty()) config_.paths.cache_dir = options.cache_dir;
  }
  if (config_.callback.secret.empty()) config_.callback.secret = randomSecret();
  return {};
}

std::string KioskRuntime::startProcart() {
  client_ = std::make_unique<procart::ProcartClient>(clientOptionsOf(config_.procart));
  async_ = std::make_unique<procart::AsyncClient>(*client_);
  images_ = std::make_unique<ImageStore>(*client_, config_.paths.cache_dir + "/images");

  procart::OrderTrackerOptions tracker_options;
  tracker_options.poll_interval = std::chrono::seconds(std::max(1, config_.procart.status_poll_s));
  tracker_ = std::make_unique<procart::OrderTracker>(*client_, tracker_options, [this](const procart::StatusChange& c) {
    {
      std::lock_guard lock(facts_mutex_);
      facts_.order_status[c.guid] = orderStatusName(c.status);
    }
    inbox_.push(ev::OrderStatusChanged{c.guid, c.status});
  });
  tracker_->start();

  procart::CallbackServerOptions callback_options;
  callback_options.listen_address = config_.callback.listen_address;
  callback_options.port = config_.callback.listen_port;
  callback_options.secret = config_.callback.secret;
  callback_options.public_base_url = config_.callback.public_url;
  callback_options.procart_url = config_.procart.url;
  callback_options.allow_from = config_.callback.allow_from;
  callback_options.on_result = [](procart::CallbackResult r) { ops::globalMetrics().callback(metricOf(r)); };
  callbacks_ = std::make_unique<procart::CallbackServer>(callback_options, [this](const procart::codec::CallbackNotice& n) {
    if (tracker_->onCallbackHint(n)) return true;
    // Not an order the tracker follows: it may be one whose /postorder got no answer (the payment journal's).
    payment::Settlement* settlement = settlement_for_callbacks_.load();
    return settlement != nullptr && settlement->orderSeen(n.external_id, n.guid);
  });
  std::string error;
  if (callbacks_->start(error) < 0) {
    // Statuses still arrive through /getorders polling: the kiosk works, only slower to notice.
    log::error("runtime", "callback receiver did not start (", error, "); order status by polling only");
    ops::globalMetrics().error(ops::ErrorKind::Callback);
    callbacks_.reset();
  } else {
    log::info("runtime", "callbacks on port ", callbacks_->port());
  }

  procart::MenuRefresherOptions refresher_options;
  refresher_options.cache_dir = config_.paths.cache_dir + "/menu";
  refresher_options.refresh_interval = std::chrono::seconds(std::max(10, config_.procart.menu_refresh_s));
  if (demo_) {
    // The demo shows ProCart coming back within seconds, not a quarter of a minute.
    refresher_options.retry_interval = std::chrono::seconds(2);
    refresher_options.ping_interval = std::chrono::seconds(2);
  }
  procart::MenuRefresherCallbacks callbacks;
  callbacks.on_menu = [this](procart::MenuUpdate update) { onMenuUpdate(std::move(update)); };
  callbacks.on_reachability = [this](const procart::Reachability& r) {
    if (!r.up) {
      log::warn("runtime", "ProCart not usable: ", errorText(r.error));
      ops::globalMetrics().error(ops::ErrorKind::Procart);
    } else {
      log::info("runtime", "ProCart usable");
    }
    {
      std::lock_guard lock(facts_mutex_);
      facts_.procart_problem_key = r.up ? "" : procartProblemKey(r.error);
      facts_.procart_problem = r.up ? "" : errorText(r.error);
    }
    inbox_.push(ev::ProcartReachable{r.up});
  };
  callbacks.on_fetched = [this] {
    std::lock_guard lock(facts_mutex_);
    facts_.menu_fetched = std::chrono::steady_clock::now();
    facts_.menu_ever_fetched = true;
    facts_.menu_from_cache = false;  // ProCart confirmed the version shown (or sent a new one, which follows)
    facts_.menu_refresh_running = false;
  };
  callbacks.on_unavailable = [this](const ServiceError& e) {
    log::error("runtime", "no menu: no cache and ProCart failed: ", errorText(e));
    ops::globalMetrics().error(ops::ErrorKind::Menu);
    std::lock_guard lock(facts_mutex_);
    facts_.menu_unavailable = true;
  };
  refresher_ = std::make_unique<procart::MenuRefresher>(*client_, refresher_options, callbacks);
  refresher_->start();
  return {};
}

void KioskRuntime::onMenuUpdate(procart::MenuUpdate update) {
  for (const auto& problem : update.problems) log::warn("menu", problem);
  auto index = MenuIndex::build(std::move(update.menu));  // moved, not copied: 10 MB for a big menu
  // What the index refused (a negative price, a combo holding itself…): staff must be able to see why a dish is gone.
  for (const auto& problem : index->problems()) log::warn("menu", problem);
  const Menu& menu = index->menu();
  bool from_cache = update.source == procart::MenuSource::Cache;
  {
    std::lock_guard lock(facts_mutex_);
    facts_.menu_version = menu.version;
    facts_.menu_from_cache = from_cache;
    facts_.menu_unavailable = false;
    facts_.stop_list.clear();
    for (const Dish& dish : menu.dishes) {
      if (dish.stock.kind == StockKind::Unlimited) continue;
      auto left = dish.stock.available();
      if (left && *left > 5) continue;  // plenty: not worth staff's attention
      std::string state = dish.stock.kind == StockKind::Prohibited ? "stop-list" : std::to_string(*left) + " left";
      facts_.stop_list.push_back(StopListItem{dish.id, dish.name.get(Lang::Ru), state});
    }
    if (!from_cache) {
      facts_.menu_fetched = std::chrono::steady_clock::now();
      facts_.menu_ever_fetched = true;
      facts_.menu_refresh_running = false;
    }
  }
  log::info("runtime", "menu ", menu.version, " from ", from_cache ? "cache" : "ProCart", ": ",
            menu.dishes.size(), " dishes");
  inbox_.push(ev::MenuLoaded{std::move(index), from_cache});
}

std::string KioskRuntime::startPayments() {
  payment::journal::JournalOptions journal_options;
  journal_options.dir = config_.paths.state_dir;
  journal_ = std::make_unique<payment::journal::Journal>(journal_options);
  for (const auto& problem : journal_->problems()) log::error("journal", problem);
  for (const auto& notice : journal_->notices()) log::warn("journal", notice);
  if (!journal_->canAcceptPayments()) {
    log::error("journal", "payments refused: ", journal_->refuseReason());
    ops::globalMetrics().error(ops::ErrorKind::Journal);
  }

  std::string callback_url = callbacks_ ? callbacks_->callbackUrl() : std::string();
  gateway_ = std::make_unique<procart::ProcartOrderGateway>(*client_, callback_url);

  terminal_ = makeTerminal(config_.terminal, demo_ ? &demo_->terminalDevice() : nullptr, terminal_error_);
  if (!terminal_.terminal) {
    log::error("runtime", "no card terminal: ", terminal_error_);
    ops::globalMetrics().error(ops::ErrorKind::Terminal);
    if (!journal_->openEntries().empty())
      log::error("runtime", journal_->openEntries().size(),
                 " open payment(s) in the journal cannot be settled without the terminal: staff must look");
    return {};
  }

  payment::SettlementConfig settlement_config;
  settlement_config.currency_id = config_.order.currency_id;
  settlement_config.post_settle_time = std::chrono::milliseconds(config_.procart.post_settle_ms);
  settlement_config.post_timeout = std::chrono::milliseconds(config_.procart.request_timeout_ms);
  settlement_config.orders_listed_for = std::chrono::milliseconds(config_.procart.orders_listed_ms);
  settlement_ = std::make_unique<payment::Settlement>(
      *journal_, *terminal_.terminal, *gateway_, settlement_config, [this](const payment::SettlementUpdate& update) {
        noteSettlementMetrics(update.event);
        inbox_.push(toSessionEvent(update.event));
      });
  settlement_for_callbacks_.store(settlement_.get());

  auto open = journal_->openEntries();
  if (!open.empty()) {
    log::warn("runtime", "recovery: ", open.size(), " open payment(s) in the journal");
    notifier_.status("recovering open payments");
    notifier_.extendTimeout(std::chrono::minutes(2));
    payment::RecoveryReport report = settlement_->recoverAll();
    for (const auto& line : report.lines) log::warn("recovery", line);
    std::lock_guard lock(facts_mutex_);
    facts_.last_resolve_report = "at start: " + std::to_string(report.settled) + " settled, " +
                                 std::to_string(report.still_open) + " still open";
  }
  return {};
}

void KioskRuntime::startMonitoring() {
  if (config_.health.listen.empty()) return;
  ops::HealthServerOptions health_options;
  health_options.listen = config_.health.listen;
  health_options.kiosk_id = config_.kiosk_id;
  health_ = std::make_unique<ops::HealthServer>(health_options, ops::globalMetrics(),
                                                [this] { return health_box_.get(); });
  std::string error = health_->start();
  if (!error.empty()) {
    log::error("runtime", "health endpoint not started: ", error);
    health_.reset();
  } else {
    log::info("runtime", "health at http://", config_.health.listen.substr(0, config_.health.listen.rfind(':')),
              ":", health_->port(), "/health");
  }
}

}  // namespace kiosk
