#include "kiosk/sim/emulator.h"

#include <chrono>
#include <thread>

#include "kiosk/common/log.h"
#include "kiosk/sim/emulator_state.h"
#include "kiosk/sim/menu_loader.h"
#include "kiosk/sim/wire.h"

namespace procart_sim {

namespace {

constexpr const char* kLog = "procart-sim";
// Worker threads of the HTTP server. Simulated latencies sleep inside handlers, so keep some spare.
constexpr size_t kServerThreads = 16;

std::string directoryOf(const std::string& path) {
  auto slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

}  // namespace

// ---------------------------------------------------------------------------------------------------------------
// EmulatorState: what the routes share
// ---------------------------------------------------------------------------------------------------------------

bool fullyPaid(const OrderRecord& order) { return order.paid_kopecks >= order.total_kopecks; }

void EmulatorState::countRequest(const std::string& method) {
  auto it = requests.find(method);
  if (it != requests.end()) ++it->second;
}

void EmulatorState::pause(int ms) {
  if (ms <= 0) return;
  std::unique_lock lock(pause_mutex);
  pause_wake.wait_for(lock, std::chrono::milliseconds(ms), [this] { return stopping; });
}

std::optional<PendingCallback> EmulatorState::setStatusLocked(StoredOrder& order, int status) {
  if (order.record.status == status) return std::nullopt;
  order.record.status = status;
  order.record.updated_at = isoLocalTime(std::chrono::system_clock::now());
  std::string saved = store.save();
  if (!saved.empty()) kiosk::log::error(kLog, "cannot save orders: ", saved);
  kiosk::log::info(kLog, "order ", order.record.guid, " #", order.record.number, " → status ", status);
  if (order.record.callback_url.empty()) return std::nullopt;
  json body = {{"guid", order.record.guid},
               {"external_id", order.record.external_id},
               {"number", order.record.number},
               {"status", status},
               {"updated_at", order.record.updated_at}};
  return PendingCallback{order.record.callback_url, body.dump(-1, ' ', false, json::error_handler_t::replace)};
}

void EmulatorState::dispatch(const std::optional<PendingCallback>& callback) {
  if (callback) callbacks.send(callback->url, callback->body);
}

std::string EmulatorState::reloadMenuLocked(bool& changed) {
  changed = false;
  auto loaded = loadSimMenu(options.menu_file);
  if (!loaded) return loaded.error();
  changed = !menu || menu->version != loaded->version;
  if (changed) menu = std::make_shared<const SimMenu>(std::move(*loaded));
  images_dir = directoryOf(options.menu_file) + "/images";
  return "";
}

void EmulatorState::applyLifecycleStep(const std::string& guid, const LifecycleStep& step) {
  std::optional<PendingCallback> callback;
  {
    std::lock_guard lock(mutex);
    StoredOrder* order = store.find(guid);
    if (!order || order->record.status != step.from) return;
    // r_keeper closes an order only when it is paid; with close_paid_order=false it waits for /close.
    if (step.to == kClosed && (!options.close_paid_order || !fullyPaid(order->record))) return;
    callback = setStatusLocked(*order, step.to);
  }
  dispatch(callback);
}

// ---------------------------------------------------------------------------------------------------------------
// Emulator
// ---------------------------------------------------------------------------------------------------------------

struct Emulator::Impl {
  explicit Impl(Options options) : state(std::move(options)) {
    for (const auto& method : faultMethods()) state.requests[method] = 0;
  }
  EmulatorState state;
  std::unique_ptr<httplib::Server> server;
  std::thread listen_thread;
  std::string host;
  int port = -1;
  std::string error;
};

Emulator::Emulator(Options options) : impl_(std::make_unique<Impl>(std::move(options))) {}

Emulator::~Emulator() { stop(); }

int Emulator::start(const std::string& host, int port) {
  Impl& im = *impl_;
  EmulatorState& s = im.state;
  if (im.server) return im.port;
  im.error.clear();
  auto fail = [&](std::string message) {
    im.error = std::move(message);
    kiosk::log::error(kLog, im.error);
    return -1;
  };
  if (s.options.menu_file.empty()) return fail("no menu file given");
  auto steps = parseLifecycle(s.options.lifecycle);
  if (!steps) return fail(steps.error());
  s.lifecycle_steps = *steps;
  std::string faults_error = s.faults.set(s.options.faults, s.options.seed);
  if (!faults_error.empty()) return fail("faults: " + faults_error);
  {
    std::lock_guard lock(s.mutex);
    bool changed = false;
    std::string menu_error = s.reloadMenuLocked(changed);
    if (!menu_error.empty()) return fail(menu_error);
    std::string store_error = s.store.load();
    if (!store_error.empty()) return fail(store_error);
  }

  auto server = std::make_unique<httplib::Server>();
  server->new_task_queue = [] { return new httplib::ThreadPool(kServerThreads); };
  server->set_keep_alive_timeout(2);
  server->set_tcp_nodelay(true);  // headers and body go out as separate writes: no Nagle delay between them
  server->set_read_timeout(10, 0);
  server->set_write_timeout(10, 0);
  server->set_payload_max_length(4 * 1024 * 1024);
  installApiRoutes(s, *server);
  installAdminRoutes(s, *server);

  int bound = port == 0 ? server->bind_to_any_port(host) : (server->bind_to_port(host, port) ? port : -1);
  if (bound <= 0) return fail("cannot listen on " + host + ":" + std::to_string(port));

  {
    std::lock_guard lock(s.pause_mutex);
    s.stopping = false;
  }
  s.callbacks.start(s.options.callback_attempts, s.options.callback_backoff_ms,
                    [&s] { return s.faults.decide("callback"); });
  s.lifecycle.start(s.lifecycle_steps,
                    [&s](const std::string& guid, const LifecycleStep& step) { s.applyLifecycleStep(guid, step); });
  {
    // Orders kept from a previous run go on with their lifecycle; steps already due run at once.
    std::lock_guard lock(s.mutex);
    for (const auto& order : s.store.all()) s.lifecycle.schedule(order.record.guid, order.created_ms);
  }
  im.host = host;
  im.port = bound;
  im.server = std::move(server);
  httplib::Server* raw = im.server.get();
  im.listen_thread = std::thread([raw] { raw->listen_after_bind(); });
  // httplib's stop() does nothing until the accept loop runs; wait for it so that an early stop() cannot hang.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (!raw->is_running() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  kiosk::log::info(kLog, "listening on ", baseUrl(), " (menu ", s.menu->version, ")");
  return bound;
}

void Emulator::stop() {
  Impl& im = *impl_;
  if (!im.server) return;
  {
    std::lock_guard lock(im.state.pause_mutex);
    im.state.stopping = true;
  }
  im.state.pause_wake.notify_all();
  im.server->stop();
  if (im.listen_thread.joinable()) im.listen_thread.join();
  im.server.reset();
  im.state.lifecycle.stop();
  im.state.callbacks.stop();
  im.port = -1;
}

const std::string& Emulator::error() const { return impl_->error; }
int Emulator::port() const { return impl_->port; }

std::string Emulator::baseUrl() const {
  std::string host = impl_->host;
  if (host.empty() || host == "0.0.0.0") host = "127.0.0.1";
  if (host == "::") host = "::1";
  if (host.find(':') != std::string::npos) host = "[" + host + "]";
  return "http://" + host + ":" + std::to_string(impl_->port) + "/api/v3";
}

void Emulator::setFaults(const std::string& spec) { applyFaults(spec); }

std::string Emulator::applyFaults(const std::string& spec) {
  std::string error = impl_->state.faults.set(spec, impl_->state.options.seed);
  if (!error.empty()) kiosk::log::error(kLog, "faults not changed: ", error);
  return error;
}

std::string Emulator::menuVersion() const {
  std::lock_guard lock(impl_->state.mutex);
  return impl_->state.menu ? impl_->state.menu->version : "";
}

void Emulator::setPosOnline(bool online) {
  std::lock_guard lock(impl_->state.mutex);
  impl_->state.pos_online = online;
}

void Emulator::setLicenseValid(bool valid) {
  std::lock_guard lock(impl_->state.mutex);
  impl_->state.license_valid = valid;
}

bool Emulator::setOrderStatus(const std::string& guid, int status) {
  if (!isValidStatus(status)) return false;
  EmulatorState& s = impl_->state;
  std::optional<PendingCallback> callback;
  {
    std::lock_guard lock(s.mutex);
    StoredOrder* order = s.store.find(guid);
    if (!order) return false;
    callback = s.setStatusLocked(*order, status);
  }
  s.dispatch(callback);
  return true;
}

bool Emulator::reloadMenu() {
  std::lock_guard lock(impl_->state.mutex);
  bool changed = false;
  std::string error = impl_->state.reloadMenuLocked(changed);
  if (!error.empty()) kiosk::log::error(kLog, "menu not reloaded: ", error);
  return error.empty();
}

std::vector<OrderRecord> Emulator::orders() const {
  std::lock_guard lock(impl_->state.mutex);
  std::vector<OrderRecord> out;
  for (const auto& o : impl_->state.store.all()) out.push_back(o.record);
  return out;
}

std::optional<OrderRecord> Emulator::orderByExternalId(const std::string& external_id) const {
  std::lock_guard lock(impl_->state.mutex);
  const StoredOrder* order = impl_->state.store.findByExternalId(external_id);
  if (!order) return std::nullopt;
  return order->record;
}

int64_t Emulator::requestCount(const std::string& method) const {
  auto it = impl_->state.requests.find(method);
  return it == impl_->state.requests.end() ? 0 : it->second.load();
}

int64_t Emulator::callbacksSent() const { return impl_->state.callbacks.delivered(); }
int64_t Emulator::callbacksLost() const { return impl_->state.callbacks.lost(); }

}  // namespace procart_sim
