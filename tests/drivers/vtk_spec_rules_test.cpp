// The VTK driver held to the specification's rules, one named test per rule, byte for byte: the terminal here is a
// script of raw frames written out in hex (tests/drivers/scripted_peer.h), several of them captured from a real
// Vendotek terminal. Each test fails on a driver that breaks its rule (docs/PAYMENT-DRIVERS.md lists them).
#include <catch2/catch.hpp>

#include <ctime>
#include <memory>
#include <string>

#include "payment/vtk/local_time.h"
#include "payment/vtk/vtk_terminal.h"
#include "tests/drivers/scripted_peer.h"

using namespace std::chrono_literals;
using drivers_test::expect;
using drivers_test::expectClose;
using drivers_test::expectMatching;
using drivers_test::expectSilence;
using drivers_test::ScriptedPeer;
using drivers_test::send;
using payment::CancelToken;
using payment::PaymentResult;
using Kind = PaymentResult::Kind;

namespace {

// The kiosk's IDL on connecting: its keep-alive period (tag 0x05, "10").
constexpr const char* kKioskHandshake = "00 0B 96 FB 01 03 49 44 4C 05 02 31 30";
// A plain IDL from the kiosk.
constexpr const char* kKioskIdle = "00 07 96 FB 01 03 49 44 4C";
// The terminal's IDL answer: last operation 0, keep-alive 60 s, operation timeout 120 s, event number 0.
constexpr const char* kTerminalIdle = "00 16 97 FB 01 03 49 44 4C 03 01 30 05 02 36 30 06 03 31 32 30 08 01 30";
// VRP op=1 amount=100 from the kiosk, and the terminal's zero answer (declined): both captured from real traffic.
constexpr const char* kKioskVrp = "00 0F 96 FB 01 03 56 52 50 03 01 31 04 03 31 30 30";
constexpr const char* kTerminalVrpDeclined = "00 0D 97 FB 01 03 56 52 50 03 01 31 04 01 30";
constexpr const char* kTerminalVrpApproved = "00 0F 97 FB 01 03 56 52 50 03 01 31 04 03 31 30 30";
constexpr const char* kKioskFin = "00 0F 96 FB 01 03 46 49 4E 03 01 31 04 03 31 30 30";
constexpr const char* kTerminalFin = "00 0F 97 FB 01 03 46 49 4E 03 01 31 04 03 31 30 30";

payment::vtk::VtkConfig configFor(uint16_t port) {
  payment::vtk::VtkConfig c;
  c.host = "127.0.0.1";
  c.port = port;
  c.connect_timeout_ms = 2000;
  c.handshake_timeout_ms = 5000;
  c.operation_timeout_ms = 1000;  // the terminal's tag 0x06 replaces it in every test
  return c;
}

payment::PurchaseRequest request(int64_t kopecks) {
  payment::PurchaseRequest r;
  r.amount = payment::Money::kopecks(kopecks);
  r.external_id = "K1-spec";
  r.operation_ref = "1";
  return r;
}

// The value of tag 0x11 in a kiosk frame ("" when absent), read with this test's own walk over the TLVs (one-byte
// tags, short lengths: all the kiosk sends).
std::string localTimeIn(const std::string& frame) {
  size_t i = 4;
  while (i + 2 <= frame.size()) {
    const auto t = static_cast<uint8_t>(frame[i]);
    const auto len = static_cast<uint8_t>(frame[i + 1]);
    if (t == 0x11) return frame.substr(i + 2, len);
    i += 2 + len;
  }
  return {};
}

// "" when `text` is YYYYMMDDThhmmss±hhmm and within two minutes of now; otherwise what is wrong.
std::string checkLocalTime(const std::string& text) {
  if (text.size() != 20) return "local time \"" + text + "\" is not 20 bytes";
  for (size_t i : {0, 1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 13, 14, 16, 17, 18, 19})
    if (text[i] < '0' || text[i] > '9') return "local time \"" + text + "\": not a digit at " + std::to_string(i);
  if (text[8] != 'T' || (text[15] != '+' && text[15] != '-')) return "local time \"" + text + "\": bad separators";
  auto num = [&](size_t at, size_t n) { return std::stoi(text.substr(at, n)); };
  std::tm tm{};
  tm.tm_year = num(0, 4) - 1900;
  tm.tm_mon = num(4, 2) - 1;
  tm.tm_mday = num(6, 2);
  tm.tm_hour = num(9, 2);
  tm.tm_min = num(11, 2);
  tm.tm_sec = num(13, 2);
  const long offset = (text[15] == '-' ? -1 : 1) * (num(16, 2) * 3600L + num(18, 2) * 60L);
  const std::time_t utc = ::timegm(&tm) - offset;
  const long off_by = static_cast<long>(utc - std::time(nullptr));
  if (off_by > 120 || off_by < -120) return "local time \"" + text + "\" is " + std::to_string(off_by) + " s off";
  return {};
}

}  // namespace

