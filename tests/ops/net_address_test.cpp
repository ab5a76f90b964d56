// The address checks behind procart.url, callback.*, health.listen.
#include "kiosk/ops/net_address.h"

#include <catch2/catch.hpp>

using namespace kiosk::ops;

TEST_CASE("http URLs are split into their parts") {
  std::string why;
  auto url = parseHttpUrl("http://127.0.0.1:11111/api/v3/", why);
  REQUIRE(url);
  CHECK(url->scheme == "http");
  CHECK(url->host == "127.0.0.1");
  CHECK(url->port == 11111);
  CHECK(url->path == "/api/v3");
  url = parseHttpUrl("https://pos.example.ru", why);
  REQUIRE(url);
  CHECK(url->port == 443);
  CHECK(url->path.empty());
  url = parseHttpUrl("http://[fd00::5]:8080/x", why);
  REQUIRE(url);
  CHECK(url->host == "fd00::5");
  CHECK(url->port == 8080);
}

TEST_CASE("bad URLs say why") {
  struct Bad {
    const char* url;
    const char* why;
  };
  const Bad cases[] = {
      {"", "expected http://"},
      {"127.0.0.1:11111", "expected http://"},
      {"gopher://h/", "scheme"},
      {"http://:80/", "no host"},
      {"http://h:/", "empty port"},
      {"http://h:0/", "1..65535"},
      {"http://h:65536/", "1..65535"},
      {"http://h:8o/", "1..65535"},
      {"http://[fd00::5/", "unclosed"},
      {"http://[zz]/", "IPv6"},
      {"http://-h.ru/", "not a valid host"},
      {"http://h..ru/", "not a valid host"},
      {"http://h/#top", "fragment"},
      {"http://h/a\tb", "control"},
  };
  for (const auto& c : cases) {
    INFO(c.url);
    std::string why;
    CHECK_FALSE(parseHttpUrl(c.url, why));
    CHECK(why.find(c.why) != std::string::npos);
  }
}

TEST_CASE("listen addresses are IP:port") {
  std::string why;
  auto a = parseListenAddress("127.0.0.1:9180", why);
  REQUIRE(a);
  CHECK(a->host == "127.0.0.1");
  CHECK(a->port == 9180);
  a = parseListenAddress("[::1]:0", why);
  REQUIRE(a);
  CHECK(a->host == "::1");
  CHECK(a->port == 0);
  CHECK_FALSE(parseListenAddress("localhost:9180", why));
  CHECK_FALSE(parseListenAddress("::1:9180", why));
  CHECK_FALSE(parseListenAddress("127.0.0.1:", why));
  CHECK_FALSE(parseListenAddress("[::1]9180", why));
  CHECK(isWildcardAddress("0.0.0.0"));
  CHECK(isWildcardAddress("::"));
  CHECK_FALSE(isWildcardAddress("127.0.0.1"));
  CHECK(isValidHostName("pos-1.restaurant.local"));
  CHECK_FALSE(isValidHostName(std::string(64, 'a')));
}
