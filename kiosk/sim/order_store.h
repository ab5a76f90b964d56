#pragma once
// The orders the emulator created, with their payments, kept in memory and in `<state_dir>/orders.json`
// (rewritten atomically after every change, so a restart with the same state dir keeps them).
// Not thread-safe: the emulator guards it with its own mutex.
#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "kiosk/sim/emulator.h"

namespace procart_sim {

// r_keeper order status codes.
enum OrderStatus : int { kOpen = 0, kClosed = 1, kBill = 2, kDeleted = 3, kDeferred = 4, kNew = 5 };
bool isValidStatus(int status);

struct StoredOrder {
  OrderRecord record;
  std::string comment;                        // the long comment, for /internal/print_info
  std::map<std::string, int64_t> dish_units;  // pieces taken from stock (given back when deleted)
  int64_t created_ms = 0;                     // epoch ms, for the lifecycle after a restart
};

// "{XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}", upper-case hex.
std::string newGuid(std::mt19937_64& rng);
// Accepts a GUID with or without braces, any case; returns the stored form ("" if it is not a GUID).
std::string normalizeGuid(std::string_view text);

class OrderStore {
 public:
  explicit OrderStore(std::string state_dir = "");  // "" = memory only

  // Reads orders.json if it exists. "" on success (also when there is no file yet), else the reason;
  // a corrupt file is reported, never overwritten silently.
  std::string load();
  // Atomic rewrite of orders.json; "" on success or when memory-only.
  std::string save() const;

  // Gives the order a fresh GUID and the next short number, stores it and returns it.
  StoredOrder& create(StoredOrder order);
  StoredOrder* find(const std::string& guid);
  const StoredOrder* find(const std::string& guid) const;
  // The most recent order with this external id, or nullptr.
  const StoredOrder* findByExternalId(const std::string& external_id) const;
  const std::vector<StoredOrder>& all() const { return orders_; }
  // Pieces of each dish taken by orders that are not deleted.
  std::map<std::string, int64_t> stockUsed() const;
  std::string path() const { return path_; }

 private:
  std::string dir_, path_;
  std::vector<StoredOrder> orders_;
  int64_t next_number_ = 1;
  std::mt19937_64 guid_rng_;
};

}  // namespace procart_sim
