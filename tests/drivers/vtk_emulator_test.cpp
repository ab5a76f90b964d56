// The emulator itself, spoken to with hand-made bytes over a raw socket: it must be a faithful VTK terminal
// for the driver tests to mean anything.
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>

#include "tests/drivers/test_support.h"
#include "tests/drivers/vtk_emulator.h"

namespace {

std::string bytes(std::initializer_list<int> values) {
  std::string out;
  for (int v : values) out.push_back(static_cast<char>(v));
  return out;
}

struct RawClient {
  int fd = -1;
  explicit RawClient(uint16_t port) {
    fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(port);
    REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  }
  ~RawClient() { ::close(fd); }
  void send(const std::string& data) { REQUIRE(::send(fd, data.data(), data.size(), 0) == ssize_t(data.size())); }
  // Reads exactly n bytes or fails after 2 s.
  std::string read(size_t n) {
    std::string out;
    while (out.size() < n) {
      pollfd pfd{fd, POLLIN, 0};
      REQUIRE(::poll(&pfd, 1, 2000) == 1);
      char buf[512];
      const ssize_t got = ::recv(fd, buf, std::min(sizeof buf, n - out.size()), 0);
      REQUIRE(got > 0);
      out.append(buf, static_cast<size_t>(got));
    }
    return out;
  }
};

}  // namespace

TEST_CASE("emulator: answers a hand-made IDL and VRP byte for byte, and keeps a ledger") {
  drivers_test::TempDir dir;
  vtkemu::EmulatorOptions options;
  options.state_dir = dir.path();
  options.start_operation = 4;
  options.send_events = false;
  options.script = {{vtkemu::Behaviour::Decline}};
  vtkemu::VtkEmulator emulator(options);
  std::string error;
  REQUIRE(emulator.start(error));

  RawClient client(emulator.port());
  client.send(bytes({0x00, 0x07, 0x96, 0xFB, 0x01, 0x03, 'I', 'D', 'L'}));
  // IDL answer: name and the last operation number "4".
  CHECK(client.read(12) == bytes({0x00, 0x0A, 0x97, 0xFB, 0x01, 0x03, 'I', 'D', 'L', 0x03, 0x01, '4'}));

  // VRP op 5, 250.00 ₽ → declined: VRP answer with amount "0" and a receipt.
  client.send(bytes({0x00, 0x11, 0x96, 0xFB, 0x01, 0x03, 'V', 'R', 'P', 0x03, 0x01, '5', 0x04, 0x05, '2', '5', '0',
                     '0', '0'}));
  const std::string header = client.read(4);
  CHECK(header.substr(2) == bytes({0x97, 0xFB}));
  const size_t length = (static_cast<uint8_t>(header[0]) << 8) | static_cast<uint8_t>(header[1]);
  const std::string body = client.read(length - 2);
  CHECK(body.substr(0, 13) == bytes({0x01, 0x03, 'V', 'R', 'P', 0x03, 0x01, '5', 0x04, 0x01, '0', 0x13, 0x81}));
  CHECK(body.find("RESULT:DECLINED") != std::string::npos);

  const auto ledger = vtkemu::readLedger(dir.path());
  REQUIRE(ledger.size() == 1);
  CHECK(ledger[0].event == "declined");
  CHECK(ledger[0].op == 5);
  CHECK(emulator.received("VRP") == 1);
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
}
