// The emulator itself, spoken to with hand-made bytes over a raw socket: it must be a faithful VTK terminal, and a
// strict judge of the kiosk, for the driver tests to mean anything. Every frame the "kiosk" sends here is written
// out in hex from the specification's facts (/work/shared/payment-terminals.md).
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "tests/drivers/test_support.h"
#include "tests/drivers/scripted_peer.h"
#include "tests/drivers/vtk_emulator.h"
#include "tests/drivers/vtk_wire.h"

using namespace std::chrono_literals;

namespace {

using drivers_test::fromHex;

// ---- Frames, by hand ----

// Kiosk → terminal.
constexpr const char* kIdl = "00 07 96 FB 01 03 49 44 4C";
constexpr const char* kDis = "00 07 96 FB 01 03 44 49 53";
constexpr const char* kAbr = "00 07 96 FB 01 03 41 42 52";
constexpr const char* kVrp1For100 = "00 0F 96 FB 01 03 56 52 50 03 01 31 04 03 31 30 30";
constexpr const char* kVrp2For250 = "00 0F 96 FB 01 03 56 52 50 03 01 32 04 03 32 35 30";
constexpr const char* kFin1For100 = "00 0F 96 FB 01 03 46 49 4E 03 01 31 04 03 31 30 30";
constexpr const char* kFin1For0 = "00 0D 96 FB 01 03 46 49 4E 03 01 31 04 01 30";
// Terminal → kiosk.
constexpr const char* kFinAnswer1For100 = "00 0F 97 FB 01 03 46 49 4E 03 01 31 04 03 31 30 30";
constexpr const char* kFinAnswer1For0 = "00 0D 97 FB 01 03 46 49 4E 03 01 31 04 01 30";
constexpr const char* kVrpAnswer1For0 = "00 0D 97 FB 01 03 56 52 50 03 01 31 04 01 30";  // no receipt: aborted

// The IDL (or DIS) answer with the default keep-alive 10 and operation timeout 60, event number 0.
std::string idleAnswer(char op, const char* name = "49 44 4C") {
  return std::string("00 15 97 FB 01 03 ") + name + " 03 01 3" + op + " 05 02 31 30 06 02 36 30 08 01 30";
}


std::string asciiHex(std::string_view text) { return vtkemu::hexBytes(text); }

// A kiosk frame around hand-written TLVs: only the 2-byte length is computed.
std::string kioskFrame(const std::string& tlv_hex) {
  const size_t length = fromHex(tlv_hex).size() + 2;
  char head[16];
  std::snprintf(head, sizeof head, "%02X %02X 96 FB ", static_cast<unsigned>(length >> 8),
                static_cast<unsigned>(length & 0xFF));
  return head + tlv_hex;
}

std::string idlWithTime(std::string_view local_time) {
  return kioskFrame("01 03 49 44 4C 11 " + vtkemu::hex(static_cast<uint32_t>(local_time.size()), 2).substr(2) + " " +
                    asciiHex(local_time));
}

// ---- A kiosk made of a raw socket ----

struct RawKiosk {
  int fd = -1;
  explicit RawKiosk(uint16_t port) {
    fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(port);
    REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  }
  ~RawKiosk() { ::close(fd); }
  RawKiosk(const RawKiosk&) = delete;
  RawKiosk& operator=(const RawKiosk&) = delete;

  void send(std::string_view hex) {
    const std::string data = fromHex(hex);
    REQUIRE(::send(fd, data.data(), data.size(), MSG_NOSIGNAL) == ssize_t(data.size()));
  }

  // Exactly n bytes, or a failure after a generous 5 s.
  std::string read(size_t n) {
    std::string out;
    while (out.size() < n) {
      pollfd pfd{fd, POLLIN, 0};
      REQUIRE(::poll(&pfd, 1, 5000) == 1);
      char buf[512];
      const ssize_t got = ::recv(fd, buf, std::min(sizeof buf, n - out.size()), 0);
      REQUIRE(got > 0);
      out.append(buf, static_cast<size_t>(got));
    }
    return out;
  }

