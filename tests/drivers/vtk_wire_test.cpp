// The emulator's own VTK codec against frames a real Vendotek terminal exchanged with a third-party vending
// firmware (published in that firmware's unit tests, serial framing), and against malformed input.
#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>
#include <vector>

#include "tests/drivers/scripted_peer.h"
#include "tests/drivers/vtk_wire.h"

using vtkemu::Message;
using vtkemu::ReadResult;
namespace tags = vtkemu::tags;

namespace {

using drivers_test::fromHex;


struct Captured {
  const char* hex;
  uint16_t discriminator;
  Message message;
};

Message msg(std::string name, std::vector<vtkemu::Param> params) {
  Message m(std::move(name));
  m.params = std::move(params);
  return m;
}

const std::vector<Captured>& capturedFrames() {
  static const std::vector<Captured> frames = {
      {"1F 00 22 96 FB 01 03 49 44 4C 11 14 32 30 32 30 30 33 31 37 54 31 34 34 33 32 38 2B 30 33 30 30 0A 03 2E 2E 2E "
       "75 84",
       vtkemu::kKioskToTerminal, msg("IDL", {{0x11, "20200317T144328+0300"}, {0x0A, "..."}})},
      {"1F 00 13 97 FB 01 03 49 44 4C 03 01 30 05 02 31 30 06 03 31 32 30 44 C5", vtkemu::kTerminalToKiosk,
       msg("IDL", {{0x03, "0"}, {0x05, "10"}, {0x06, "120"}})},
      {"1F 00 0A 96 FB 01 03 44 49 53 03 01 30 16 39", vtkemu::kKioskToTerminal, msg("DIS", {{0x03, "0"}})},
      {"1F 00 13 97 FB 01 03 44 49 53 03 01 30 05 02 31 30 06 03 31 32 30 EC 87", vtkemu::kTerminalToKiosk,
       msg("DIS", {{0x03, "0"}, {0x05, "10"}, {0x06, "120"}})},
      {"1F 00 0F 96 FB 01 03 56 52 50 03 01 31 04 03 31 30 30 1F 46", vtkemu::kKioskToTerminal,
       msg("VRP", {{0x03, "1"}, {0x04, "100"}})},
      {"1F 00 0D 97 FB 01 03 56 52 50 03 01 31 04 01 30 72 BD", vtkemu::kTerminalToKiosk,
       msg("VRP", {{0x03, "1"}, {0x04, "0"}})},
      {"1F 00 13 97 FB 01 03 43 4F 4E 0B 0A 00 B2 3E BE 8C CA 5B 00 00 00 3D 65", vtkemu::kTerminalToKiosk,
       msg("CON", {{0x0B, std::string("\x00\xB2\x3E\xBE\x8C\xCA\x5B\x00\x00\x00", 10)}})},
      {"1F 00 0A 96 FB 01 03 44 53 43 0B 01 00 D0 98", vtkemu::kKioskToTerminal,
       msg("DSC", {{0x0B, std::string("\x00", 1)}})},
  };
  return frames;
}

void checkSame(const Message& got, const Message& want) {
  CHECK(got.name == want.name);
  REQUIRE(got.params.size() == want.params.size());
  for (size_t i = 0; i < want.params.size(); ++i) {
    CHECK(got.params[i].tag == want.params[i].tag);
    CHECK(got.params[i].value == want.params[i].value);
  }
}

}  // namespace

