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
// httplib listens with a backlog of 5: a burst of connections overflows it, and the kernel then drops new SYNs,
// ProCart's included (each drop costs the sender a second or more before it tries again).
constexpr int kAcceptBacklog = 128;

thread_local bool t_close_after_reply = false;
thread_local bool t_timed_out = false;  // a read of the current request ran out of time

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

// How a wait for the socket ended. Stopped: the server is stopping (or poll() failed), so the connection ends.
enum class Waited { Ready, TimedOut, Stopped };

// The socket stream httplib reads requests from and writes answers to. Reads end at the read deadline (the current
// request's head or body time) and the connection's deadline; writes at the connection's deadline.
class DeadlineStream final : public httplib::Stream {
 public:
  DeadlineStream(socket_t sock, Clock::time_point connection_deadline, milliseconds read_timeout,
                 milliseconds write_timeout, const std::atomic<socket_t>& listening)
      : sock_(sock),
        connection_deadline_(connection_deadline),
        read_deadline_(connection_deadline),
        read_timeout_(read_timeout),
        write_timeout_(write_timeout),
        listening_(listening) {}

  void setReadDeadline(Clock::time_point deadline) { read_deadline_ = deadline; }

  // Waits for the first byte of the next request (until the read deadline). Not a timeout of a request: a kept-alive
  // connection may idle until then.
  Waited waitForRequest() const {
    if (buffered() > 0) return Waited::Ready;
    return wait(POLLIN, std::min(read_deadline_, connection_deadline_));
  }

  bool is_readable() const override { return buffered() > 0 || waitReadable(); }
  bool is_writable() const override {
    return wait(POLLOUT, std::min(Clock::now() + write_timeout_, connection_deadline_)) == Waited::Ready;
  }

  ssize_t read(char* ptr, size_t size) override {
    if (buffered() == 0) {
      if (!waitReadable()) return -1;
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
    if (!is_writable()) return -1;
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

 private:
  size_t buffered() const { return end_ - begin_; }

  ssize_t receive(char* into, size_t size) {
    while (true) {
      ssize_t n = ::recv(sock_, into, size, 0);
      if (n < 0 && errno == EINTR) continue;
      return n;
    }
  }

  // A read's wait: also notes a timeout for the server and the handler (requestTimedOut()).
  bool waitReadable() const {
    Waited waited = wait(POLLIN, std::min({Clock::now() + read_timeout_, read_deadline_, connection_deadline_}));
    if (waited == Waited::TimedOut) t_timed_out = true;
    return waited == Waited::Ready;
  }

  // Ready when the socket is ready for `events` before `until` and the server is not stopping.
  Waited wait(short events, Clock::time_point until) const {
    while (listening_.load() != INVALID_SOCKET) {
      auto left = std::chrono::duration_cast<milliseconds>(until - Clock::now());
      if (left.count() <= 0) return Waited::TimedOut;
      pollfd p{sock_, events, 0};
      int ready = ::poll(&p, 1, static_cast<int>(std::min(left, kStopCheck).count()));
      if (ready > 0) return Waited::Ready;  // also on POLLHUP/POLLERR: the read or write then tells what happened
      if (ready < 0 && errno != EINTR) return Waited::Stopped;
    }
    return Waited::Stopped;
  }

  socket_t sock_;
  Clock::time_point connection_deadline_;
  Clock::time_point read_deadline_;
  milliseconds read_timeout_;
  milliseconds write_timeout_;
  const std::atomic<socket_t>& listening_;
  char buffer_[kReadBuffer];
  size_t begin_ = 0;
  size_t end_ = 0;
};

}  // namespace

// httplib's accept loop hands each accepted socket to its task queue and, while no connection comes, calls
// on_idle() every idle interval. This queue runs the hand-over at once on the accept thread (see
// process_and_close_socket) and stops the lanes when the loop ends.
class DeadlineHttpServer::AdmissionQueue final : public httplib::TaskQueue {
 public:
  explicit AdmissionQueue(DeadlineHttpServer& server) : server_(server) {}
  void enqueue(std::function<void()> admit) override { admit(); }
  void shutdown() override { server_.lanes_->stop(); }
  void on_idle() override {
    if (server_.on_idle) server_.on_idle();
  }

