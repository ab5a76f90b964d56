#pragma once
// The soak's ProCart for one round, living in the driver process so that it outlives every kiosk life: the
// procart-sim Emulator (real HTTP on loopback, orders kept in its state dir). It can break ProCart on request
// (fault specs, POS offline, stop and restart on the same port and state dir) and counts every ProCart fault it
// injected. The round's card terminal is a TerminalPeer (terminal_peer.h).
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "kiosk/sim/emulator.h"

namespace soak {

struct WorldOptions {
  std::string menu_file;      // assets/demo/menu.json
  std::string procart_dir;    // the emulator's state dir (orders.json)
  std::string lifecycle;      // the emulator's order lifecycle script
  std::string token = "soak-token";
  uint64_t seed = 1;          // fault draws: each fault segment gets its own seed derived from this
};

// Faults injected, by "method.fault" ("postorder.drop_after", "validate.latency" …), replayed exactly from each
// fault segment's spec and the emulator's request counts (procart_sim::FaultInjector draws per method).
using FaultCounts = std::map<std::string, int64_t>;

class World {
 public:
  World() = default;
  ~World();
  World(const World&) = delete;
  World& operator=(const World&) = delete;

  // Starts the emulator (port 0). "" or what failed.
  std::string start(const WorldOptions& options);
  void stop();

  std::string procartUrl() const;
  const std::string& token() const { return options_.token; }

  // ProCart faults from now on (a spec without seed=; "" = none). "" or the spec's parse error.
  std::string setFaults(const std::string& spec);
  void setPosOnline(bool online);
  bool posOnline() const { return pos_online_; }
  // ProCart goes away (connection refused) and comes back on the same port, with the orders it kept.
  void stopProcart();
  std::string startProcart();
  bool procartUp() const { return emulator_ != nullptr; }

  // The emulator's own records (ProCart up), or those it had when it stopped.
  std::vector<procart_sim::OrderRecord> orders() const;
  FaultCounts faultCounts() const;  // closed segments + the current one
  int64_t callbacksSent() const;
  int64_t callbacksLost() const;

 private:
  struct Segment {
    std::string spec;  // with seed=
    std::map<std::string, int64_t> requests;  // per method, during the segment
  };
  void closeSegment();  // the current segment's requests so far become a closed segment
  std::map<std::string, int64_t> requestCounts() const;

  WorldOptions options_;
  int port_ = 0;
  std::unique_ptr<procart_sim::Emulator> emulator_;
  bool pos_online_ = true;

  std::string spec_;  // current, without seed
  std::string seeded_spec_;
  int segment_index_ = 0;
  std::map<std::string, int64_t> segment_base_;  // request counts when the current segment began
  std::vector<Segment> closed_;
  std::vector<procart_sim::OrderRecord> last_orders_;
  int64_t callbacks_sent_before_ = 0;  // of emulators stopped earlier
  int64_t callbacks_lost_before_ = 0;
};

// Replays a fault segment: what procart_sim::FaultInjector decided for `requests` calls of each method.
void tallyFaults(const std::string& seeded_spec, const std::map<std::string, int64_t>& requests, FaultCounts& out);

}  // namespace soak
