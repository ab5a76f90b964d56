// Who may call back, as a decision on an address: the allow-list's entries (kiosk/common/ip_allow_list.h) and the
// lane CallbackPeers picks. The same decision against a real receiver: callback_guard_test.cpp.
#include <netinet/in.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstring>

#include "kiosk/procart/callback_peers.h"

using namespace kiosk;
using kiosk::procart::CallbackPeers;
using kiosk::procart::Lane;

namespace {

net::IpAddress ip(const char* text) {
  auto address = net::parseIpAddress(text);
  REQUIRE(address);
  return *address;
}

net::AllowList list(const std::vector<std::string>& entries) {
  std::string why;
  auto parsed = net::parseAllowList(entries, why);
  INFO(why);
  REQUIRE(parsed);
  return *parsed;
}

}  // namespace

TEST_CASE("allow-list: ranges match by their leading bits, IPv4 and IPv6 apart") {
  std::string why;
  auto slash20 = net::parseIpRange("10.0.16.0/20", why);
  REQUIRE(slash20);
  CHECK(slash20->contains(ip("10.0.16.1")));
  CHECK(slash20->contains(ip("10.0.31.255")));
  CHECK_FALSE(slash20->contains(ip("10.0.32.0")));
  CHECK_FALSE(slash20->contains(ip("10.0.15.255")));
  CHECK_FALSE(slash20->contains(ip("::ffff:10.0.32.0")));

  auto one = net::parseIpRange("10.0.0.5", why);
  REQUIRE(one);
  CHECK(one->prefix == 32);
  CHECK(one->contains(ip("10.0.0.5")));
  CHECK_FALSE(one->contains(ip("10.0.0.6")));

  auto everyone4 = net::parseIpRange("0.0.0.0/0", why);
  REQUIRE(everyone4);
  CHECK(everyone4->contains(ip("192.168.1.1")));
  CHECK_FALSE(everyone4->contains(ip("fd00::1")));  // an IPv4 range holds no IPv6 address

  auto ula = net::parseIpRange("fd00::/8", why);
  REQUIRE(ula);
  CHECK(ula->contains(ip("fd12:3456::21")));
  CHECK_FALSE(ula->contains(ip("fe80::1")));
  CHECK_FALSE(ula->contains(ip("10.0.0.5")));
  CHECK(net::toString(*ula) == "fd00::/8");
  CHECK(net::toString(*one) == "10.0.0.5");
}

TEST_CASE("allow-list: an IPv4 peer seen through an IPv6 socket matches the IPv4 entry") {
  // A receiver listening on "::" sees 10.0.0.5 as ::ffff:10.0.0.5.
  sockaddr_in6 mapped{};
  mapped.sin6_family = AF_INET6;
  const uint8_t bytes[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 10, 0, 0, 5};
  std::memcpy(&mapped.sin6_addr, bytes, sizeof bytes);
  auto peer = net::ipAddressOf(reinterpret_cast<const sockaddr*>(&mapped));
  REQUIRE(peer);
  CHECK(*peer == ip("10.0.0.5"));
  CHECK(net::toString(*peer) == "10.0.0.5");
  CHECK(ip("::ffff:10.0.0.5") == ip("10.0.0.5"));
}

TEST_CASE("allow-list: what each entry lets in, and which lane it goes to") {
  const std::vector<net::IpAddress> procart = {ip("10.0.0.5"), ip("fd00::5")};
  SECTION("procart (the default): ProCart's addresses only, in their own lane") {
    CallbackPeers peers(list({"procart"}), procart);
    CHECK(peers.classify(ip("10.0.0.5")) == Lane::Procart);
    CHECK(peers.classify(ip("fd00::5")) == Lane::Procart);
    CHECK_FALSE(peers.classify(ip("10.0.0.6")));
    CHECK(peers.describe() == "procart (10.0.0.5, fd00::5)");
  }
  SECTION("any: everyone, ProCart still first") {
    CallbackPeers peers(list({"any"}), procart);
    CHECK(peers.classify(ip("10.0.0.5")) == Lane::Procart);
    CHECK(peers.classify(ip("192.168.7.7")) == Lane::Others);
    CHECK(peers.describe() == "any (ProCart first: 10.0.0.5, fd00::5)");
  }
  SECTION("a range that holds ProCart lets it in, in its own lane") {
    CallbackPeers peers(list({"10.0.0.0/24"}), procart);
    CHECK(peers.classify(ip("10.0.0.5")) == Lane::Procart);
    CHECK(peers.classify(ip("10.0.0.9")) == Lane::Others);
    CHECK_FALSE(peers.classify(ip("fd00::5")));  // listed by neither the range nor "procart"
  }
  SECTION("ProCart's host that did not resolve: \"procart\" lets nobody in") {
    CallbackPeers peers(list({"procart", "10.0.1.0/24"}), {});
    CHECK_FALSE(peers.classify(ip("10.0.0.5")));
    CHECK(peers.classify(ip("10.0.1.9")) == Lane::Others);
    CHECK(peers.describe() == "procart (unresolved), 10.0.1.0/24");
  }
}

TEST_CASE("allow-list: ProCart's host is resolved, by name or as a literal") {
  auto literal = procart::resolveHost("10.0.0.5");
  REQUIRE(literal.size() == 1);
  CHECK(literal[0] == ip("10.0.0.5"));
  auto local = procart::resolveHost("localhost");
  CHECK(std::find(local.begin(), local.end(), ip("127.0.0.1")) != local.end());
  CHECK(procart::resolveHost("").empty());
  CHECK(procart::resolveHost("no-such-host.invalid").empty());
}
