#include "kiosk/procart/async_client.h"

namespace kiosk::procart {

AsyncClient::AsyncClient(ProcartClient& client, int workers) : client_(client), pool_(workers) {}

void AsyncClient::ping(OnResult<codec::PingInfo> done) {
  pool_.post([this, done = std::move(done)] { done(client_.ping()); });
}

void AsyncClient::getMenu(OnResult<MenuFetch> done) {
  pool_.post([this, done = std::move(done)] { done(client_.getMenu()); });
}

void AsyncClient::validate(OrderDraft draft, OnResult<ValidationResult> done) {
  pool_.post([this, draft = std::move(draft), done = std::move(done)] { done(client_.validate(draft)); });
}

void AsyncClient::postOrder(OrderDraft draft, std::vector<OrderPayment> payments, std::string callback_url,
                            OnResult<PostedOrder> done) {
  pool_.post([this, draft = std::move(draft), payments = std::move(payments), url = std::move(callback_url),
              done = std::move(done)] { done(client_.postOrder(draft, payments, url)); });
}

void AsyncClient::getOpenOrders(OnResult<codec::OrdersParse> done) {
  pool_.post([this, done = std::move(done)] { done(client_.getOpenOrders()); });
}

void AsyncClient::getOrders(std::vector<std::string> guids, OnResult<codec::OrdersParse> done) {
  pool_.post([this, guids = std::move(guids), done = std::move(done)] { done(client_.getOrders(guids)); });
}

void AsyncClient::closeOrder(std::string guid, OnResult<codec::Done> done) {
  pool_.post([this, guid = std::move(guid), done = std::move(done)] { done(client_.closeOrder(guid)); });
}

void AsyncClient::fetchImage(std::string ref, OnResult<std::string> done) {
  pool_.post([this, ref = std::move(ref), done = std::move(done)] { done(client_.fetchImage(ref)); });
}

}  // namespace kiosk::procart
