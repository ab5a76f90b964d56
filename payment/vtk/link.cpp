#include "payment/vtk/link.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "kiosk/common/log.h"
#include "payment/vtk/frame.h"

namespace payment::vtk {

namespace {

constexpr size_t kInboxLimit = 256;
constexpr auto kPollStep = std::chrono::milliseconds(20);

std::string errnoText(const char* what) { return std::string(what) + ": " + std::strerror(errno); }

// Non-blocking connect bounded by timeout_ms; returns the socket (blocking again) or -1 with `error`.
int connectWithTimeout(const std::string& host, uint16_t port, int timeout_ms, std::string& error) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  const std::string service = std::to_string(port);
  if (int rc = getaddrinfo(host.c_str(), service.c_str(), &hints, &found); rc != 0) {
    error = "cannot resolve " + host + ": " + gai_strerror(rc);
    return -1;
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  int fd = -1;
  error = "no address for " + host;
  for (addrinfo* ai = found; ai; ai = ai->ai_next) {
    fd = ::socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK, ai->ai_protocol);
    if (fd < 0) {
      error = errnoText("socket");
      continue;
    }
    int rc = ::connect(fd, ai->ai_addr, ai->ai_addrlen);
    if (rc != 0 && errno == EINPROGRESS) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      pollfd pfd{fd, POLLOUT, 0};
      rc = ::poll(&pfd, 1, static_cast<int>(std::max<int64_t>(0, left.count())));
      if (rc == 0) {
        error = "connect to " + host + ":" + service + " timed out after " + std::to_string(timeout_ms) + " ms";
        ::close(fd);
        fd = -1;
        continue;
      }
      int so_error = 0;
      socklen_t len = sizeof so_error;
      ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &so_error, &len);
      rc = so_error == 0 ? 0 : -1;
      errno = so_error;
    }
    if (rc != 0) {
      error = "connect to " + host + ":" + service + ": " + std::strerror(errno);
      ::close(fd);
      fd = -1;
      continue;
    }
    break;
  }
  freeaddrinfo(found);
  if (fd < 0) return -1;
  const int flags = ::fcntl(fd, F_GETFL, 0);
  ::fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
  int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  timeval send_timeout{5, 0};  // a terminal that stops reading must not hang the kiosk
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &send_timeout, sizeof send_timeout);
  error.clear();
  return fd;
}

}  // namespace

VtkLink::~VtkLink() { close(); }

bool VtkLink::open(const std::string& host, uint16_t port, int timeout_ms, std::string& error) {
  close();
  const int fd = connectWithTimeout(host, port, timeout_ms, error);
  if (fd < 0) return false;
  {
    std::lock_guard lock(mutex_);
    fd_ = fd;
    dead_ = false;
    dead_reason_.clear();
    stopping_ = false;
    inbox_.clear();
    last_word_ = Clock::now();
    keepalive_ = false;
  }
  reader_ = std::thread([this, fd] { readerLoop(fd); });
  return true;
}

void VtkLink::close() {
  int fd;
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    fd = fd_;
    if (!dead_) markDeadLocked("closed by the kiosk");
  }
  if (fd >= 0) ::shutdown(fd, SHUT_RDWR);  // wakes the reader's poll at once
  if (reader_.joinable()) reader_.join();
  std::lock_guard lock(mutex_);
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  keepalive_ = false;
  inbox_.clear();
}

bool VtkLink::alive() const {
  std::lock_guard lock(mutex_);
  return fd_ >= 0 && !dead_;
}

void VtkLink::markDeadLocked(std::string reason) {
  if (dead_) return;
  dead_ = true;
  dead_reason_ = std::move(reason);
  arrived_.notify_all();
}

bool VtkLink::writeAll(int fd, const std::string& bytes, std::string& error) {
  std::lock_guard write_lock(write_mutex_);
  size_t sent = 0;
  while (sent < bytes.size()) {
    const ssize_t n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n < 0) {
      if (errno == EINTR) continue;
      error = errnoText("send to the terminal");
      return false;
    }
    sent += static_cast<size_t>(n);
  }
  return true;
}

bool VtkLink::send(const VtkMessage& message, std::string& error) {
  const std::string frame = encodeFrame(kVmcToPos, message);
  if (frame.empty()) {
    error = "message " + message.name + " does not fit in a VTK frame";
    return false;
  }
  int fd;
  {
    std::lock_guard lock(mutex_);
    if (fd_ < 0 || dead_) {
      error = "not connected: " + dead_reason_;
      return false;
    }
    fd = fd_;
  }
  if (!writeAll(fd, frame, error)) {
    std::lock_guard lock(mutex_);
    markDeadLocked(error);
    return false;
  }
  kiosk::log::debug("vtk", "→ ", message.summary());
  return true;
}

