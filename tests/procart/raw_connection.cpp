#include "raw_connection.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace procart_test {

using Clock = std::chrono::steady_clock;

RawConnection::RawConnection(int port, const std::string& from) {
  fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  REQUIRE(fd_ >= 0);
  sockaddr_in local{};
  local.sin_family = AF_INET;
  REQUIRE(inet_pton(AF_INET, from.c_str(), &local.sin_addr) == 1);
  INFO("bind to " << from << ": " << std::strerror(errno));
  REQUIRE(::bind(fd_, reinterpret_cast<sockaddr*>(&local), sizeof local) == 0);
  sockaddr_in server{};
  server.sin_family = AF_INET;
  server.sin_port = htons(static_cast<uint16_t>(port));
  server.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::connect(fd_, reinterpret_cast<sockaddr*>(&server), sizeof server) == 0);
}

RawConnection::~RawConnection() {
  // An abortive close (RST) leaves no TIME_WAIT behind on either side: thousands of short connections on loopback
  // would otherwise meet their own TIME_WAIT entries and wait out SYN retransmissions (a second each).
  linger abort{1, 0};
  ::setsockopt(fd_, SOL_SOCKET, SO_LINGER, &abort, sizeof abort);
  ::close(fd_);
}

bool RawConnection::send(std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

std::string RawConnection::receive(std::chrono::milliseconds timeout, bool& closed, bool head_only) {
  std::string out;
  closed = false;
  auto deadline = Clock::now() + timeout;
  while (Clock::now() < deadline && !(head_only && out.find("\r\n\r\n") != std::string::npos)) {
    pollfd p{fd_, POLLIN, 0};
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (::poll(&p, 1, left > 0 ? static_cast<int>(left) : 0) <= 0) continue;
    char buffer[4096];
    ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      closed = true;
      break;
    }
    out.append(buffer, static_cast<size_t>(n));
  }
  return out;
}

bool RawConnection::closedByServer(std::chrono::milliseconds timeout) {
  bool closed = false;
  receive(timeout, closed);
  return closed;
}

std::string postHead(const std::string& path, size_t content_length, bool close) {
  return "POST " + path + " HTTP/1.1\r\nHost: kiosk\r\nContent-Type: application/json\r\nContent-Length: " +
         std::to_string(content_length) + "\r\n" + (close ? "Connection: close\r\n" : "") + "\r\n";
}

int postFrom(int port, const std::string& from, const std::string& path, const std::string& body,
             std::chrono::milliseconds timeout) {
  RawConnection c(port, from);
  if (!c.send(postHead(path, body.size(), /*close=*/true) + body)) return -1;
  bool closed = false;
  std::string answer = c.receive(timeout, closed, /*head_only=*/true);
  // "HTTP/1.1 200 OK"
  if (answer.size() < 12 || answer.compare(0, 5, "HTTP/") != 0) return -1;
  return std::atoi(answer.substr(9, 3).c_str());
}

}  // namespace procart_test
