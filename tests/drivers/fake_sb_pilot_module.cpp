#include "tests/drivers/fake_sb_pilot_module.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <ctime>
#include <utility>

namespace fake_sb_pilot {
namespace {

// ---------------------------------------------------------------------------------------------------------------
// The card and the terminal. Every row holds a value no other row could pass for, so a driver that reads the
// wrong row gets visibly wrong data (an expiry "12/27" is never an auth code, the merchant id never an RRN).
// ---------------------------------------------------------------------------------------------------------------
constexpr const char* kMaskedPan = "************1234";
constexpr const char* kFullPan = "2200700123451234";  // only on the slip of a badly set up module
constexpr const char* kExpiry = "12/27";
constexpr const char* kCardType = "MIR";
constexpr const char* kSberbankCard = "1";
constexpr const char* kTerminalId = "00012345";
constexpr const char* kCardHash = "9F8E7D6C5B4A39281706F5E4D3C2B1A098765432";
constexpr const char* kMerchantId = "780000123456";
constexpr size_t kRowCount = 20;  // rows 0..19

// Code 4118 is the module's "operations not found" (payment-terminals.md).
constexpr const char* kNotFound = "4118";
constexpr const char* kNotFoundText = "Операция не найдена";
// Code 99 is our choice for a request the module refuses to read (unknown operation, malformed arguments, an
// amount that does not fit the sale): the public material names no code for it, and 99 lies outside the documented
// 2000/4100 ranges, so a driver cannot take it for a card outcome.
constexpr const char* kRefused = "99";

std::string format(const char* pattern, long long value) {
  char buf[32];
  std::snprintf(buf, sizeof buf, pattern, value);
  return buf;
}

std::string localTime(const char* pattern) {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  ::localtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, pattern, &tm);
  return buf;
}

std::string rubles(long long kopecks) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%lld.%02lld", kopecks / 100, kopecks % 100);
  return buf;
}

std::string lowerCase(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

bool isDigits(const std::string& s, size_t max_length) {
  return !s.empty() && s.size() <= max_length && s.find_first_not_of("0123456789") == std::string::npos;
}

bool isHex(const std::string& s, size_t max_length) {
  return !s.empty() && s.size() <= max_length && s.find_first_not_of("0123456789abcdefABCDEF") == std::string::npos;
}

// What the module hands out for each approved operation: all of it increases from one operation to the next.
struct Approval {
  std::string auth_code;
  std::string operation_number;
  std::string rrn;
  std::string date_time;
};

Approval nextApproval(ModuleState& state) {
  const long long number = state.next_operation_number++;
  const long long rrn = state.next_rrn++;
  return Approval{"AB" + format("%04lld", (1234 + number - 42) % 10000), format("%04lld", number % 10000),
                  format("%012lld", 412300000000LL + rrn), localTime("%Y%m%d%H%M%S")};
}

std::vector<std::string> approvedRows(const Approval& approval, const std::string& request_id) {
  std::vector<std::string> rows(kRowCount);
  rows[0] = "0,ОДОБРЕНО";
  rows[1] = kMaskedPan;
  rows[2] = kExpiry;
  rows[3] = approval.auth_code;
  rows[4] = approval.operation_number;
  rows[5] = kCardType;
  rows[6] = kSberbankCard;
  rows[7] = kTerminalId;
  rows[8] = approval.date_time;
  rows[9] = approval.rrn;
  rows[10] = kCardHash;
  rows[13] = kMerchantId;
  rows[19] = request_id;  // rows 11, 12, 14..18 stay empty (17: no loyalty data)
  return rows;
}

std::string cardSlip(const std::string& title, long long amount, const Approval& approval, bool full_pan) {
  std::string slip = "ПАО СБЕРБАНК\nТЕРМИНАЛ: " + std::string(kTerminalId) + "\nМЕРЧАНТ: " + kMerchantId + "\n" +
                     localTime("%d.%m.%Y %H:%M:%S") + "\n" + title + "\nСУММА (RUB): " + rubles(amount) +
                     "\nКАРТА: " + kCardType + " " + kMaskedPan + "\n";
  if (full_pan) slip += "НОМЕР КАРТЫ: " + std::string(kFullPan) + "\n";
  slip += "КОД АВТОРИЗАЦИИ: " + approval.auth_code + "\nRRN: " + approval.rrn + "\nОДОБРЕНО\n";
  return slip;
}

Outcome answer(const std::string& code, std::vector<std::string> rows, std::string slip = "") {
  Outcome out;
  out.code = code;
  out.rows = std::move(rows);
  out.slip = std::move(slip);
  return out;
}

Outcome rowZeroOnly(const std::string& code, const std::string& text) { return answer(code, {code + "," + text}); }

Outcome purchase(ModuleState& state, const Request& request, bool full_pan) {
  const Approval approval = nextApproval(state);
  Outcome out = answer("0", approvedRows(approval, request.request_id),
                       cardSlip("ОПЛАТА", request.amount, approval, full_pan));
  state.sales.push_back(Sale{approval.rrn, request.amount, request.request_id, state.day, ""});
  out.event = MoneyEvent{"purchase", request.amount, approval.rrn, request.request_id, state.day};
  if (!request.request_id.empty()) state.results[lowerCase(request.request_id)] = {out.rows, out.slip};
  return out;
}

// Cancel (op 8): only a sale of the current day that was not undone, and only for its whole amount.
// Return (op 3): a sale of any day that was not undone, for at most its amount.
Outcome undo(ModuleState& state, const Request& request, bool full_pan) {
  const bool cancel = request.op == Op::Cancel;
  const auto sale = std::find_if(state.sales.begin(), state.sales.end(), [&](const Sale& s) {
    return s.rrn == request.rrn && s.undone.empty() && (!cancel || s.day == state.day);
  });
  if (sale == state.sales.end()) return rowZeroOnly(kNotFound, kNotFoundText);
  if (cancel && request.amount != sale->amount) return rowZeroOnly(kRefused, "Сумма не совпадает с суммой операции");
  if (request.amount > sale->amount) return rowZeroOnly(kRefused, "Сумма возврата больше суммы операции");

  const Approval approval = nextApproval(state);
  Outcome out = answer("0", approvedRows(approval, ""),
                       cardSlip(cancel ? "ОТМЕНА" : "ВОЗВРАТ", request.amount, approval, full_pan));
  sale->undone = cancel ? "cancel" : "return";
  out.event = MoneyEvent{sale->undone, request.amount, sale->rrn, sale->request_id, state.day};
  return out;
}

Outcome lookup(const ModuleState& state, const Request& request) {
  const auto found = state.results.find(lowerCase(request.request_id));
  if (found == state.results.end()) return rowZeroOnly(kNotFound, kNotFoundText);
  const std::string& first = found->second.rows.at(0);
  return answer(first.substr(0, first.find(',')), found->second.rows, found->second.slip);
}

// Day close (сверка итогов): the current day's operations become a closed day. The ledger amount is the day's net
// (sales less cancels and returns).
Outcome dayClose(ModuleState& state) {
  long long sold = 0, undone = 0, net = 0;
  for (const auto& event : state.events) {
    if (event.day != state.day) continue;
    if (event.op == "purchase") {
      ++sold;
      net += event.amount;
    } else if (event.op == "cancel" || event.op == "return") {
      ++undone;
      net -= event.amount;
    }
  }
  const std::string slip = "ПАО СБЕРБАНК\nСВЕРКА ИТОГОВ\nТЕРМИНАЛ: " + std::string(kTerminalId) + "\n" +
                           localTime("%d.%m.%Y %H:%M:%S") + "\nОПЛАТ: " + std::to_string(sold) +
                           "\nОТМЕН И ВОЗВРАТОВ: " + std::to_string(undone) + "\nИТОГО (RUB): " + rubles(net) +
                           "\nИТОГИ СОВПАЛИ\n";
  Outcome out = answer("0", {"0,Сверка итогов выполнена"}, slip);
  out.event = MoneyEvent{"day_close", net, "", "", state.day};
  ++state.day;
  return out;
}

}  // namespace

