#pragma once
// procart-sim: a ProCart API v3 emulator serving the wire profile of docs/PROCART-WIRE.md over real HTTP.
// Used by `procart-sim` (the executable), by `kiosk --demo` (in-process) and by the tests.
//
// CONTRACT (other parts of the project rely on this public API; the implementation is free behind it).
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace procart_sim {

struct Options {
  std::string menu_file;       // the emulator's menu (see assets/demo/menu.json); required
  std::string token = "demo-token";
  std::string state_dir;       // where orders are kept (orders.json, atomic writes); empty = memory only
  std::string faults;          // fault spec, see FaultSpec in faults.h / docs/EMULATOR.md
  uint64_t seed = 1;           // for every random choice (faults, latency)
  bool close_paid_order = true;  // false: a paid order waits in open/bill until /close
  // Order lifecycle script: "new>open@1000,open>bill@5000,bill>close@10000" (ms after creation), or "" for none.
  std::string lifecycle = "new>open@1000,open>bill@5000,bill>close@10000";
  bool getmenu_latency = false;  // simulated 0.5–2 s latency of /getmenu (as on a large real menu)
  int callback_attempts = 4;     // POSTs per status change (first + retries with backoff)
  int callback_backoff_ms = 200;  // doubled on each retry
};

// What the emulator keeps of one order: enough for tests to check money invariants against it.
struct PaymentRecord {
  std::string currency_id;
  int64_t amount_kopecks = 0;
  std::string terminal_id, rrn, auth_code, card_mask, paid_at;
};
struct OrderRecord {
  std::string guid;
  std::string external_id;
  std::string number;
  int status = 5;
  int64_t total_kopecks = 0;
  int64_t paid_kopecks = 0;
  std::vector<PaymentRecord> payments;
  std::string callback_url;
  std::string created_at, updated_at;
  std::string request_json;  // the /postorder body as received (token removed)
};

class Emulator {
 public:
  explicit Emulator(Options options);
  ~Emulator();  // stops the server
  Emulator(const Emulator&) = delete;
  Emulator& operator=(const Emulator&) = delete;

  // Loads the menu and the state, binds `host:port` (port 0 = any free port) and serves on its own threads.
  // Returns the bound port, or -1 with error() set.
  int start(const std::string& host = "127.0.0.1", int port = 0);
  void stop();
  const std::string& error() const;
  int port() const;
  std::string baseUrl() const;  // "http://127.0.0.1:PORT/api/v3"

  // Admin (also reachable over HTTP under /sim/…):
  void setFaults(const std::string& spec);          // replaces the fault spec; "" clears
  // Same as setFaults, but says why a spec was refused: "" on success, else the parse error (nothing changed).
  std::string applyFaults(const std::string& spec);
  void setPosOnline(bool online);                   // false: every POS-bound method answers "POS offline"
  void setLicenseValid(bool valid);                 // what /ping reports as license_valid
  bool setOrderStatus(const std::string& guid, int status);  // fires a callback
  bool reloadMenu();                                // re-reads menu_file; menu_version changes only if it changed
  std::string menuVersion() const;                  // the menu_version /getmenu reports now
  std::vector<OrderRecord> orders() const;
  std::optional<OrderRecord> orderByExternalId(const std::string& external_id) const;
  // Counters per method name ("validate", "postorder", …) of requests received, and callbacks sent / lost.
  int64_t requestCount(const std::string& method) const;
  int64_t callbacksSent() const;
  int64_t callbacksLost() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace procart_sim
