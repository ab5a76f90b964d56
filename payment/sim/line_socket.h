#pragma once
// Loopback TCP with newline-delimited messages: the transport of the simulated terminal's protocol.
#include <cstdint>
#include <string>
#include <string_view>

namespace payment::sim {

// Owns one socket file descriptor.
class Socket {
 public:
  Socket() = default;
  explicit Socket(int fd) : fd_(fd) {}
  ~Socket() { close(); }
  Socket(Socket&& other) noexcept : fd_(other.release()) {}
  Socket& operator=(Socket&& other) noexcept;
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;

  int fd() const { return fd_; }
  bool valid() const { return fd_ >= 0; }
  int release();
  void close();
  void shutdown();  // wakes a thread blocked on it; the fd stays owned

 private:
  int fd_ = -1;
};

// Connects with a timeout. Invalid socket and `error` set on failure.
Socket connectTcp(const std::string& host, int port, int timeout_ms, std::string& error);
// Binds and listens (port 0: any free port); `port` receives the bound port.
Socket listenTcp(const std::string& host, int& port, std::string& error);

// Writes `line` + "\n" completely (no SIGPIPE). False when the peer is gone.
bool writeLine(int fd, std::string_view line);

class LineReader {
 public:
  enum class Status { Line, Timeout, Closed };
  explicit LineReader(int fd, size_t max_line = 1 << 20) : fd_(fd), max_line_(max_line) {}
  // Waits up to timeout_ms for a complete line (without the "\n"). Closed also for an overlong line.
  Status readLine(std::string& line, int timeout_ms);

 private:
  int fd_;
  size_t max_line_;
  std::string buffer_;
};

}  // namespace payment::sim
