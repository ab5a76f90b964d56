// PIN hashing: format, salt, constant-time verification, refusal of weak PINs and malformed hashes.
#include "kiosk/ops/pin.h"

#include <catch2/catch.hpp>

using namespace kiosk::ops;

TEST_CASE("a PIN hash has the documented format and never contains the PIN") {
  std::string hash = hashPin("480516");
  REQUIRE_FALSE(hash.empty());
  CHECK(hash.rfind("pbkdf2-sha256$200000$", 0) == 0);
  CHECK(hash.find("480516") == std::string::npos);
  std::string why;
  CHECK(isWellFormedPinHash(hash, why));
  // "pbkdf2-sha256$200000$" + 24 chars of salt + "$" + 44 chars of hash
  CHECK(hash.size() == std::string("pbkdf2-sha256$200000$").size() + 24 + 1 + 44);
}

TEST_CASE("the right PIN verifies, any other does not") {
  std::string hash = hashPin("480516", kPinMinIterations);
  CHECK(verifyPin("480516", hash));
  CHECK_FALSE(verifyPin("480517", hash));
  CHECK_FALSE(verifyPin("48051", hash));
  CHECK_FALSE(verifyPin("", hash));
  CHECK_FALSE(verifyPin(std::string("480516\0", 7), hash));
}

TEST_CASE("each hash has its own salt") {
  std::string a = hashPin("480516", kPinMinIterations);
  std::string b = hashPin("480516", kPinMinIterations);
  CHECK(a != b);
  CHECK(verifyPin("480516", a));
  CHECK(verifyPin("480516", b));
}

TEST_CASE("fewer than 100k iterations are never used") {
  std::string hash = hashPin("480516", 1000);
  CHECK(hash.rfind("pbkdf2-sha256$100000$", 0) == 0);
  CHECK(verifyPin("480516", hash));
}

TEST_CASE("malformed or tampered hashes never verify and say why") {
  std::string good = hashPin("480516", kPinMinIterations);
  std::string why;
  struct Bad {
    std::string stored;
    const char* why;
  };
  std::string tampered = good;
  tampered[tampered.size() - 3] = tampered[tampered.size() - 3] == 'A' ? 'B' : 'A';
  std::string fewer_iterations = good;
  fewer_iterations.replace(14, 6, "099999");
  const Bad cases[] = {
      {"", "not a PIN hash"},
      {"480516", "not a PIN hash"},
      {"sha1$100000$c2FsdA==$aGFzaA==", "unsupported PIN hash scheme"},
      {"pbkdf2-sha256$abc$c2FsdHNhbHQ=$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", "not a number"},
      {"pbkdf2-sha256$99999999999$c2FsdHNhbHQ=$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", "not a number"},
      {"pbkdf2-sha256$6000000$c2FsdHNhbHQ=$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", "outside"},
      {fewer_iterations, "outside"},
      {"pbkdf2-sha256$100000$!!!$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", "salt"},
      {"pbkdf2-sha256$100000$c2FsdHNhbHQ=$AAAA", "digest"},
      {"pbkdf2-sha256$100000$c2FsdHNhbHQ=$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=$x", "digest"},
  };
  for (const auto& bad : cases) {
    INFO(bad.stored);
    why.clear();
    CHECK_FALSE(isWellFormedPinHash(bad.stored, why));
    CHECK(why.find(bad.why) != std::string::npos);
    CHECK_FALSE(verifyPin("480516", bad.stored));
  }
  CHECK(isWellFormedPinHash(tampered, why));  // well formed, but the digest is not the PIN's any more
  CHECK_FALSE(verifyPin("480516", tampered));
}

TEST_CASE("new PINs: 4 to 12 digits, not trivially guessable") {
  CHECK(checkNewPin("4805").empty());
  CHECK(checkNewPin("480516123456").empty());
  CHECK(checkNewPin("480").find("4 to 12 digits") != std::string::npos);
  CHECK(checkNewPin("4805161234567").find("4 to 12 digits") != std::string::npos);
  CHECK(checkNewPin("48a5") == "a PIN has digits only");
  CHECK(checkNewPin("0000").find("too easy") == 0);
  CHECK(checkNewPin("1234").find("too easy") == 0);
  CHECK(checkNewPin("7890").find("too easy") == 0);  // runs wrap around 9 → 0
  CHECK(checkNewPin("4321").find("too easy") == 0);
  CHECK(checkNewPin("1233").empty());
}

TEST_CASE("roles by name") {
  StaffRole role{};
  CHECK(parseRole("admin", role));
  CHECK(role == StaffRole::Admin);
  CHECK(parseRole("staff", role));
  CHECK(role == StaffRole::Staff);
  CHECK_FALSE(parseRole("root", role));
  CHECK(std::string(roleName(StaffRole::Admin)) == "admin");
}
