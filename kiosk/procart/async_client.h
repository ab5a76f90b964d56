#pragma once
// The non-blocking face of ProcartClient: each call is queued to a small worker pool and its result is handed to
// `done` on a worker thread (the runtime turns it into a message for the UI thread). The caller never blocks.
// Destroying the AsyncClient waits for calls in progress; queued calls are dropped without their callbacks.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "kiosk/procart/client.h"
#include "kiosk/procart/worker_pool.h"

namespace kiosk::procart {

template <class T>
using OnResult = std::function<void(Expected<T, ServiceError>)>;

class AsyncClient {
 public:
  // `client` must outlive this object. Three workers by default: a slow /getmenu does not hold up a /validate.
  explicit AsyncClient(ProcartClient& client, int workers = 3);

  void ping(OnResult<codec::PingInfo> done);
  void getMenu(OnResult<MenuFetch> done);
  void validate(OrderDraft draft, OnResult<ValidationResult> done);
  void postOrder(OrderDraft draft, std::vector<OrderPayment> payments, std::string callback_url,
                 OnResult<PostedOrder> done);
  void getOpenOrders(OnResult<codec::OrdersParse> done);
  void getOrders(std::vector<std::string> guids, OnResult<codec::OrdersParse> done);
  void closeOrder(std::string guid, OnResult<codec::Done> done);
  void fetchImage(std::string ref, OnResult<std::string> done);

  ProcartClient& client() { return client_; }

 private:
  ProcartClient& client_;
  WorkerPool pool_;  // last member: joined first, while client_ is still valid
};

}  // namespace kiosk::procart
