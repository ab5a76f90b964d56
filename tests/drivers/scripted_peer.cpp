#include "tests/drivers/scripted_peer.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace drivers_test {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

std::string fromHex(std::string_view hex) {
  std::string out;
  int high = -1;
  for (char c : hex) {
    int v = -1;
    if (c >= '0' && c <= '9') v = c - '0';
    else if (c >= 'A' && c <= 'F') v = c - 'A' + 10;
    else if (c >= 'a' && c <= 'f') v = c - 'a' + 10;
    if (v < 0) continue;
    if (high < 0) {
      high = v;
    } else {
      out.push_back(static_cast<char>(high * 16 + v));
      high = -1;
    }
  }
  return out;
}

std::string toHex(std::string_view bytes) {
  static const char* digits = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : bytes) {
    if (!out.empty()) out.push_back(' ');
    out.push_back(digits[c >> 4]);
    out.push_back(digits[c & 15]);
  }
  return out;
}

PeerStep expect(std::string_view hex, milliseconds within) {
  PeerStep s;
  s.kind = PeerStep::Kind::Expect;
  s.bytes = fromHex(hex);
  s.within = within;
  return s;
}

PeerStep expectMatching(std::string label, std::function<std::string(const std::string&)> check, milliseconds within) {
  PeerStep s;
  s.kind = PeerStep::Kind::ExpectMatching;
  s.check = std::move(check);
  s.label = std::move(label);
  s.within = within;
  return s;
}

PeerStep send(std::string_view hex) {
  PeerStep s;
  s.kind = PeerStep::Kind::Send;
  s.bytes = fromHex(hex);
  return s;
}

PeerStep pause(milliseconds duration) {
  PeerStep s;
  s.kind = PeerStep::Kind::Pause;
  s.within = duration;
  return s;
}

PeerStep expectSilence(milliseconds duration) {
  PeerStep s;
  s.kind = PeerStep::Kind::ExpectSilence;
  s.within = duration;
  return s;
}

PeerStep expectClose(milliseconds within) {
  PeerStep s;
  s.kind = PeerStep::Kind::ExpectClose;
  s.within = within;
  return s;
}

ScriptedPeer::ScriptedPeer(std::vector<PeerStep> steps) : steps_(std::move(steps)) {
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  int one = 1;
  ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  ::listen(listen_fd_, 1);
  socklen_t len = sizeof addr;
  ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
  port_ = ntohs(addr.sin_port);
  thread_ = std::thread([this] { run(); });
}

ScriptedPeer::~ScriptedPeer() {
  finish(milliseconds(0));
  if (listen_fd_ >= 0) ::shutdown(listen_fd_, SHUT_RDWR);
  if (thread_.joinable()) thread_.join();
  if (client_ >= 0) ::close(client_);
  if (listen_fd_ >= 0) ::close(listen_fd_);
}

std::string ScriptedPeer::finish(milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  while (true) {
    {
      std::lock_guard lock(mutex_);
      if (done_) return failure_;
    }
    if (Clock::now() >= deadline) return "the script did not finish in time";
    std::this_thread::sleep_for(milliseconds(10));
  }
}

std::vector<std::string> ScriptedPeer::received() const {
  std::lock_guard lock(mutex_);
  return received_;
}

bool ScriptedPeer::readFrame(std::string& frame, milliseconds within, bool& closed) {
  closed = false;
  const auto deadline = Clock::now() + within;
  while (true) {
    if (buffer_.size() >= 2) {
      const size_t length = (static_cast<uint8_t>(buffer_[0]) << 8) | static_cast<uint8_t>(buffer_[1]);
      if (buffer_.size() >= 2 + length) {
        frame = buffer_.substr(0, 2 + length);
        buffer_.erase(0, 2 + length);
        std::lock_guard lock(mutex_);
        received_.push_back(toHex(frame));
        return true;
      }
    }
    const auto left = std::chrono::duration_cast<milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) return false;
    pollfd pfd{client_, POLLIN, 0};
    if (::poll(&pfd, 1, static_cast<int>(left)) <= 0) continue;
    char chunk[4096];
    const ssize_t n = ::recv(client_, chunk, sizeof chunk, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      closed = true;
      return false;
    }
    buffer_.append(chunk, static_cast<size_t>(n));
  }
}

void ScriptedPeer::run() {
  std::string failure;
  pollfd accept_poll{listen_fd_, POLLIN, 0};
  if (::poll(&accept_poll, 1, 10000) == 1) client_ = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
  if (client_ < 0) failure = "the kiosk did not connect within 10 s";
  for (size_t i = 0; failure.empty() && i < steps_.size(); ++i) {
    const PeerStep& step = steps_[i];
    const std::string where = "step " + std::to_string(i + 1) + ": ";
    std::string frame;
    bool closed = false;
    switch (step.kind) {
      case PeerStep::Kind::Expect:
      case PeerStep::Kind::ExpectMatching:
        if (!readFrame(frame, step.within, closed)) {
          failure = where + (closed ? "the kiosk closed the connection" : "no frame from the kiosk in time") +
                    (step.kind == PeerStep::Kind::Expect ? ", expected " + toHex(step.bytes) : ", expected " + step.label);
        } else if (step.kind == PeerStep::Kind::Expect && frame != step.bytes) {
          failure = where + "expected " + toHex(step.bytes) + ", the kiosk sent " + toHex(frame);
        } else if (step.kind == PeerStep::Kind::ExpectMatching) {
          if (std::string wrong = step.check(frame); !wrong.empty())
            failure = where + step.label + ": " + wrong + " (frame " + toHex(frame) + ")";
        }
        break;
      case PeerStep::Kind::Send: {
        size_t sent = 0;
        while (sent < step.bytes.size()) {
          const ssize_t n = ::send(client_, step.bytes.data() + sent, step.bytes.size() - sent, MSG_NOSIGNAL);
          if (n <= 0) {
            failure = where + "send failed: " + std::strerror(errno);
            break;
          }
          sent += static_cast<size_t>(n);
        }
        break;
      }
      case PeerStep::Kind::Pause:
        std::this_thread::sleep_for(step.within);
        break;
      case PeerStep::Kind::ExpectSilence:
        if (readFrame(frame, step.within, closed)) failure = where + "expected silence, the kiosk sent " + toHex(frame);
        else if (closed) failure = where + "expected silence, the kiosk closed the connection";
        break;
      case PeerStep::Kind::ExpectClose:
        if (readFrame(frame, step.within, closed)) failure = where + "expected a close, the kiosk sent " + toHex(frame);
        else if (!closed) failure = where + "the kiosk kept the connection open";
        break;
    }
  }
  std::lock_guard lock(mutex_);
  failure_ = failure;
  done_ = true;
}

}  // namespace drivers_test
