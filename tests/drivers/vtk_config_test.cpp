// VtkConfig::fromJson: defaults, and errors that name the key.
#include <catch2/catch.hpp>

#include "payment/vtk/config.h"

using payment::vtk::VtkConfig;

TEST_CASE("vtk config: only the host is required — the rest has the specification's defaults") {
  std::string error;
  auto config = VtkConfig::fromJson(nlohmann::json{{"host", "10.0.0.7"}}, error);
  REQUIRE(config);
  CHECK(error.empty());
  CHECK(config->host == "10.0.0.7");
  CHECK(config->port == 62801);
  CHECK(config->connect_timeout_ms == 15000);
  CHECK(config->operation_timeout_ms == 60000);
  CHECK(config->keepalive_s == 10);
  CHECK(config->dead_grace_ms == 8000);
  CHECK(config->answer_grace_ms == 0);  // the operation timeout is the bound, exactly
  CHECK(config->notes.empty());
}

TEST_CASE("vtk config: every key is read") {
  std::string error;
  auto config = VtkConfig::fromJson(nlohmann::json::parse(R"({
      "host": "pos", "port": 1234, "connect_timeout_ms": 500, "operation_timeout_ms": 90000, "keepalive_s": 5,
      "dead_grace_ms": 1000, "answer_grace_ms": 10, "handshake_timeout_ms": 20, "product_id": "7",
      "product_name": "ЗАКАЗ"})"),
                                    error);
  REQUIRE(config);
  CHECK(config->port == 1234);
  CHECK(config->keepalive_s == 5);
  CHECK(config->answer_grace_ms == 10);
  CHECK(config->product_name == "ЗАКАЗ");
}

TEST_CASE("vtk config: the retired FIN and ABR timeouts of older configs are read, ignored and noted") {
  // The specification bounds the FIN answer and the answer to ABR by the operation timeout; a config written for an
  // older version still loads (the kiosk keeps taking payments) and the driver logs why the keys do nothing.
  std::string error;
  auto config = VtkConfig::fromJson(
      nlohmann::json::parse(R"({"host": "pos", "fin_timeout_ms": 15000, "abort_timeout_ms": 10000})"), error);
  REQUIRE(config);
  REQUIRE(config->notes.size() == 2);
  CHECK(config->notes[0].find("\"abort_timeout_ms\" is ignored") == 0);
  CHECK(config->notes[1].find("\"fin_timeout_ms\" is ignored") == 0);
  CHECK(config->operation_timeout_ms == 60000);
}

TEST_CASE("vtk config: bad values name the key") {
  auto errorOf = [](const char* text) {
    std::string error;
    auto config = VtkConfig::fromJson(nlohmann::json::parse(text), error);
    CHECK_FALSE(config);
    return error;
  };
  CHECK(errorOf(R"({"port": 1})") == "\"host\": required (the terminal's IP address or name)");
  CHECK(errorOf(R"({"host": "a", "port": "62801"})") == "\"port\": expected an integer 1..65535, got \"62801\"");
  CHECK(errorOf(R"({"host": "a", "port": 70000})") == "\"port\": 70000 is outside 1..65535");
  CHECK(errorOf(R"({"host": "a", "prot": 1})") == "\"prot\": unknown key in the VTK terminal settings");
  CHECK(errorOf(R"({"host": "a", "keepalive_s": 0})") == "\"keepalive_s\": 0 is outside 1..3600");
  CHECK(errorOf(R"({"host": "a", "operation_timeout_ms": 1.5})") ==
        "\"operation_timeout_ms\": expected an integer 1..3600000, got 1.5");
  CHECK(errorOf(R"({"host": 5})") == "\"host\": expected a string, got 5");
  CHECK(errorOf(R"([1])") == "VTK terminal settings: expected a JSON object");
}
