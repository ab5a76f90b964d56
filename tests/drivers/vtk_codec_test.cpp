// VTK codec: primitive BER-TLV, the TCP frame (length, discriminator, TLVs), the serial frame and its CRC.
#include <catch2/catch.hpp>

#include <string>

#include "payment/vtk/frame.h"
#include "payment/vtk/message.h"
#include "payment/vtk/serial_frame.h"
#include "payment/vtk/tlv.h"
#include "tests/drivers/scripted_peer.h"

using namespace payment::vtk;
using drivers_test::fromHex;

namespace {

std::string bytes(std::initializer_list<int> values) {
  std::string out;
  for (int v : values) out.push_back(static_cast<char>(v));
  return out;
}

}  // namespace

TEST_CASE("TLV: short, 0x81 and 0x82 length forms are written and read back") {
  std::string out;
  REQUIRE(appendTlv(out, 0x01, "IDL"));
  CHECK(out == bytes({0x01, 0x03, 'I', 'D', 'L'}));

  const std::string v127(127, 'a'), v200(200, 'b'), v300(300, 'c');
  out.clear();
  REQUIRE(appendTlv(out, 0x13, v127));
  CHECK(out.substr(0, 2) == bytes({0x13, 0x7F}));
  out.clear();
  REQUIRE(appendTlv(out, 0x13, v200));
  CHECK(out.substr(0, 3) == bytes({0x13, 0x81, 200}));
  out.clear();
  REQUIRE(appendTlv(out, 0x13, v300));
  CHECK(out.substr(0, 4) == bytes({0x13, 0x82, 0x01, 0x2C}));

  auto parsed = parseTlvs(out);
  REQUIRE(parsed.ok());
  REQUIRE(parsed.params.size() == 1);
  CHECK(parsed.params[0].tag == 0x13);
  CHECK(parsed.params[0].value == v300);
}

TEST_CASE("TLV: values that cannot be written are refused without appending") {
  std::string out = "x";
  CHECK_FALSE(appendTlv(out, 0x1F, "v"));         // would read as a multi-byte tag
  CHECK_FALSE(appendTlv(out, 0x00, "v"));
  CHECK_FALSE(appendTlv(out, 0x13, std::string(70000, 'z')));
  CHECK(out == "x");
}

TEST_CASE("TLV: malformed input is an error naming the offset, never a crash") {
  CHECK(parseTlvs(bytes({0x01})).error == "TLV at byte 0: length byte missing");
  CHECK(parseTlvs(bytes({0x01, 0x05, 'I', 'D'})).error == "TLV at byte 0: value of 5 bytes but only 2 remain");
  CHECK(parseTlvs(bytes({0x01, 0x01, 'A', 0x04, 0x80})).error ==
        "TLV at byte 3: indefinite length is not allowed in a primitive TLV");
  CHECK(parseTlvs(bytes({0x04, 0x83, 0, 0, 1, 'x'})).error == "TLV at byte 0: length form longer than 2 bytes");
  CHECK(parseTlvs(bytes({0x04, 0x82, 0x01})).error == "TLV at byte 0: length bytes run past the end");
  CHECK(parseTlvs(bytes({0x1F, 0x81})).error == "TLV at byte 0: tag runs past the end");
  CHECK(parseTlvs("").ok());
}

TEST_CASE("TLV: multi-byte tags are read, so unknown ones can be skipped") {
  const auto parsed = parseTlvs(bytes({0x1F, 0x81, 0x05, 0x01, 'Z', 0x01, 0x03, 'F', 'I', 'N'}));
  REQUIRE(parsed.ok());
  REQUIRE(parsed.params.size() == 2);
  CHECK(parsed.params[0].tag == 0x1F8105);
  CHECK(parsed.params[1].value == "FIN");
}

TEST_CASE("frame: the kiosk's IDL and VRP are encoded byte for byte") {
  // length 0x0007 = discriminator (2) + TLV (5); discriminator 0x96FB kiosk → terminal.
  CHECK(encodeFrame(kVmcToPos, VtkMessage("IDL")) == bytes({0x00, 0x07, 0x96, 0xFB, 0x01, 0x03, 'I', 'D', 'L'}));

  VtkMessage vrp("VRP");
  vrp.setNumber(tag::kOperationNumber, 12).setNumber(tag::kAmount, 38900);
  CHECK(encodeFrame(kVmcToPos, vrp) == bytes({0x00, 0x12, 0x96, 0xFB,                  //
                                              0x01, 0x03, 'V', 'R', 'P',               //
                                              0x03, 0x02, '1', '2',                    //
                                              0x04, 0x05, '3', '8', '9', '0', '0'}));
}