 private:
  DeadlineHttpServer& server_;
};

DeadlineHttpServer::DeadlineHttpServer() {
  // Called once as the accept loop starts, on its thread.
  new_task_queue = [this]() -> httplib::TaskQueue* {
    ::listen(svr_sock_, kAcceptBacklog);  // on a listening socket, listen() again only changes the backlog
    lanes_ = std::make_unique<ConnectionLanes>(lane_limits,
                                               [this](int sock, const std::string& peer) { serve(sock, peer); });
    return new AdmissionQueue(*this);
  };
  set_idle_interval(1, 0);
}

DeadlineHttpServer::~DeadlineHttpServer() {
  if (lanes_) lanes_->stop();
}

void DeadlineHttpServer::closeConnectionAfterReply() { t_close_after_reply = true; }

bool DeadlineHttpServer::requestTimedOut() { return t_timed_out; }

void DeadlineHttpServer::refused(ConnectionRefusal why, const std::string& peer) const {
  if (on_refused) on_refused(why, peer);
}

bool DeadlineHttpServer::process_and_close_socket(socket_t sock) {
  sockaddr_storage address{};
  socklen_t length = sizeof address;
  std::optional<net::IpAddress> peer;
  if (::getpeername(sock, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
    peer = net::ipAddressOf(reinterpret_cast<const sockaddr*>(&address));
  }
  if (!peer || !lanes_) {  // the peer is gone already (or the task queue was replaced, which this class forbids)
    ::close(sock);
    return false;
  }
  const std::string peer_text = net::toString(*peer);
  const std::optional<Lane> lane = classify ? classify(*peer) : std::optional<Lane>(Lane::Others);
  if (!lane) {
    ::close(sock);
    refused(ConnectionRefusal::NotAllowed, peer_text);
    return false;
  }
  LaneRefusal why{};
  if (!lanes_->admit(sock, peer_text, *lane, why)) {
    refused(why == LaneRefusal::PeerLimit ? ConnectionRefusal::PeerLimit : ConnectionRefusal::Busy, peer_text);
    return false;
  }
  return true;
}

void DeadlineHttpServer::serve(socket_t sock, const std::string& peer) {
  int yes = 1;
  ::setsockopt(sock, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
  DeadlineStream stream(sock, Clock::now() + connection_deadline, toMs(read_timeout_sec_, read_timeout_usec_),
                        toMs(write_timeout_sec_, write_timeout_usec_), svr_sock_);
  const milliseconds idle_timeout(keep_alive_timeout_sec_ * 1000);
  // httplib's rules: at most keep_alive_max_count_ requests, the last one answered with "Connection: close".
  const size_t max_requests = std::max<size_t>(keep_alive_max_count_, 1);
  for (size_t served = 0; served < max_requests; ++served) {
    if (svr_sock_.load() == INVALID_SOCKET) return;
    // A new connection must bring its request within the head time; a kept-alive one may idle between requests.
    const bool first = served == 0;
    stream.setReadDeadline(Clock::now() + (first ? head_timeout : idle_timeout));
    const Waited waited = stream.waitForRequest();
    if (waited != Waited::Ready) {
      if (first && waited == Waited::TimedOut) refused(ConnectionRefusal::TooSlow, peer);
      return;
    }
    if (!first) stream.setReadDeadline(Clock::now() + head_timeout);
    t_close_after_reply = false;
    t_timed_out = false;
    bool connection_closed = false;
    // httplib calls setup_request once the head is read, before the body: the body's own time starts there.
    const bool ok = process_request(stream, served + 1 == max_requests, connection_closed,
                                    [&](httplib::Request&) { stream.setReadDeadline(Clock::now() + body_timeout); });
    if (t_timed_out) {
      refused(ConnectionRefusal::TooSlow, peer);
      return;
    }
    if (!ok || connection_closed || t_close_after_reply) return;
  }
}

}  // namespace kiosk::procart
