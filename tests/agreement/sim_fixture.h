#pragma once
// A real procart_sim::Emulator on a loopback port (port 0), fed a menu file in a private temp dir, and a plain
// httplib client that sends /validate the way the wire profile describes it.
#include <memory>
#include <string>

#include "kiosk/core/order.h"
#include "kiosk/sim/emulator.h"

namespace agreement {

struct Verdict {
  int http_status = 0;
  bool accepted = false;
  std::string rule;       // error.rule of a 422
  int line = -1;          // error.line of a 422
  kiosk::Money price;     // lines[0].price of a 200 (one unit, before discounts)
  std::string raw;        // the body, for failure messages
};

class SimUnderTest {
 public:
  // Writes `menu_json` to a temp dir and starts the emulator on it; REQUIREs that it started.
  explicit SimUnderTest(const std::string& menu_json);
  ~SimUnderTest();

  Verdict validate(const kiosk::OrderLine& line);
  int64_t validateRequests() const { return emulator_->requestCount("validate"); }

 private:
  std::string dir_;
  std::unique_ptr<procart_sim::Emulator> emulator_;
  int port_ = 0;
  int requests_ = 0;
};

}  // namespace agreement