TEST_CASE("frame reader: assembles frames fed one byte at a time and several in one chunk") {
  VtkMessage answer("VRP");
  answer.setNumber(tag::kOperationNumber, 7).setNumber(tag::kAmount, 100).set(tag::kReceipt, std::string(300, 'r'));
  const std::string one = encodeFrame(kPosToVmc, answer);
  const std::string two = encodeFrame(kPosToVmc, VtkMessage("IDL").setNumber(tag::kOperationNumber, 7));

  FrameReader reader(kPosToVmc);
  VtkMessage out;
  std::string error;
  for (size_t i = 0; i + 1 < one.size(); ++i) {
    reader.feed(one.substr(i, 1));
    REQUIRE(reader.next(out, error) == FrameReader::Status::NeedMore);
  }
  CHECK(reader.expectedFrameSize() == one.size());
  reader.feed(one.substr(one.size() - 1) + two + two.substr(0, 3));
  REQUIRE(reader.next(out, error) == FrameReader::Status::Message);
  CHECK(out.name == "VRP");
  CHECK(out.number(tag::kOperationNumber) == 7);
  CHECK(out.number(tag::kAmount) == 100);
  CHECK(out.find(tag::kReceipt)->size() == 300);
  REQUIRE(reader.next(out, error) == FrameReader::Status::Message);
  CHECK(out.name == "IDL");
  CHECK(reader.next(out, error) == FrameReader::Status::NeedMore);
  CHECK(reader.buffered() == 3);
}

TEST_CASE("frame reader: unknown tags are kept aside, parameters may come in any order") {
  const std::string frame = bytes({0x00, 0x11, 0x97, 0xFB, 0x04, 0x01, '0', 0x7E, 0x02, 'x', 'y', 0x01, 0x03, 'V',
                                   'R', 'P', 0x03, 0x01, '9'});
  FrameReader reader(kPosToVmc);
  reader.feed(frame);
  VtkMessage out;
  std::string error;
  REQUIRE(reader.next(out, error) == FrameReader::Status::Message);
  CHECK(out.name == "VRP");
  CHECK(out.number(tag::kAmount) == 0);
  CHECK(out.number(tag::kOperationNumber) == 9);
}

TEST_CASE("frame reader: wrong discriminator, impossible length, bad TLV and a missing name are errors") {
  VtkMessage out;
  std::string error;
  {
    FrameReader reader(kPosToVmc);
    reader.feed(encodeFrame(kVmcToPos, VtkMessage("IDL")));
    CHECK(reader.next(out, error) == FrameReader::Status::Error);
    CHECK(error == "frame discriminator 0x96FB, expected 0x97FB");
  }
  {
    FrameReader reader(kPosToVmc);
    reader.feed(bytes({0x00, 0x01, 0x97}));
    CHECK(reader.next(out, error) == FrameReader::Status::Error);
    CHECK(error == "frame length 1 is shorter than the discriminator");
  }
  {
    FrameReader reader(kPosToVmc);
    reader.feed(bytes({0x00, 0x09, 0x97, 0xFB, 0x01, 0x03, 'V', 'R', 'P', 0x04, 0x40}));
    CHECK(reader.next(out, error) == FrameReader::Status::Error);
    CHECK(error == "malformed frame: TLV at byte 5: value of 64 bytes but only 0 remain");
  }
  {
    FrameReader reader(kPosToVmc);
    reader.feed(bytes({0x00, 0x05, 0x97, 0xFB, 0x04, 0x01, '5'}));
    CHECK(reader.next(out, error) == FrameReader::Status::Error);
    CHECK(error == "malformed frame: message has no name (tag 0x01)");
  }
  {
    FrameReader reader(kPosToVmc);
    reader.feed(bytes({0x00, 0x07, 0x97, 0xFB, 0x01, 0x03, 'V', 0x00, 'P'}));
    CHECK(reader.next(out, error) == FrameReader::Status::Error);
    CHECK(error == "malformed frame: message name contains a non-alphanumeric byte");
  }
}

TEST_CASE("message: numbers are strict decimal") {
  CHECK(parseDecimal("0") == 0);
  CHECK(parseDecimal("38900") == 38900);
  CHECK_FALSE(parseDecimal(""));
  CHECK_FALSE(parseDecimal("-1"));
  CHECK_FALSE(parseDecimal("12a"));
  CHECK_FALSE(parseDecimal(" 12"));
  CHECK_FALSE(parseDecimal("1234567890123456789"));  // 19 digits: could overflow
  VtkMessage m("VRP");
  m.set(tag::kAmount, "1.5");
  CHECK_FALSE(m.number(tag::kAmount));
  CHECK_FALSE(m.number(tag::kOperationNumber));
}

TEST_CASE("serial: CRC16-CCITT (init 0xFFFF, poly 0x1021) matches the standard check value") {
  // The catalogued check value of CRC-16/CCITT-FALSE over the ASCII digits "123456789".
  CHECK(crc16Ccitt("123456789") == 0x29B1);
  CHECK(crc16Ccitt("") == 0xFFFF);
}