  // One whole TCP frame from the terminal, as hex.
  std::string readFrame() {
    const std::string head = read(2);
    const size_t length = (static_cast<uint8_t>(head[0]) << 8) | static_cast<uint8_t>(head[1]);
    return vtkemu::hexBytes(head + read(length));
  }

  // One frame, decoded (by the emulator's codec, which vtk_wire_test proves against a real terminal's frames).
  vtkemu::Message readMessage() {
    const vtkemu::ReadResult r = vtkemu::readTcpFrame(fromHex(readFrame()));
    REQUIRE(r.status == vtkemu::ReadResult::Status::Message);
    CHECK(r.discriminator == vtkemu::kTerminalToKiosk);
    return r.message;
  }

  // True when not a byte arrives for `quiet` (the terminal answered nobody).
  bool silentFor(std::chrono::milliseconds quiet) {
    pollfd pfd{fd, POLLIN, 0};
    return ::poll(&pfd, 1, static_cast<int>(quiet.count())) == 0;
  }

  // True when the terminal closes the connection within a generous 5 s.
  bool closedByTerminal() {
    pollfd pfd{fd, POLLIN, 0};
    if (::poll(&pfd, 1, 5000) != 1) return false;
    char c;
    return ::recv(fd, &c, 1, 0) == 0;
  }
};

// An emulator in this process over a fresh state directory.
struct Terminal {
  drivers_test::TempDir dir{"vtk-emulator-test"};
  std::unique_ptr<vtkemu::VtkEmulator> emulator;

