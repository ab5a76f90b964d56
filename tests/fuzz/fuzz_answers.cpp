// Fuzz target: ProCart's answers to /validate, /postorder, /getorders, /ping, /close, and error answers.
// The first byte picks the parser, so a seed file reads as e.g. "v{...validate answer...}":
//   'v' validate, 'p' postorder, 'g' getorders, 'i' ping, 'c' close, 'e' + 3 digits: errorFromAnswer(status, body);
//   anything else: every parser on the whole input.
// Properties: nothing throws or crashes; a refused answer always carries a kind, a message key and a detail.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "kiosk/procart/codec.h"
#include "tests/fuzz/fuzz_support.h"

namespace codec = kiosk::procart::codec;

namespace {

void checkError(const kiosk::ServiceError& e, const char* what) {
  FUZZ_CHECK(!e.message_key.empty(), std::string(what) + ": error without a message key");
  FUZZ_CHECK(!e.detail.empty(), std::string(what) + ": error without a detail");
  FUZZ_CHECK(e.detail.size() <= 400, std::string(what) + ": detail not clipped");
}

template <class Result>
void check(const Result& result, const char* what) {
  if (!result) checkError(result.error(), what);
}

void validate(std::string_view body) {
  auto r = codec::parseValidate(body);
  check(r, "validate");
  if (r) {
    for (const auto& line : r->lines) (void)line.sum;
  }
}

void postOrder(std::string_view body) {
  auto r = codec::parsePostOrder(body);
  check(r, "postorder");
  if (r) FUZZ_CHECK(!r->guid.empty(), "a posted order without a guid");
}

void getOrders(std::string_view body) {
  auto r = codec::parseOrders(body);
  check(r, "getorders");
  if (r) {
    for (const auto& order : r->orders) FUZZ_CHECK(!order.guid.empty(), "an order without a guid was kept");
  }
}

void errorAnswer(int status, std::string_view body) {
  kiosk::ServiceError e = codec::errorFromAnswer(status, body);
  checkError(e, "errorFromAnswer");
  if (status >= 500) FUZZ_CHECK(e.maybe_acted, "a 5xx answer taken as 'nothing happened'");
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  kiosk_fuzz::quietLog();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  if (input.empty()) return 0;
  std::string_view body = input.substr(1);
  switch (input[0]) {
    case 'v': validate(body); break;
    case 'p': postOrder(body); break;
    case 'g': getOrders(body); break;
    case 'i': check(codec::parsePing(body), "ping"); break;
    case 'c': check(codec::parseClose(body), "close"); break;
    case 'e': {
      int status = 0;
      for (size_t i = 0; i < 3 && i < body.size(); ++i) {
        status = status * 10 + (static_cast<unsigned char>(body[i]) % 10);
      }
      errorAnswer(status, body.size() > 3 ? body.substr(3) : std::string_view());
      break;
    }
    default:
      validate(input);
      postOrder(input);
      getOrders(input);
      check(codec::parsePing(input), "ping");
      check(codec::parseClose(input), "close");
      errorAnswer(200, input);
      errorAnswer(503, input);
      break;
  }
  return 0;
}