VtkLink::Wait VtkLink::receive(VtkMessage& out, Clock::time_point deadline, std::string& error,
                               const std::function<bool()>& interrupted) {
  std::unique_lock lock(mutex_);
  while (true) {
    if (!inbox_.empty()) {
      out = std::move(inbox_.front());
      inbox_.pop_front();
      return Wait::Message;
    }
    if (dead_) {
      error = dead_reason_;
      return Wait::Closed;
    }
    if (interrupted) {
      lock.unlock();
      const bool stop = interrupted();
      lock.lock();
      if (stop) return Wait::Interrupted;
      if (!inbox_.empty() || dead_) continue;
    }
    const auto now = Clock::now();
    if (now >= deadline) {
      error = "no answer from the terminal in time";
      return Wait::Timeout;
    }
    arrived_.wait_until(lock, std::min(deadline, now + std::chrono::milliseconds(50)));
  }
}

void VtkLink::discardQueued() {
  std::lock_guard lock(mutex_);
  inbox_.clear();
}

void VtkLink::startKeepAlive(MessageFactory make_ping, std::chrono::milliseconds period,
                             std::chrono::milliseconds dead_after) {
  std::lock_guard lock(mutex_);
  make_ping_ = std::move(make_ping);
  ping_period_ = period;
  dead_after_ = dead_after;
  const auto now = Clock::now();
  last_ping_ = now;
  silence_since_ = std::max(last_word_, now);
  keepalive_ = true;
}

void VtkLink::stopKeepAlive() {
  std::lock_guard lock(mutex_);
  keepalive_ = false;
}

void VtkLink::readerLoop(int fd) {
  FrameReader reader(kPosToVmc);
  char buffer[4096];
  while (true) {
    // Keep-alive duties between operations.
    MessageFactory make_ping;
    {
      std::lock_guard lock(mutex_);
      if (stopping_ || dead_) return;
      if (keepalive_) {
        const auto now = Clock::now();
        const auto silence_from = std::max(silence_since_, last_word_);
        if (now - silence_from > dead_after_) {
          const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now - silence_from).count();
          markDeadLocked("no word from the terminal for " + std::to_string(ms) + " ms (keep-alive)");
          ::shutdown(fd, SHUT_RDWR);
          return;
        }
        if (now - last_ping_ >= ping_period_) {
          last_ping_ = now;
          make_ping = make_ping_;
        }
      }
    }
    if (make_ping) {
      const VtkMessage ping = make_ping();
      std::string error;
      if (!writeAll(fd, encodeFrame(kVmcToPos, ping), error)) {
        std::lock_guard lock(mutex_);
        markDeadLocked(error);
        return;
      }
    }

    pollfd pfd{fd, POLLIN, 0};
    const int rc = ::poll(&pfd, 1, static_cast<int>(kPollStep.count()));
    if (rc < 0 && errno != EINTR) {
      std::lock_guard lock(mutex_);
      markDeadLocked(errnoText("poll"));
      return;
    }
    if (rc <= 0) continue;
    const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
    if (n <= 0) {
      std::lock_guard lock(mutex_);
      if (stopping_) return;
      if (reader.buffered() > 0) {
        const size_t expected = reader.expectedFrameSize();
        markDeadLocked("connection closed in the middle of a frame (truncated: " + std::to_string(reader.buffered()) +
                       " of " + (expected ? std::to_string(expected) : std::string("?")) + " bytes)");
      } else {
        markDeadLocked(n == 0 ? "connection closed by the terminal" : errnoText("receive from the terminal"));
      }
      return;
    }
    reader.feed(std::string_view(buffer, static_cast<size_t>(n)));
    while (true) {
      VtkMessage message;
      std::string error;
      const auto status = reader.next(message, error);
      if (status == FrameReader::Status::NeedMore) break;
      if (status == FrameReader::Status::Message && observer_) observer_(message);
      std::lock_guard lock(mutex_);
      if (status == FrameReader::Status::Error) {
        // A stream with a bad frame cannot be resynchronised: drop it.
        markDeadLocked(error);
        ::shutdown(fd, SHUT_RDWR);
        return;
      }
      kiosk::log::debug("vtk", "← ", message.summary());
      last_word_ = Clock::now();
      if (inbox_.size() >= kInboxLimit) inbox_.pop_front();
      inbox_.push_back(std::move(message));
      arrived_.notify_all();
    }
    // Any bytes count as a word from the terminal, even half a frame.
    std::lock_guard lock(mutex_);
    last_word_ = Clock::now();
  }
}

}  // namespace payment::vtk
