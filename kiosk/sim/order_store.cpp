#include "kiosk/sim/order_store.h"

#include <sys/stat.h>
#include <cctype>
#include <cstdio>
#include <stdexcept>

#include "kiosk/common/atomic_file.h"
#include "kiosk/sim/wire.h"

namespace procart_sim {
namespace {

constexpr int kFileFormat = 1;

json paymentToJson(const PaymentRecord& p) {
  return {{"currency_id", p.currency_id}, {"amount_kopecks", p.amount_kopecks},
          {"terminal_id", p.terminal_id}, {"rrn", p.rrn},
          {"auth_code", p.auth_code},     {"card_mask", p.card_mask},
          {"paid_at", p.paid_at}};
}

json orderToJson(const StoredOrder& o) {
  json payments = json::array();
  for (const auto& p : o.record.payments) payments.push_back(paymentToJson(p));
  json request = json::parse(o.record.request_json, nullptr, false);
  if (request.is_discarded()) request = nullptr;
  return {{"guid", o.record.guid},
          {"external_id", o.record.external_id},
          {"number", o.record.number},
          {"status", o.record.status},
          {"total_kopecks", o.record.total_kopecks},
          {"paid_kopecks", o.record.paid_kopecks},
          {"payments", payments},
          {"callback_url", o.record.callback_url},
          {"created_at", o.record.created_at},
          {"updated_at", o.record.updated_at},
          {"created_ms", o.created_ms},
          {"comment", o.comment},
          {"dish_units", o.dish_units},
          {"request", request}};
}

StoredOrder orderFromJson(const json& j) {
  StoredOrder o;
  o.record.guid = j.at("guid").get<std::string>();
  o.record.external_id = j.at("external_id").get<std::string>();
  o.record.number = j.at("number").get<std::string>();
  o.record.status = j.at("status").get<int>();
  if (!isValidStatus(o.record.status)) throw std::runtime_error("bad status in " + o.record.guid);
  o.record.total_kopecks = j.at("total_kopecks").get<int64_t>();
  o.record.paid_kopecks = j.at("paid_kopecks").get<int64_t>();
  for (const auto& p : j.at("payments")) {
    o.record.payments.push_back({p.at("currency_id").get<std::string>(), p.at("amount_kopecks").get<int64_t>(),
                                 p.at("terminal_id").get<std::string>(), p.at("rrn").get<std::string>(),
                                 p.at("auth_code").get<std::string>(), p.at("card_mask").get<std::string>(),
                                 p.at("paid_at").get<std::string>()});
  }
  o.record.callback_url = j.at("callback_url").get<std::string>();
  o.record.created_at = j.at("created_at").get<std::string>();
  o.record.updated_at = j.at("updated_at").get<std::string>();
  o.created_ms = j.at("created_ms").get<int64_t>();
  o.comment = j.at("comment").get<std::string>();
  o.dish_units = j.at("dish_units").get<std::map<std::string, int64_t>>();
  o.record.request_json = j.at("request").is_null() ? "" : j.at("request").dump();
  return o;
}

}  // namespace

bool isValidStatus(int status) { return status >= 0 && status <= 5; }

std::string newGuid(std::mt19937_64& rng) {
  uint64_t a = rng(), b = rng();
  char text[40];
  std::snprintf(text, sizeof text, "{%08X-%04X-%04X-%04X-%012llX}", static_cast<unsigned>(a >> 32),
                static_cast<unsigned>((a >> 16) & 0xFFFF), static_cast<unsigned>(a & 0xFFFF),
                static_cast<unsigned>(b >> 48), static_cast<unsigned long long>(b & 0xFFFFFFFFFFFFULL));
  return text;
}

std::string normalizeGuid(std::string_view text) {
  if (text.size() == 38 && text.front() == '{' && text.back() == '}') text = text.substr(1, 36);
  if (text.size() != 36) return "";
  std::string out = "{";
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    bool dash_place = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash_place != (c == '-')) return "";
    if (!dash_place && !std::isxdigit(static_cast<unsigned char>(c))) return "";
    out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return out + "}";
}

OrderStore::OrderStore(std::string state_dir)
    : dir_(std::move(state_dir)), path_(dir_.empty() ? "" : dir_ + "/orders.json"), guid_rng_(std::random_device{}()) {}

std::string OrderStore::load() {
  if (path_.empty()) return "";
  struct stat info {};
  if (::stat(path_.c_str(), &info) != 0) return "";  // first run: no file yet
  auto content = kiosk::files::readAll(path_);
  if (!content) return content.error();
  json root = json::parse(*content, nullptr, false);
  if (root.is_discarded() || !root.is_object()) return path_ + ": not valid JSON";
  try {
    if (root.at("format").get<int>() != kFileFormat) return path_ + ": unknown format";
    std::vector<StoredOrder> orders;
    for (const auto& j : root.at("orders")) orders.push_back(orderFromJson(j));
    orders_ = std::move(orders);
    next_number_ = root.at("next_number").get<int64_t>();
  } catch (const std::exception& e) {
    return path_ + ": " + e.what();
  }
  return "";
}

std::string OrderStore::save() const {
  if (path_.empty()) return "";
  std::string made = kiosk::files::makeDirectories(dir_);
  if (!made.empty()) return made;
  json orders = json::array();
  for (const auto& o : orders_) orders.push_back(orderToJson(o));
  json root = {{"format", kFileFormat}, {"next_number", next_number_}, {"orders", orders}};
  return kiosk::files::writeAtomically(path_, root.dump(1, ' ', false, json::error_handler_t::replace) + "\n");
}

StoredOrder& OrderStore::create(StoredOrder order) {
  do {
    order.record.guid = newGuid(guid_rng_);
  } while (find(order.record.guid));
  order.record.number = std::to_string(next_number_++);
  orders_.push_back(std::move(order));
  return orders_.back();
}

StoredOrder* OrderStore::find(const std::string& guid) {
  std::string key = normalizeGuid(guid);
  for (auto& o : orders_) {
    if (o.record.guid == key) return &o;
  }
  return nullptr;
}

const StoredOrder* OrderStore::find(const std::string& guid) const { return const_cast<OrderStore*>(this)->find(guid); }

const StoredOrder* OrderStore::findByExternalId(const std::string& external_id) const {
  for (auto it = orders_.rbegin(); it != orders_.rend(); ++it) {
    if (it->record.external_id == external_id) return &*it;
  }
  return nullptr;
}

std::map<std::string, int64_t> OrderStore::stockUsed() const {
  std::map<std::string, int64_t> used;
  for (const auto& o : orders_) {
    if (o.record.status == kDeleted) continue;
    for (const auto& [dish, n] : o.dish_units) used[dish] += n;
  }
  return used;
}

}  // namespace procart_sim