TEST_CASE("vtk wire: frames captured from a real terminal decode with a valid CRC and re-encode byte for byte") {
  for (const auto& frame : capturedFrames()) {
    INFO(frame.hex);
    const std::string bytes = fromHex(frame.hex);
    const ReadResult r = vtkemu::readSerialFrame(bytes);
    INFO(r.error);
    REQUIRE(r.status == ReadResult::Status::Message);
    CHECK(r.consumed == bytes.size());
    CHECK(r.discriminator == frame.discriminator);
    checkSame(r.message, frame.message);
    CHECK(vtkemu::hexBytes(vtkemu::encodeSerialFrame(frame.discriminator, frame.message)) ==
          vtkemu::hexBytes(bytes));
  }
  // The fields as the kiosk and the terminal read them.
  const ReadResult idl = vtkemu::readSerialFrame(fromHex(capturedFrames()[1].hex));
  CHECK(idl.message.number(tags::kOperation) == 0);
  CHECK(idl.message.number(tags::kKeepAlive) == 10);
  CHECK(idl.message.number(tags::kOperationTimeout) == 120);
  CHECK(*idl.message.find(tags::kName) == "IDL");
  const ReadResult declined = vtkemu::readSerialFrame(fromHex(capturedFrames()[5].hex));
  CHECK(declined.message.number(tags::kAmount) == 0);
}

TEST_CASE("vtk wire: serial CRC covers the start byte") {
  for (const auto& frame : capturedFrames()) {
    INFO(frame.hex);
    const std::string bytes = fromHex(frame.hex);
    const uint16_t carried = static_cast<uint16_t>((static_cast<uint8_t>(bytes[bytes.size() - 2]) << 8) |
                                                   static_cast<uint8_t>(bytes.back()));
    const std::string_view covered(bytes.data(), bytes.size() - 2);
    CHECK(vtkemu::crc16Ccitt(covered) == carried);
    CHECK(vtkemu::crc16Ccitt(covered.substr(1)) != carried);  // without the start byte: wrong for every frame
  }
  CHECK(vtkemu::crc16Ccitt("123456789") == 0x29B1);  // the published check value of CRC-16/CCITT-FALSE
}

TEST_CASE("vtk wire: a TCP frame is the serial frame without its start byte and CRC") {
  const Message vrp = msg("VRP", {{0x03, "1"}, {0x04, "100"}});
  CHECK(vtkemu::hexBytes(vtkemu::encodeTcpFrame(vtkemu::kKioskToTerminal, vrp)) ==
        "00 0F 96 FB 01 03 56 52 50 03 01 31 04 03 31 30 30");
  for (const auto& frame : capturedFrames()) {
    const std::string serial = fromHex(frame.hex);
    const std::string tcp = serial.substr(1, serial.size() - 3);
    const ReadResult r = vtkemu::readTcpFrame(tcp);
    REQUIRE(r.status == ReadResult::Status::Message);
    CHECK(r.consumed == tcp.size());
    checkSame(r.message, frame.message);
    CHECK(vtkemu::encodeTcpFrame(frame.discriminator, frame.message) == tcp);
  }
}

TEST_CASE("vtk wire: lengths in short, 0x81 and 0x82 form and multi-byte tags round-trip") {
  for (size_t size : {0u, 1u, 127u, 128u, 255u, 256u, 4000u}) {
    INFO(size);
    Message m("IDL");
    m.set(tags::kReceipt, std::string(size, 'r'));
    const std::string tlvs = vtkemu::encodeTlvs(m);
    const size_t header = size < 0x80 ? 2 : size <= 0xFF ? 3 : 4;
    CHECK(tlvs.size() == 5 + header + size);
    if (size >= 0x80) CHECK(static_cast<uint8_t>(tlvs[6]) == (size <= 0xFF ? 0x81 : 0x82));
    Message back;
    REQUIRE(vtkemu::decodeTlvs(tlvs, back).empty());
    CHECK(*back.find(tags::kReceipt) == std::string(size, 'r'));
  }
  Message m("CDP");
  m.set(0x1F01, "a").set(0x9F8102, "bc").set(0xDF7F, "").set(0x00, "z");
  const std::string tlvs = vtkemu::encodeTlvs(m);
  CHECK(vtkemu::hexBytes(tlvs) == "01 03 43 44 50 1F 01 01 61 9F 81 02 02 62 63 DF 7F 00 00 01 7A");
  Message back;
  REQUIRE(vtkemu::decodeTlvs(tlvs, back).empty());
  checkSame(back, m);
  // A long form where the short one would do is still read (BER allows it), and written back short.
  REQUIRE(vtkemu::decodeTlvs(fromHex("01 03 49 44 4C 03 81 01 37"), back).empty());
  CHECK(back.number(tags::kOperation) == 7);
  CHECK(vtkemu::hexBytes(vtkemu::encodeTlvs(back)) == "01 03 49 44 4C 03 01 37");
}

