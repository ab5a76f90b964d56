#include "kiosk/procart/deadline_http_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <string>

namespace kiosk::procart {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// A server stop is noticed within this long by a connection that is waiting for bytes.
constexpr milliseconds kStopCheck{100};
constexpr size_t kReadBuffer = 4096;

thread_local bool t_close_after_reply = false;

milliseconds toMs(time_t sec, time_t usec) { return milliseconds(sec * 1000 + usec / 1000); }

void addressOf(const sockaddr_storage& addr, std::string& ip, int& port) {
  char text[INET6_ADDRSTRLEN] = {0};
  if (addr.ss_family == AF_INET) {
    const auto& in = reinterpret_cast<const sockaddr_in&>(addr);
    inet_ntop(AF_INET, &in.sin_addr, text, sizeof text);
    port = ntohs(in.sin_port);
  } else if (addr.ss_family == AF_INET6) {
    const auto& in6 = reinterpret_cast<const sockaddr_in6&>(addr);
    inet_ntop(AF_INET6, &in6.sin6_addr, text, sizeof text);
    port = ntohs(in6.sin6_port);
  }
  ip = text;
}

// The socket stream httplib reads requests from and writes answers to, with the connection's deadline on every wait.
class DeadlineStream final : public httplib::Stream {
 public:
  DeadlineStream(socket_t sock, Clock::time_point deadline, milliseconds read_timeout, milliseconds write_timeout,
                 const std::atomic<socket_t>& listening)
      : sock_(sock),
        deadline_(deadline),
        read_timeout_(read_timeout),
        write_timeout_(write_timeout),
        listening_(listening) {}

  bool is_readable() const override { return buffered() > 0 || wait(POLLIN, read_timeout_); }
  bool is_writable() const override { return wait(POLLOUT, write_timeout_); }

  ssize_t read(char* ptr, size_t size) override {
    if (buffered() == 0) {
      if (!wait(POLLIN, read_timeout_)) return -1;
      // httplib reads requests a byte at a time: serve those from a buffer instead of a system call each.
      if (size >= kReadBuffer) return receive(ptr, size);
      ssize_t n = receive(buffer_, kReadBuffer);
      if (n <= 0) return n;
      begin_ = 0;
      end_ = static_cast<size_t>(n);
    }
    size_t n = std::min(size, buffered());
    std::memcpy(ptr, buffer_ + begin_, n);
    begin_ += n;
    return static_cast<ssize_t>(n);
  }

  ssize_t write(const char* ptr, size_t size) override {
    if (!wait(POLLOUT, write_timeout_)) return -1;
    while (true) {
      ssize_t n = ::send(sock_, ptr, size, MSG_NOSIGNAL);
      if (n < 0 && errno == EINTR) continue;
      return n;
    }
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage addr{};
    socklen_t len = sizeof addr;
    if (::getpeername(sock_, reinterpret_cast<sockaddr*>(&addr), &len) == 0) addressOf(addr, ip, port);
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage addr{};
    socklen_t len = sizeof addr;
    if (::getsockname(sock_, reinterpret_cast<sockaddr*>(&addr), &len) == 0) addressOf(addr, ip, port);
  }
  socket_t socket() const override { return sock_; }

  // Waits for the next request of a keep-alive connection.
  bool waitForRequest(milliseconds idle_timeout) const { return buffered() > 0 || wait(POLLIN, idle_timeout); }

 private:
  size_t buffered() const { return end_ - begin_; }

  ssize_t receive(char* into, size_t size) {
    while (true) {
      ssize_t n = ::recv(sock_, into, size, 0);
      if (n < 0 && errno == EINTR) continue;
      return n;
    }
  }

  // True when the socket is ready for `events` before `timeout` and the connection's deadline both pass, and the
  // server is not stopping.
  bool wait(short events, milliseconds timeout) const {
    const Clock::time_point until = std::min(Clock::now() + timeout, deadline_);
    while (listening_.load() != INVALID_SOCKET) {
      auto left = std::chrono::duration_cast<milliseconds>(until - Clock::now());
      if (left.count() <= 0) return false;
      pollfd p{sock_, events, 0};
      int ready = ::poll(&p, 1, static_cast<int>(std::min(left, kStopCheck).count()));
      if (ready > 0) return true;  // also on POLLHUP/POLLERR: the read or write then tells what happened
      if (ready < 0 && errno != EINTR) return false;
    }
    return false;
  }

  socket_t sock_;
  Clock::time_point deadline_;
  milliseconds read_timeout_;
  milliseconds write_timeout_;
  const std::atomic<socket_t>& listening_;
  char buffer_[kReadBuffer];
  size_t begin_ = 0;
  size_t end_ = 0;
};

}  // namespace

void DeadlineHttpServer::closeConnectionAfterReply() { t_close_after_reply = true; }

bool DeadlineHttpServer::process_and_close_socket(socket_t sock) {
  int yes = 1;
  ::setsockopt(sock, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
  DeadlineStream stream(sock, Clock::now() + connection_deadline, toMs(read_timeout_sec_, read_timeout_usec_),
                        toMs(write_timeout_sec_, write_timeout_usec_), svr_sock_);
  const milliseconds idle_timeout(keep_alive_timeout_sec_ * 1000);
  bool ok = false;
  // httplib's rules: at most keep_alive_max_count_ requests, the last one answered with "Connection: close".
  for (size_t left = std::max<size_t>(keep_alive_max_count_, 1); left > 0; --left) {
    if (svr_sock_.load() == INVALID_SOCKET || !stream.waitForRequest(idle_timeout)) break;
    bool connection_closed = false;
    t_close_after_reply = false;
    ok = process_request(stream, /*close_connection=*/left == 1, connection_closed, nullptr);
    if (!ok || connection_closed || t_close_after_reply) break;
  }
  ::shutdown(sock, SHUT_RDWR);
  ::close(sock);
  return ok;
}

}  // namespace kiosk::procart