namespace {


// Serial frames captured from a real Vendotek terminal by a third-party vending firmware and published in that
// firmware's unit tests (">>" kiosk → terminal, "<<" terminal → kiosk). Nobody here wrote them: they decide the layout
// and the CRC coverage. The specification's own two examples (CRC C1CB and 72C9) verify the same way.
struct CapturedFrame {
  const char* hex;
  const char* summary;  // VtkMessage::summary() of the body
};
const CapturedFrame kCaptured[] = {
    {"1F 00 22 96 FB 01 03 49 44 4C 11 14 32 30 32 30 30 33 31 37 54 31 34 34 33 32 38 2B 30 33 30 30 0A 03 2E 2E 2E "
     "75 84", "IDL"},
    {"1F 00 13 97 FB 01 03 49 44 4C 03 01 30 05 02 31 30 06 03 31 32 30 44 C5", "IDL op=0 timeout=120"},
    {"1F 00 0A 96 FB 01 03 44 49 53 03 01 30 16 39", "DIS op=0"},
    {"1F 00 13 97 FB 01 03 44 49 53 03 01 30 05 02 31 30 06 03 31 32 30 EC 87", "DIS op=0 timeout=120"},
    {"1F 00 0F 96 FB 01 03 56 52 50 03 01 31 04 03 31 30 30 1F 46", "VRP op=1 amount=100"},
    {"1F 00 0D 97 FB 01 03 56 52 50 03 01 31 04 01 30 72 BD", "VRP op=1 amount=0"},
    {"1F 00 13 97 FB 01 03 43 4F 4E 0B 0A 00 B2 3E BE 8C CA 5B 00 00 00 3D 65", "CON"},
    {"1F 00 0A 96 FB 01 03 44 53 43 0B 01 00 D0 98", "DSC"},
};

}  // namespace

TEST_CASE("vtk serial: CRC16 covers the start byte 0x1F (frames captured from a real terminal)") {
  for (const auto& captured : kCaptured) {
    INFO(captured.hex);
    const std::string frame = fromHex(captured.hex);
    const auto decoded = decodeSerialFrame(frame);
    REQUIRE(decoded.ok());
    CHECK(decoded.consumed == frame.size());
    // Re-encoding the body gives the captured bytes exactly, CRC included.
    CHECK(encodeSerialFrame(decoded.body) == frame);
    // A CRC over length..TLVs only (without the start byte) would not match.
    const uint16_t without_start = crc16Ccitt(frame.substr(1, frame.size() - 3));
    const uint16_t received = static_cast<uint16_t>((static_cast<uint8_t>(frame[frame.size() - 2]) << 8) |
                                                    static_cast<uint8_t>(frame[frame.size() - 1]));
    CHECK(without_start != received);
    // The body is the TCP frame's discriminator + TLVs: it decodes to the message the capture shows.
    std::string error;
    auto message = decodeMessage(std::string_view(decoded.body).substr(2), error);
    REQUIRE(message);
    CHECK(message->summary() == captured.summary);
  }
  // The kiosk's IDL from the capture carries its local time in the protocol's format.
  std::string error;
  const auto idl = decodeMessage(decodeSerialFrame(fromHex(kCaptured[0].hex)).body.substr(2), error);
  REQUIRE(idl);
  CHECK(*idl->find(tag::kLocalTime) == "20200317T144328+0300");
  CHECK(*idl->find(tag::kQrData) == "...");
}

TEST_CASE("serial: frames round-trip and their layout is start, length, body, CRC") {
  const std::string body = bytes({0x96, 0xFB, 0x01, 0x03, 'I', 'D', 'L'});
  const std::string frame = encodeSerialFrame(body);
  REQUIRE(frame.size() == 1 + 2 + body.size() + 2);
  CHECK(static_cast<uint8_t>(frame[0]) == 0x1F);
  CHECK(frame.substr(1, 2) == bytes({0x00, 0x07}));
  CHECK(frame.substr(3, body.size()) == body);
  const uint16_t crc = crc16Ccitt(frame.substr(0, 3 + body.size()));
  CHECK(frame.substr(frame.size() - 2) == bytes({crc >> 8, crc & 0xFF}));

  const auto decoded = decodeSerialFrame(frame + "trailing");
  REQUIRE(decoded.ok());
  CHECK(decoded.body == body);
  CHECK(decoded.consumed == frame.size());
}

TEST_CASE("serial: a wrong start byte, a bad CRC and a short buffer are told apart") {
  const std::string frame = encodeSerialFrame(bytes({0x97, 0xFB, 0x01, 0x03, 'I', 'D', 'L'}));
  std::string corrupted = frame;
  corrupted[5] ^= 0x01;
  const auto bad_crc = decodeSerialFrame(corrupted);
  CHECK_FALSE(bad_crc.ok());
  CHECK(bad_crc.error.find("serial frame CRC 0x") == 0);

  const auto bad_start = decodeSerialFrame("\x02" + frame.substr(1));
  CHECK(bad_start.error == "serial frame starts with 0x02, expected 0x1F");

  const auto partial = decodeSerialFrame(frame.substr(0, frame.size() - 1));
  CHECK(partial.incomplete);
  CHECK(partial.error.empty());
}