TEST_CASE("vtk wire: malformed TLVs are refused with the reason, and the output is left alone") {
  struct Bad {
    const char* hex;
    const char* reason;
  };
  const std::vector<Bad> cases = {
      {"01 03 56 52 50 04 40 31 32 33", "value of tag 04 claims 64 bytes, 3 remain"},
      {"01 03 49 44 4C 04 83 00 00 01 31", "tag 04 has length byte 0x83 (only short, 0x81 and 0x82 forms)"},
      {"01 03 49 44 4C 04 80", "tag 04 has length byte 0x80 (only short, 0x81 and 0x82 forms)"},
      {"01 03 49 44 4C 04 82 01", "length of tag 04 runs past the end"},
      {"01 03 49 44 4C 04", "tag 04 has no length"},
      {"01 03 49 44 4C 9F 81", "tag at offset 5 runs past the end"},
      {"01 03 49 44 4C 9F 81 81 81 01 00", "tag 9F 81 81 81 01 is longer than 4"},
      {"01 03 49 44 4C 21 00", "constructed tag 21 (VTK parameters are primitive)"},
      {"03 01 31", "no message name (tag 0x01)"},
      {"01 03 49 44 4C 01 03 44 49 53", "two message names (tag 0x01)"},
      {"01 00", "empty message name (tag 0x01)"},
  };
  for (const auto& c : cases) {
    INFO(c.hex);
    Message out("KEEP");
    CHECK(vtkemu::decodeTlvs(fromHex(c.hex), out) == c.reason);
    CHECK(out.name == "KEEP");
  }
  CHECK_THROWS_AS(vtkemu::encodeTlvs(Message()), std::invalid_argument);
  CHECK_THROWS_AS(vtkemu::encodeTlvs(Message("IDL").set(0x1F, "x")), std::invalid_argument);  // lead byte alone
  CHECK_THROWS_AS(vtkemu::encodeTlvs(Message("IDL").set(0x9F81, "x")), std::invalid_argument);  // ends continuing
  CHECK_THROWS_AS(vtkemu::encodeTlvs(Message("IDL").set(0x21, "x")), std::invalid_argument);  // constructed
  CHECK_THROWS_AS(vtkemu::encodeTlvs(Message("IDL").set(0x13, std::string(0x10000, 'x'))), std::invalid_argument);
}

TEST_CASE("vtk wire: malformed serial frames are refused: start byte, length, CRC") {
  std::string frame = fromHex("1F 00 0A 96 FB 01 03 44 49 53 03 01 30 16 39");
  CHECK(vtkemu::readSerialFrame(frame.substr(0, 14)).status == ReadResult::Status::NeedMore);
  CHECK(vtkemu::readSerialFrame(frame.substr(1)).error == "frame starts with 0x00, not 0x1F");
  CHECK(vtkemu::readSerialFrame(fromHex("1F 00 01 96 00 00")).error ==
        "frame length 1 leaves no room for the discriminator");
  frame[12] = '1';  // op "1" under the CRC of op "0"
  CHECK(vtkemu::readSerialFrame(frame).error == "CRC 0x1639 in the frame, 0x0618 computed");
}