TEST_CASE("vtk §3.2: a declined VRP is followed by IDL at once, never by FIN (a real terminal's bytes)") {
  ScriptedPeer terminal({
      expect(kKioskHandshake), send(kTerminalIdle),
      expect(kKioskVrp), send(kTerminalVrpDeclined),
      expect(kKioskIdle, 3s),  // the keep-alive period is 60 s: only an IDL sent at once arrives in time
      send(kTerminalIdle),
      expectSilence(1500ms),  // no FIN follows
  });
  auto driver = payment::vtk::makeVtkTerminal(configFor(terminal.port()));
  CancelToken cancel;
  const PaymentResult r = driver->purchase(request(100), nullptr, cancel);
  CHECK(r.kind == Kind::Declined);
  CHECK(terminal.finish() == "");
}

TEST_CASE("vtk §3.4: after the FIN answer the kiosk sends IDL at once, not at the next keep-alive") {
  ScriptedPeer terminal({
      expect(kKioskHandshake), send(kTerminalIdle),
      expect(kKioskVrp), send(kTerminalVrpApproved),
      expect(kKioskFin), send(kTerminalFin),
      expect(kKioskIdle, 3s),  // keep-alive is 60 s
      send(kTerminalIdle),
  });
  auto driver = payment::vtk::makeVtkTerminal(configFor(terminal.port()));
  CancelToken cancel;
  const auto req = request(100);
  const PaymentResult approved = driver->purchase(req, nullptr, cancel);
  REQUIRE(approved.kind == Kind::Approved);
  CHECK(driver->confirm(req, approved).kind == Kind::Approved);
  CHECK(terminal.finish() == "");
}

TEST_CASE("vtk §3.6: FIN → FIN answer is bounded by the terminal's operation timeout (tag 0x06), not a fixed timer") {
  // The terminal announces 3 s; the kiosk's own setting is 1 s. A FIN answer after 2 s is still in time.
  const char* idle_3s = "00 14 97 FB 01 03 49 44 4C 03 01 30 05 02 36 30 06 01 33 08 01 30";
  SECTION("an answer within the terminal's timeout is taken") {
    ScriptedPeer terminal({
        expect(kKioskHandshake), send(idle_3s),
        expect(kKioskVrp), send(kTerminalVrpApproved),
        expect(kKioskFin), drivers_test::pause(2000ms), send(kTerminalFin),
        expect(kKioskIdle, 3s), send(idle_3s),
    });
    auto driver = payment::vtk::makeVtkTerminal(configFor(terminal.port()));
    CancelToken cancel;
    const auto req = request(100);
    const PaymentResult approved = driver->purchase(req, nullptr, cancel);
    REQUIRE(approved.kind == Kind::Approved);
    CHECK(driver->confirm(req, approved).kind == Kind::Approved);
    CHECK(terminal.finish() == "");
  }
  SECTION("no answer within it: the link is closed and the outcome is unknown") {
    ScriptedPeer terminal({
        expect(kKioskHandshake), send(idle_3s),
        expect(kKioskVrp), send(kTerminalVrpApproved),
        expect(kKioskFin),
        expectClose(6s),  // a fixed 15 s timer would still be waiting
    });
    auto driver = payment::vtk::makeVtkTerminal(configFor(terminal.port()));
    CancelToken cancel;
    const auto req = request(100);
    const PaymentResult approved = driver->purchase(req, nullptr, cancel);
    REQUIRE(approved.kind == Kind::Approved);
    const PaymentResult confirmed = driver->confirm(req, approved);
    CHECK(confirmed.kind == Kind::Unknown);
    CHECK(confirmed.text == "finalisation (FIN 100) unconfirmed: no FIN answer within the operation timeout (3 s)");
    CHECK(terminal.finish() == "");
  }
}

TEST_CASE("vtk §3.5: no VRP answer within the operation timeout → the link is closed, Unknown, no ABR") {
  const char* idle_1s = "00 14 97 FB 01 03 49 44 4C 03 01 30 05 02 36 30 06 01 31 08 01 30";
  ScriptedPeer terminal({
      expect(kKioskHandshake), send(idle_1s),
      expect(kKioskVrp),
      expectClose(4s),  // a frame here (ABR, FIN) fails the step
  });
  auto driver = payment::vtk::makeVtkTerminal(configFor(terminal.port()));
  CancelToken cancel;
  const PaymentResult r = driver->purchase(request(100), nullptr, cancel);
  CHECK(r.kind == Kind::Unknown);
  CHECK(r.text == "VRP 1: no answer within the operation timeout (1 s)");
  CHECK(terminal.finish() == "");
}

