// `kiosk --set-pin ROLE`: the PIN comes from stdin, only its hash reaches the secrets file, the rest is kept.
#include "kiosk/ops/set_pin_command.h"

#include <catch2/catch.hpp>
#include <sstream>

#include "kiosk/ops/config.h"
#include "kiosk/ops/pin.h"
#include "tests/ops/test_files.h"

using namespace kiosk::ops;
using ops_test::TempDir;

namespace {

struct Run {
  int code;
  std::string out;
  std::string err;
};

Run setPin(const std::string& role, const std::string& path, const std::string& input, bool confirm = false) {
  std::istringstream in(input);
  std::ostringstream out, err;
  int code = runSetPin(role, path, in, out, err, confirm);
  return {code, out.str(), err.str()};
}

KioskConfig secretsIn(const std::string& dir) {
  return loadConfig(dir + "/kiosk.json", LoadOptions{dir + "/secrets.json", {}}).config;
}

}  // namespace

TEST_CASE("set-pin creates the secrets file with the hash, mode 0600 and a callback secret") {
  TempDir dir;
  auto run = setPin("staff", dir.file("secrets.json"), "480516\n");
  INFO(run.err);
  CHECK(run.code == 0);
  CHECK(run.out.find("staff PIN is set") != std::string::npos);
  CHECK(ops_test::fileMode(dir.file("secrets.json")) == 0600);
  std::string text = ops_test::readFile(dir.file("secrets.json"));
  CHECK(text.find("480516") == std::string::npos);
  KioskConfig secrets = secretsIn(dir.path());
  CHECK(verifyPin("480516", secrets.pins.staff));
  CHECK(secrets.pins.admin.empty());
  CHECK(secrets.callback.secret.size() == 32);
  CHECK((run.out + run.err).find("480516") == std::string::npos);
}

TEST_CASE("set-pin keeps the token, the callback secret and the other PIN") {
  TempDir dir;
  ops_test::writeFile(dir.file("secrets.json"),
                      R"({"procart": {"token": "tok-123"}, "callback": {"secret": "0123456789abcdef0123"}})", 0600);
  REQUIRE(setPin("admin", dir.file("secrets.json"), "147369\r\n").code == 0);  // CRLF from a Windows paste
  REQUIRE(setPin("staff", dir.file("secrets.json"), "2580\n").code == 0);
  KioskConfig secrets = secretsIn(dir.path());
  CHECK(secrets.procart.token == "tok-123");
  CHECK(secrets.callback.secret == "0123456789abcdef0123");
  CHECK(verifyPin("147369", secrets.pins.admin));
  CHECK(verifyPin("2580", secrets.pins.staff));
}

TEST_CASE("set-pin refuses weak PINs, mismatches, empty input and unknown roles, changing nothing") {
  TempDir dir;
  std::string path = dir.file("secrets.json");
  const std::string before = R"({"procart": {"token": "tok-123"}})";
  ops_test::writeFile(path, before, 0600);

  auto weak = setPin("staff", path, "1234\n");
  CHECK(weak.code == 1);
  CHECK(weak.err.find("too easy") != std::string::npos);
  auto mismatch = setPin("staff", path, "480516\n480515\n", /*confirm=*/true);
  CHECK(mismatch.code == 1);
  CHECK(mismatch.err.find("differ") != std::string::npos);
  CHECK(setPin("staff", path, "").code == 1);
  auto role = setPin("root", path, "480516\n");
  CHECK(role.code == 2);
  CHECK(role.err.find("usage") != std::string::npos);
  CHECK(ops_test::readFile(path) == before);

  CHECK(setPin("staff", path, "480516\n480516\n", /*confirm=*/true).code == 0);
}

TEST_CASE("set-pin leaves a damaged secrets file alone") {
  TempDir dir;
  std::string path = dir.file("secrets.json");
  const std::string damaged = R"({"procart": {"token": "tok-123"}, )";
  ops_test::writeFile(path, damaged, 0600);
  auto run = setPin("staff", path, "480516\n");
  CHECK(run.code == 1);
  CHECK(run.err.find("refusing to rewrite") != std::string::npos);
  CHECK(ops_test::readFile(path) == damaged);
}