Request parseRequest(const std::vector<std::string>& args) {
  Request request;
  if (args.empty()) return request;
  const std::string& op = args[0];
  auto malformed = [&](const std::string& problem) {
    request.op = Op::Malformed;
    request.problem = "operation " + op + ": " + problem;
    return request;
  };
  auto amountAt = [&](size_t index) {
    // Kopecks: 1-12 digits, more than zero.
    if (index >= args.size() || !isDigits(args[index], 12) || std::stoll(args[index]) == 0) return false;
    request.amount = std::stoll(args[index]);
    return true;
  };
  if (op == "1") {
    if (!amountAt(1)) return malformed("the amount must be 1-12 digits of kopecks, more than zero");
    for (size_t i = 2; i < args.size(); ++i) {
      const std::string& arg = args[i];
      if (arg.rfind("/q=", 0) != 0) return malformed("unknown argument \"" + arg + "\"");
      if (!request.request_id.empty()) return malformed("more than one /q=");
      request.request_id = arg.substr(3);
      if (!isHex(request.request_id, 32)) return malformed("the request id must be 1-32 hex digits");
    }
    request.op = Op::Purchase;
  } else if (op == "8" || op == "3") {
    // 8 <kopecks> 0 QSELECT <RRN>; 3 <kopecks> 0 <track2|0> <RRN>
    const char* usage = op == "8" ? "expected 8 <kopecks> 0 QSELECT <RRN>" : "expected 3 <kopecks> 0 <track2|0> <RRN>";
    if (args.size() != 5 || !amountAt(1) || args[2] != "0" || args[3].empty() || !isDigits(args[4], 12) ||
        (op == "8" && args[3] != "QSELECT"))
      return malformed(usage);
    request.rrn = args[4];
    request.op = op == "8" ? Op::Cancel : Op::Return;
  } else if (op == "52") {
    if (args.size() != 2 || !isHex(args[1], 32)) return malformed("expected 52 <request id of 1-32 hex digits>");
    request.request_id = args[1];
    request.op = Op::Lookup;
  } else if (op == "7") {
    if (args.size() != 1) return malformed("day close takes no arguments");
    request.op = Op::DayClose;
  }
  return request;
}

Outcome perform(ModuleState& state, const Request& request, bool slip_full_pan) {
  Outcome out;
  switch (request.op) {
    case Op::Purchase: out = purchase(state, request, slip_full_pan); break;
    case Op::Cancel:
    case Op::Return: out = undo(state, request, slip_full_pan); break;
    case Op::Lookup: return lookup(state, request);
    case Op::DayClose: out = dayClose(state); break;
    case Op::Unknown: return rowZeroOnly(kRefused, "Неизвестная операция");
    case Op::Malformed: return rowZeroOnly(kRefused, "Неверные параметры операции");
  }
  if (out.event) {
    state.events.push_back(*out.event);
    out.state_changed = true;
  }
  return out;
}

Outcome decline(ModuleState& state, const Request& request, const std::string& code, const std::string& text) {
  Outcome out = rowZeroOnly(code, text);
  if (request.op == Op::Purchase && !request.request_id.empty()) {
    state.results[lowerCase(request.request_id)] = {out.rows, ""};
    out.state_changed = true;
  }
  return out;
}

}  // namespace fake_sb_pilot