TEST_CASE("vtk §3.17: local time is YYYYMMDDThhmmss±hhmm, in every message while the terminal's clock is unset, "
          "and moves between keep-alives") {
  // The terminal's clock is unset (its 0x11 starts with '0'); it asks for keep-alives every second.
  const char* idle_unset =
      "00 2B 97 FB 01 03 49 44 4C 03 01 30 05 01 31 06 03 31 32 30 08 01 30 "
      "11 14 30 30 30 30 30 30 30 30 54 30 30 30 30 30 30 2B 30 30 30 30";
  const char* idle_set = "00 15 97 FB 01 03 49 44 4C 03 01 30 05 01 31 06 03 31 32 30 08 01 30";
  auto first_time = std::make_shared<std::string>();
  auto carriesTime = [](const std::string& frame) {
    if (frame.substr(4, 5) != drivers_test::fromHex("01 03 49 44 4C")) return std::string("not an IDL");
    return checkLocalTime(localTimeIn(frame));
  };
  ScriptedPeer terminal({
      expect(kKioskHandshake), send(idle_unset),
      expectMatching("keep-alive with local time",
                     [&](const std::string& frame) {
                       *first_time = localTimeIn(frame);
                       return carriesTime(frame);
                     }, 3s),
      send(idle_unset),
      expectMatching("next keep-alive with a later local time",
                     [&](const std::string& frame) {
                       if (std::string wrong = carriesTime(frame); !wrong.empty()) return wrong;
                       if (localTimeIn(frame) == *first_time) return "the same time " + *first_time + " twice";
                       return std::string();
                     }, 3s),
      // The terminal's clock is set now: an IDL without 0x11 ends the rule.
      send(idle_set),
      expect(kKioskIdle, 3s),
      send(idle_set),
  });
  auto driver = payment::vtk::makeVtkTerminal(configFor(terminal.port()));
  REQUIRE(driver->status().reachable);
  CHECK(terminal.finish() == "");
}

TEST_CASE("vtk §3.17: the local time format, and when the terminal's messages switch it on and off") {
  using payment::vtk::clockRuleFrom;
  using payment::vtk::formatLocalTime;
  using payment::vtk::isValidLocalTime;
  // 2021-05-14 10:59:24 at +03:00 (the specification's example), whatever the machine's zone.
  ::setenv("TZ", "Europe/Moscow", 1);
  ::tzset();
  CHECK(formatLocalTime(1620979164) == "20210514T105924+0300");
  ::unsetenv("TZ");
  ::tzset();
  CHECK(isValidLocalTime("20210514T105924+0300"));
  CHECK(isValidLocalTime("20201231T235959-0500"));
  CHECK_FALSE(isValidLocalTime("20210514T1059+0300"));  // no seconds
  CHECK_FALSE(isValidLocalTime("20211314T105924+0300"));
  CHECK_FALSE(isValidLocalTime("20210514 105924+0300"));
  CHECK_FALSE(isValidLocalTime("20210514T105924 0300"));
  CHECK(checkLocalTime(payment::vtk::currentLocalTime()) == "");

  const std::string unset = "00000000T000000+0000", set = "20240101T000000+0300";
  CHECK(clockRuleFrom("IDL", &unset) == true);
  CHECK(clockRuleFrom("VRP", &unset) == true);
  CHECK(clockRuleFrom("IDL", &set) == false);
  CHECK(clockRuleFrom("IDL", nullptr) == false);
  CHECK(clockRuleFrom("DIS", nullptr) == false);
  CHECK_FALSE(clockRuleFrom("VRP", nullptr).has_value());  // only IDL/DIS without 0x11 switch it off
  CHECK_FALSE(clockRuleFrom("FIN", nullptr).has_value());
}

TEST_CASE("vtk: what this terminal can do — no day close, no refund, the guest can cancel") {
  payment::vtk::VtkConfig c;
  c.host = "127.0.0.1";
  auto driver = payment::vtk::makeVtkTerminal(c);
  const auto caps = driver->capabilities();
  CHECK_FALSE(caps.day_close);
  CHECK_FALSE(caps.refund);
  CHECK(caps.guest_cancel);
  CHECK(driver->reconcile().kind == payment::ReconcileResult::Kind::NotSupported);
}