  explicit Terminal(std::vector<vtkemu::Step> script = {},
                    const std::function<void(vtkemu::EmulatorOptions&)>& tweak = {}) {
    start(std::move(script), tweak);
  }
  void start(std::vector<vtkemu::Step> script = {}, const std::function<void(vtkemu::EmulatorOptions&)>& tweak = {}) {
    vtkemu::EmulatorOptions options;
    options.state_dir = dir.path();
    options.script = std::move(script);
    if (tweak) tweak(options);
    emulator = std::make_unique<vtkemu::VtkEmulator>(options);
    std::string error;
    REQUIRE(emulator->start(error));
  }
  uint16_t port() const { return emulator->port(); }
  std::vector<vtkemu::LedgerEntry> ledger() const { return vtkemu::readLedger(dir.path()); }
  std::vector<std::string> violations() const { return emulator->violations(); }
  // The emulator records a violation before it would answer; with no answer to wait for, wait for the record.
  bool violationsReach(size_t n) const {
    return drivers_test::waitFor([&] { return emulator->violations().size() >= n; }, 5s);
  }
};

bool contains(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("emulator: the IDL and DIS answers carry the last operation, keep-alive, operation timeout and event") {
  Terminal terminal({}, [](vtkemu::EmulatorOptions& o) { o.start_operation = 4; });
  RawKiosk kiosk(terminal.port());
  kiosk.send(kIdl);
  CHECK(kiosk.readFrame() == idleAnswer('4'));
  kiosk.send(kDis);
  CHECK(kiosk.readFrame() == idleAnswer('4', "44 49 53"));

  // A vending event from the kiosk (a cash sale: 0x07 "CSAPP", 0x08 "7") is acknowledged by the answer's 0x08.
  kiosk.send(kioskFrame("01 03 49 44 4C 07 05 " + asciiHex("CSAPP") + " 08 01 37"));
  CHECK(kiosk.readFrame() == "00 15 97 FB 01 03 49 44 4C 03 01 34 05 02 31 30 06 02 36 30 08 01 37");
  CHECK(terminal.violations().empty());

  // Other settings are announced as set.
  Terminal other({}, [](vtkemu::EmulatorOptions& o) {
    o.keepalive_s = 15;
    o.operation_timeout_s = 120;
  });
  RawKiosk second(other.port());
  second.send(kIdl);
  CHECK(second.readFrame() == "00 16 97 FB 01 03 49 44 4C 03 01 30 05 02 31 35 06 03 31 32 30 08 01 30");
}

TEST_CASE("emulator: approve, FIN with the amount, then IDL: the sale is done and nothing is a violation") {
  Terminal terminal;
  RawKiosk kiosk(terminal.port());
  kiosk.send(kIdl);
  CHECK(kiosk.readFrame() == idleAnswer('0'));
  kiosk.send(kVrp1For100);
  // The very next frame is the VRP answer: a terminal sends nothing between a VRP and its answer.
  const vtkemu::Message answer = kiosk.readMessage();
  CHECK(answer.name == "VRP");
  CHECK(answer.number(vtkemu::tags::kOperation) == 1);
  CHECK(answer.number(vtkemu::tags::kAmount) == 100);
  const std::string* receipt = answer.find(vtkemu::tags::kReceipt);
  REQUIRE(receipt);
  for (const char* line : {"\nRESULT:APPROVED\n", "\nCARD:MC\n", "\nPAN:************1118\n", "\nAUTH ID:",
                           "\nRRN:", "\nRESPONSE CODE:000\n", "TERMINAL ID:"}) {
    INFO(line);
    CHECK(contains(*receipt, line));
  }
  CHECK(kiosk.silentFor(300ms));  // and nothing after it either

  kiosk.send(kFin1For100);
  CHECK(kiosk.readFrame() == kFinAnswer1For100);
  kiosk.send(kIdl);
  CHECK(kiosk.readFrame() == idleAnswer('1'));

  const auto ledger = terminal.ledger();
  REQUIRE(ledger.size() == 2);
  CHECK(ledger[0].event == "approved");
  CHECK(ledger[0].amount == 100);
  CHECK(ledger[1].event == "finalised");
  CHECK(terminal.violations().empty());
  CHECK(vtkemu::readViolations(terminal.dir.path()).empty());

  // The log has every message both ways, with times: the IDL came after the FIN answer went out.
  const auto received = terminal.emulator->receivedLog();
  const auto sent = terminal.emulator->sentLog();
  REQUIRE(received.size() == 4);
  REQUIRE(sent.size() == 4);
  CHECK(received[3].message.name == "IDL");
  CHECK(sent[2].message.name == "FIN");
  CHECK(received[3].at >= sent[2].at);
  CHECK(terminal.emulator->receivedAll()[1].number(vtkemu::tags::kAmount) == 100);
  CHECK(terminal.emulator->lastReceived("FIN")->number(vtkemu::tags::kOperation) == 1);
  CHECK(terminal.emulator->received("IDL") == 2);
}

TEST_CASE("emulator: FIN 0 after an approval makes the terminal undo the sale") {
  Terminal terminal;
  RawKiosk kiosk(terminal.port());
  kiosk.send(kVrp1For100);
  CHECK(kiosk.readMessage().number(vtkemu::tags::kAmount) == 100);
  kiosk.send(kFin1For0);
  CHECK(kiosk.readFrame() == kFinAnswer1For0);
  kiosk.send(kIdl);
  CHECK(kiosk.readFrame() == idleAnswer('1'));
  CHECK(vtkemu::countEvents(terminal.ledger(), "reversed") == 1);
  CHECK(vtkemu::countEvents(terminal.ledger(), "finalised") == 0);
  CHECK(terminal.violations().empty());
}

TEST_CASE("emulator: a declined VRP followed by IDL is the right way, with no violation") {
  Terminal terminal({{vtkemu::Behaviour::Decline}});
  RawKiosk kiosk(terminal.port());
  kiosk.send(kVrp1For100);
  const vtkemu::Message answer = kiosk.readMessage();
  CHECK(answer.number(vtkemu::tags::kOperation) == 1);
  CHECK(answer.number(vtkemu::tags::kAmount) == 0);
  REQUIRE(answer.find(vtkemu::tags::kReceipt));
  CHECK(contains(*answer.find(vtkemu::tags::kReceipt), "RESULT:DECLINED"));
  kiosk.send(kIdl);
  CHECK(kiosk.readFrame() == idleAnswer('1'));
  CHECK(vtkemu::countEvents(terminal.ledger(), "declined") == 1);
  CHECK(terminal.violations().empty());
}

TEST_CASE("emulator: a FIN after a declined VRP is answered by nobody and recorded as a violation") {
  Terminal terminal({{vtkemu::Behaviour::Decline}});
  RawKiosk kiosk(terminal.port());
  kiosk.send(kVrp1For100);
  CHECK(kiosk.readMessage().number(vtkemu::tags::kAmount) == 0);
  kiosk.send(kFin1For0);
  CHECK(kiosk.silentFor(1s));
  REQUIRE(terminal.violationsReach(2));
  const auto violations = terminal.violations();
  REQUIRE(violations.size() == 2);
  CHECK(violations[0] == "FIN after a zero VRP answer: the kiosk must send IDL or DIS at once");
  CHECK(violations[1] ==
        "FIN for operation 1 after its VRP was declined: no FIN follows a VRP without money; nobody answers it");
  CHECK(vtkemu::readViolations(terminal.dir.path()) == violations);
  CHECK(vtkemu::countEvents(terminal.ledger(), "finalised") == 0);
  CHECK(vtkemu::countEvents(terminal.ledger(), "reversed") == 0);
}

TEST_CASE("emulator: a FIN for an operation the terminal never approved is answered by nobody") {
  Terminal terminal({}, [](vtkemu::EmulatorOptions& o) { o.start_operation = 3; });
  RawKiosk kiosk(terminal.port());
  kiosk.send(kFin1For100);
  CHECK(kiosk.silentFor(1s));
  REQUIRE(terminal.violationsReach(1));
  REQUIRE(terminal.violations().size() == 1);
  CHECK(terminal.violations()[0] ==
        "FIN for operation 1, which the terminal has no approval for (its last operation is 3); nobody answers it");
  CHECK(terminal.ledger().empty());
}

TEST_CASE("emulator: a repeated VRP returns the stored result and charges nothing more") {
  Terminal terminal;
  std::string first;
  {
    RawKiosk kiosk(terminal.port());
    kiosk.send(kVrp1For100);
    first = kiosk.readFrame();
  }  // the kiosk lost the answer and reconnects
  RawKiosk kiosk(terminal.port());
  kiosk.send(kIdl);
  CHECK(kiosk.readFrame() == idleAnswer('1'));
  kiosk.send(kVrp1For100);
  CHECK(kiosk.readFrame() == first);
  kiosk.send(kFin1For100);
  CHECK(kiosk.readFrame() == kFinAnswer1For100);
  kiosk.send(kIdl);
  CHECK(kiosk.readFrame() == idleAnswer('1'));
  const auto ledger = terminal.ledger();
  CHECK(vtkemu::countEvents(ledger, "approved") == 1);
  CHECK(vtkemu::countEvents(ledger, "repeat") == 1);
  CHECK(vtkemu::countEvents(ledger, "finalised") == 1);
  CHECK(terminal.violations().empty());
}

TEST_CASE("emulator: a repeated FIN returns the earlier answer and changes nothing") {
  Terminal terminal;
  {
    RawKiosk kiosk(terminal.port());
    kiosk.send(kVrp1For100);
    CHECK(kiosk.readMessage().number(vtkemu::tags::kAmount) == 100);
    kiosk.send(kFin1For100);
    CHECK(kiosk.readFrame() == kFinAnswer1For100);
  }  // the FIN answer was lost with the connection
  RawKiosk kiosk(terminal.port());
  kiosk.send(kFin1For100);
  CHECK(kiosk.readFrame() == kFinAnswer1For100);
  kiosk.send(kIdl);
  CHECK(kiosk.readFrame() == idleAnswer('1'));
  const auto ledger = terminal.ledger();
  CHECK(vtkemu::countEvents(ledger, "finalised") == 1);
  CHECK(vtkemu::countEvents(ledger, "fin_repeat") == 1);
  CHECK(terminal.violations().empty());

  // A repeat that contradicts the first FIN still gets the earlier answer, and is a violation.
  kiosk.send(kFin1For0);
  CHECK(kiosk.readFrame() == kFinAnswer1For100);
  REQUIRE(terminal.violations().size() == 1);
  CHECK(terminal.violations()[0] == "FIN for operation 1 with amount 0 repeats a FIN answered with 100");
  CHECK(vtkemu::countEvents(terminal.ledger(), "reversed") == 0);
}

TEST_CASE("emulator: ABR while the VRP waits for a card ends it with a zero VRP answer; busy terminals ignore ABR") {
  Terminal terminal({{vtkemu::Behaviour::WaitForAbort}, {vtkemu::Behaviour::NeverAnswer}});
  RawKiosk kiosk(terminal.port());
  kiosk.send(kVrp1For100);
  CHECK(kiosk.silentFor(300ms));  // no "present card" events: the terminal's screen does that
  kiosk.send(kAbr);
  CHECK(kiosk.readFrame() == kVrpAnswer1For0);
  kiosk.send(kIdl);
  CHECK(kiosk.readFrame() == idleAnswer('1'));
  CHECK(vtkemu::countEvents(terminal.ledger(), "aborted") == 1);

  kiosk.send(kVrp2For250);
  kiosk.send(kAbr);  // `never`: busy with the bank, it does not react
  CHECK(kiosk.silentFor(1s));
  CHECK(vtkemu::countEvents(terminal.ledger(), "aborted") == 1);
  CHECK(terminal.violations().empty());
}

TEST_CASE("emulator: the guest's cancel on the terminal answers the VRP with 0, and no FIN may follow") {
  Terminal terminal({{vtkemu::Behaviour::CancelAtTerminal}});
  RawKiosk kiosk(terminal.port());
  kiosk.send(kVrp1For100);
  CHECK(kiosk.readFrame() == kVrpAnswer1For0);
  kiosk.send(kDis);
  CHECK(kiosk.readFrame() == idleAnswer('1', "44 49 53"));
  CHECK(terminal.violations().empty());
  CHECK(vtkemu::countEvents(terminal.ledger(), "aborted") == 1);

  kiosk.send(kFin1For0);
  CHECK(kiosk.silentFor(1s));
  REQUIRE(terminal.violationsReach(1));
  REQUIRE(terminal.violations().size() == 1);
  CHECK(contains(terminal.violations()[0], "after its VRP was aborted"));
}

TEST_CASE("emulator: the kiosk must send IDL at once after a FIN answer, and finalise before the next VRP") {
  Terminal terminal;
  RawKiosk kiosk(terminal.port());
  kiosk.send(kVrp1For100);
  CHECK(kiosk.readMessage().number(vtkemu::tags::kAmount) == 100);
  kiosk.send(kVrp2For250);  // operation 1 still awaits its FIN
  CHECK(kiosk.readMessage().number(vtkemu::tags::kAmount) == 250);
  REQUIRE(terminal.violations().size() == 1);
  CHECK(terminal.violations()[0] == "VRP operation 2 while operation 1 of this connection awaits its FIN");

  kiosk.send("00 0F 96 FB 01 03 46 49 4E 03 01 32 04 03 32 35 30");  // FIN 2 250
  CHECK(kiosk.readFrame() == "00 0F 97 FB 01 03 46 49 4E 03 01 32 04 03 32 35 30");
  kiosk.send("00 0F 96 FB 01 03 56 52 50 03 01 33 04 03 31 30 30");  // VRP 3, no IDL first
  CHECK(kiosk.readMessage().number(vtkemu::tags::kAmount) == 100);
  REQUIRE(terminal.violations().size() == 2);
  CHECK(terminal.violations()[1] == "VRP after the FIN answer: the kiosk must send IDL or DIS at once");
}

TEST_CASE("emulator: a VRP with a number the terminal moved past is answered with 0") {
  Terminal terminal({}, [](vtkemu::EmulatorOptions& o) { o.start_operation = 5; });
  RawKiosk kiosk(terminal.port());
  kiosk.send(kVrp2For250);
  CHECK(kiosk.readFrame() == "00 0D 97 FB 01 03 56 52 50 03 01 32 04 01 30");
  kiosk.send(kIdl);
  CHECK(kiosk.readFrame() == idleAnswer('5'));
  CHECK(vtkemu::countEvents(terminal.ledger(), "rejected_old") == 1);
  CHECK(terminal.violations().empty());
}

TEST_CASE("emulator: an unset clock is announced until the kiosk sends a valid local time") {
  Terminal terminal({}, [](vtkemu::EmulatorOptions& o) { o.unset_clock = true; });
  const std::string unset_answer =
      "00 2B 97 FB 01 03 49 44 4C 03 01 30 05 02 31 30 06 02 36 30 08 01 30 11 14 " + asciiHex("00000000T000000+0000");
  RawKiosk kiosk(terminal.port());
  kiosk.send(kIdl);  // the kiosk cannot know yet: no violation
  CHECK(kiosk.readFrame() == unset_answer);
  CHECK(terminal.violations().empty());

  kiosk.send(kIdl);  // told, and still without its local time
  CHECK(kiosk.readFrame() == unset_answer);
  REQUIRE(terminal.violations().size() == 1);
  CHECK(terminal.violations()[0] == "IDL without local time (0x11) while the terminal's clock is unset");

  kiosk.send(idlWithTime("20210514T1059+0300"));  // no seconds: the wrong format teaches the clock nothing
  CHECK(kiosk.readFrame() == unset_answer);
  REQUIRE(terminal.violations().size() == 2);
  CHECK(terminal.violations()[1] ==
        "IDL: local time \"20210514T1059+0300\" is 18 bytes, not the 20 of YYYYMMDDThhmmss+hhmm");

  kiosk.send(idlWithTime("20210514T105924+0300"));
  CHECK(kiosk.readFrame() == idleAnswer('0'));  // the clock is set: no 0x11 any more
  kiosk.send(kIdl);
  CHECK(kiosk.readFrame() == idleAnswer('0'));
  CHECK(terminal.violations().size() == 2);
  CHECK(vtkemu::readViolations(terminal.dir.path()).size() == 2);
}

TEST_CASE("emulator: a clock that does not learn from the kiosk stays unset, and every message must carry the time") {
  Terminal terminal({}, [](vtkemu::EmulatorOptions& o) {
    o.unset_clock = true;
    o.clock_learns_from_kiosk = false;
  });
  RawKiosk kiosk(terminal.port());
  kiosk.send(idlWithTime("20210514T105924+0300"));
  CHECK(kiosk.readMessage().find(vtkemu::tags::kLocalTime));
  kiosk.send(idlWithTime("20210514T105934+0300"));
  const vtkemu::Message answer = kiosk.readMessage();
  REQUIRE(answer.find(vtkemu::tags::kLocalTime));
  CHECK(answer.find(vtkemu::tags::kLocalTime)->front() != '2');
  CHECK(terminal.violations().empty());
  // Two keep-alives carried different local times, both recorded as received.
  const auto received = terminal.emulator->receivedAll();
  REQUIRE(received.size() == 2);
  CHECK(*received[0].find(vtkemu::tags::kLocalTime) != *received[1].find(vtkemu::tags::kLocalTime));
  kiosk.send(kVrp1For100);
  CHECK(kiosk.readMessage().number(vtkemu::tags::kAmount) == 100);
  REQUIRE(terminal.violations().size() == 1);
  CHECK(terminal.violations()[0] == "VRP without local time (0x11) while the terminal's clock is unset");
}

TEST_CASE("emulator: a frame with the wrong discriminator or an unreadable frame is a violation and drops the link") {
  Terminal terminal;
  {
    RawKiosk kiosk(terminal.port());
    kiosk.send("00 07 97 FB 01 03 49 44 4C");  // the terminal's own discriminator
    CHECK(kiosk.closedByTerminal());
  }
  {
    RawKiosk kiosk(terminal.port());
    kiosk.send("00 0A 96 FB 01 03 49 44 4C 04 40 31");  // a value longer than its frame
    CHECK(kiosk.closedByTerminal());
  }
  const auto violations = terminal.violations();
  REQUIRE(violations.size() == 2);
  CHECK(violations[0] ==
        "unreadable frame from the kiosk (discriminator 0x97FB, expected 0x96FB); the terminal drops the connection");
  CHECK(violations[1] ==
        "unreadable frame from the kiosk (value of tag 04 claims 64 bytes, 1 remain); the terminal drops the "
        "connection");
  CHECK(terminal.emulator->received("IDL") == 0);
}

TEST_CASE("emulator: a restart with the same state directory keeps the last operation and its result") {
  Terminal terminal;
  std::string approved;
  {
    RawKiosk kiosk(terminal.port());
    kiosk.send(kVrp1For100);
    approved = kiosk.readFrame();
  }
  terminal.emulator->stop();
  terminal.start();  // same directory: the terminal's non-volatile memory
  {
    RawKiosk kiosk(terminal.port());
    kiosk.send(kIdl);
    CHECK(kiosk.readFrame() == idleAnswer('1'));
    kiosk.send(kVrp1For100);
    CHECK(kiosk.readFrame() == approved);
    kiosk.send(kFin1For100);
    CHECK(kiosk.readFrame() == kFinAnswer1For100);
  }
  CHECK(vtkemu::countEvents(terminal.ledger(), "approved") == 1);
  CHECK(vtkemu::countEvents(terminal.ledger(), "repeat") == 1);

  // An operation still pending when the terminal restarts ended without money.
  terminal.emulator->stop();
  terminal.start({{vtkemu::Behaviour::NeverAnswer}});
  {
    RawKiosk kiosk(terminal.port());
    kiosk.send(kVrp2For250);
    REQUIRE(drivers_test::waitFor([&] { return terminal.emulator->received("VRP") == 1; }, 5s));
    CHECK(kiosk.silentFor(300ms));
  }
  terminal.emulator->stop();
  terminal.start();
  RawKiosk kiosk(terminal.port());
  kiosk.send(kVrp2For250);
  CHECK(kiosk.readFrame() == "00 0D 97 FB 01 03 56 52 50 03 01 32 04 01 30");
  CHECK(vtkemu::countEvents(terminal.ledger(), "approved") == 1);
}

TEST_CASE("emulator: the executable judges the kiosk too, readable from its state directory") {
  drivers_test::TempDir dir{"vtk-emulator-exe"};
  drivers_test::ChildProcess child(VTK_EMULATOR_PATH,
                                   {"--state-dir", dir.path(), "--port-file", dir.file("port"), "--start-op", "7"});
  REQUIRE(drivers_test::waitFor([&] { return !drivers_test::readFile(dir.file("port")).empty(); }, 10s));
  RawKiosk kiosk(static_cast<uint16_t>(std::stoi(drivers_test::readFile(dir.file("port")))));
  kiosk.send(kIdl);
  CHECK(kiosk.readFrame() == idleAnswer('7'));
  kiosk.send(kFin1For100);
  CHECK(kiosk.silentFor(1s));
  REQUIRE(drivers_test::waitFor([&] { return vtkemu::readViolations(dir.path()).size() == 1; }, 5s));
  CHECK(contains(vtkemu::readViolations(dir.path())[0], "FIN for operation 1, which the terminal has no approval"));
}

TEST_CASE("emulator: options it cannot honour are refused with the reason") {
  drivers_test::TempDir dir{"vtk-emulator-options"};
  std::string error;
  vtkemu::EmulatorOptions options;
  options.state_dir = dir.path();
  options.operation_timeout_s = 0;
  CHECK_FALSE(vtkemu::VtkEmulator(options).start(error));
  CHECK(error == "keep-alive and operation timeout must be positive seconds (got 10 and 0)");
  options.operation_timeout_s = 60;
  options.state_dir = dir.file("missing");
  CHECK_FALSE(vtkemu::VtkEmulator(options).start(error));
  CHECK(error == "the state directory \"" + dir.file("missing") + "\" does not exist");
}

TEST_CASE("emulator: scripts parse, and a bad script is refused with a reason") {
  std::string error;
  auto script = vtkemu::parseScript("approve,late:800,drop,truncated", error);
  REQUIRE(script);
  REQUIRE(script->size() == 4);
  CHECK((*script)[1].behaviour == vtkemu::Behaviour::AnswerLate);
  CHECK((*script)[1].delay_ms == 800);
  CHECK_FALSE(vtkemu::parseScript("approve,explode", error));
  CHECK(error == "unknown behaviour \"explode\"");
  CHECK_FALSE(vtkemu::parseScript("late:soon", error));
  CHECK(error == "late:<ms> needs a delay in milliseconds, got \"soon\"");
}
