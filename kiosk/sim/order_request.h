#pragma once
// The "order" of /validate and /postorder (plus /postorder's payments and callback_url), read tolerantly
// (ids as string or number, amounts as number or string). Structural problems are a bad request (400);
// a quantity that is a number but not a usable one is kept for the validator to report as `bad_quantity`.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/common/expected.h"
#include "kiosk/sim/wire.h"

namespace procart_sim {

// Highest quantity of one line, and of one modifier, that the emulator accepts.
constexpr int64_t kMaxLineQuantity = 999;

struct RequestModifier {
  std::string id;
  std::optional<int64_t> quantity;  // nullopt: present but not a positive integer ≤ kMaxLineQuantity
};

struct RequestComboChoice {
  std::string group_id;
  std::string dish_id;
  std::vector<RequestModifier> modifiers;
};

struct RequestLine {
  std::string dish_id;
  std::optional<int64_t> quantity;  // nullopt: not a positive integer ≤ kMaxLineQuantity
  std::string comment;
  std::vector<RequestModifier> modifiers;
  std::vector<RequestComboChoice> combo;
};

struct RequestDiscount {
  std::string id;
  int64_t amount = 0;  // kopecks
};

struct RequestPayment {
  std::string currency_id;
  int64_t amount = 0;  // kopecks
  std::string terminal_id, rrn, auth_code, card_mask, paid_at;
};

struct OrderRequest {
  std::string external_id, category_id, table_code, comment, short_comment;
  std::vector<RequestLine> lines;
  std::vector<RequestDiscount> discounts;
  std::vector<RequestPayment> payments;  // /postorder only
  std::string callback_url;              // /postorder only
};

// Longest short comment r_keeper shows in its order list (characters).
constexpr size_t kShortCommentMax = 30;

// `body` is the whole request body ({"token", "order": {...}, "payments", "callback_url"}).
// The error text says which field is wrong.
kiosk::Expected<OrderRequest, std::string> parseOrderRequest(const json& body);

}  // namespace procart_sim
