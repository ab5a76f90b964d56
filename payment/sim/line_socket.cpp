#include "payment/sim/line_socket.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <algorithm>
#include <chrono>
#include <cstring>

namespace payment::sim {
namespace {

bool fillAddress(const std::string& host, int port, sockaddr_in& address, std::string& error) {
  address = {};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  if (::inet_pton(AF_INET, host.c_str(), &address.sin_addr) != 1) {
    error = "bad IPv4 address '" + host + "'";
    return false;
  }
  return true;
}

}  // namespace

Socket& Socket::operator=(Socket&& other) noexcept {
  if (this != &other) {
    close();
    fd_ = other.release();
  }
  return *this;
}

int Socket::release() {
  int fd = fd_;
  fd_ = -1;
  return fd;
}

void Socket::close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

void Socket::shutdown() {
  if (fd_ >= 0) ::shutdown(fd_, SHUT_RDWR);
}

Socket connectTcp(const std::string& host, int port, int timeout_ms, std::string& error) {
  sockaddr_in address{};
  if (!fillAddress(host, port, address, error)) return {};
  Socket s(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
  if (!s.valid()) {
    error = std::string("socket: ") + std::strerror(errno);
    return {};
  }
  int rc = ::connect(s.fd(), reinterpret_cast<sockaddr*>(&address), sizeof address);
  if (rc != 0 && errno != EINPROGRESS) {
    error = "connect to " + host + ":" + std::to_string(port) + ": " + std::strerror(errno);
    return {};
  }
  if (rc != 0) {
    pollfd p{s.fd(), POLLOUT, 0};
    int ready = ::poll(&p, 1, timeout_ms);
    int so_error = 0;
    socklen_t len = sizeof so_error;
    if (ready <= 0) {
      error = "connect to " + host + ":" + std::to_string(port) + ": timed out";
      return {};
    }
    ::getsockopt(s.fd(), SOL_SOCKET, SO_ERROR, &so_error, &len);
    if (so_error != 0) {
      error = "connect to " + host + ":" + std::to_string(port) + ": " + std::strerror(so_error);
      return {};
    }
  }
  int flags = ::fcntl(s.fd(), F_GETFL);
  ::fcntl(s.fd(), F_SETFL, flags & ~O_NONBLOCK);
  int one = 1;
  ::setsockopt(s.fd(), IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  return s;
}

Socket listenTcp(const std::string& host, int& port, std::string& error) {
  sockaddr_in address{};
  if (!fillAddress(host, port, address, error)) return {};
  Socket s(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (!s.valid()) {
    error = std::string("socket: ") + std::strerror(errno);
    return {};
  }
  int one = 1;
  ::setsockopt(s.fd(), SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  if (::bind(s.fd(), reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 || ::listen(s.fd(), 16) != 0) {
    error = "bind " + host + ":" + std::to_string(port) + ": " + std::strerror(errno);
    return {};
  }
  socklen_t len = sizeof address;
  ::getsockname(s.fd(), reinterpret_cast<sockaddr*>(&address), &len);
  port = ntohs(address.sin_port);
  return s;
}

bool writeLine(int fd, std::string_view line) {
  std::string data(line);
  data += '\n';
  size_t sent = 0;
  while (sent < data.size()) {
    ssize_t n = ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    sent += static_cast<size_t>(n);
  }
  return true;
}

LineReader::Status LineReader::readLine(std::string& line, int timeout_ms) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (true) {
    size_t newline = buffer_.find('\n');
    if (newline != std::string::npos) {
      line = buffer_.substr(0, newline);
      buffer_.erase(0, newline + 1);
      return Status::Line;
    }
    if (buffer_.size() > max_line_) return Status::Closed;
    // Polls at least once, so a zero timeout still picks up what has arrived.
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    pollfd p{fd_, POLLIN, 0};
    int ready = ::poll(&p, 1, static_cast<int>(std::max<int64_t>(0, left.count())));
    if (ready < 0) {
      if (errno == EINTR) continue;
      return Status::Closed;
    }
    if (ready == 0) return Status::Timeout;
    char chunk[4096];
    ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return Status::Closed;
    buffer_.append(chunk, static_cast<size_t>(n));
  }
}

}  // namespace payment::sim