TEST_CASE("vtk wire: the TCP reader delivers frames fed a byte at a time, and stops at a wrong discriminator") {
  const std::string dis = fromHex("00 0A 96 FB 01 03 44 49 53 03 01 30");
  const std::string vrp = fromHex("00 0F 96 FB 01 03 56 52 50 03 01 31 04 03 31 30 30");
  const std::string stream = dis + vrp;
  vtkemu::TcpFrameReader reader(vtkemu::kKioskToTerminal);
  std::vector<std::string> names;
  for (char c : stream) {
    reader.feed(std::string_view(&c, 1));
    for (ReadResult r = reader.next(); r.status != ReadResult::Status::NeedMore; r = reader.next()) {
      REQUIRE(r.status == ReadResult::Status::Message);
      names.push_back(r.message.name);
    }
  }
  CHECK(names == std::vector<std::string>{"DIS", "VRP"});

  // The terminal's own discriminator coming from the kiosk: an error, and the stream stays failed.
  reader.feed(fromHex("00 0A 97 FB 01 03 44 49 53 03 01 30") + dis);
  CHECK(reader.next().error == "discriminator 0x97FB, expected 0x96FB");
  CHECK(reader.next().status == ReadResult::Status::Error);
  reader.reset();
  reader.feed(dis);
  CHECK(reader.next().message.name == "DIS");

  reader.feed(fromHex("00 01 96"));
  CHECK(reader.next().error == "frame length 1 leaves no room for the discriminator");
  reader.reset();
  reader.feed(fromHex("00 05 96 FB 01 03 49"));
  CHECK(reader.next().error == "value of tag 01 claims 3 bytes, 1 remain");
}

TEST_CASE("vtk wire: numbers are strict non-negative decimal ASCII") {
  CHECK(vtkemu::parseDecimal("0") == 0);
  CHECK(vtkemu::parseDecimal("38900") == 38900);
  CHECK(vtkemu::parseDecimal("999999999999999999") == 999999999999999999);
  for (const char* bad : {"", "-1", "+1", " 1", "1 ", "1.0", "0x10", "1000000000000000000"}) {
    INFO(bad);
    CHECK_FALSE(vtkemu::parseDecimal(bad));
  }
  Message m("VRP");
  m.set(tags::kAmount, "12a");
  CHECK_FALSE(m.number(tags::kAmount));
  CHECK_FALSE(m.number(tags::kOperation));
}

TEST_CASE("vtk wire: local time is exactly YYYYMMDDThhmmss+hhmm with a real date") {
  for (const char* good :
       {"20210514T105924+0300", "20200317T144328+0300", "20240229T235959-1200", "19991231T000000+0000"}) {
    INFO(good);
    CHECK(vtkemu::localTimeProblem(good).empty());
  }
  CHECK(vtkemu::localTimeProblem("20210514T1059+0300") ==
        "local time \"20210514T1059+0300\" is 18 bytes, not the 20 of YYYYMMDDThhmmss+hhmm");
  CHECK(vtkemu::localTimeProblem("00000000T000000+0000") ==
        "local time \"00000000T000000+0000\" is not a calendar date");
  CHECK(vtkemu::localTimeProblem("20230229T105924+0300") ==
        "local time \"20230229T105924+0300\" is not a calendar date");
  CHECK(vtkemu::localTimeProblem("20210514T245924+0300") == "local time \"20210514T245924+0300\" is not a time of day");
  CHECK(vtkemu::localTimeProblem("20210514 105924+0300") ==
        "local time \"20210514 105924+0300\" lacks the 'T' between date and time");
  CHECK(vtkemu::localTimeProblem("20210514T105924 0300") ==
        "local time \"20210514T105924 0300\" lacks the '+' or '-' of its UTC offset");
  CHECK(vtkemu::localTimeProblem("2021O514T105924+0300") ==
        "local time \"2021O514T105924+0300\" has a non-digit at 4");
  CHECK(vtkemu::localTimeProblem("20210514T105924+1500") ==
        "local time \"20210514T105924+1500\" has an impossible UTC offset");
}
