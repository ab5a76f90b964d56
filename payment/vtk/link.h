#pragma once
// One TCP connection to a VTK terminal, with a reader thread.
//
// The reader turns incoming bytes into messages (a queue the driver takes from), notices a closed or garbled
// stream, and — while the driver is idle — keeps the link alive: it sends the driver's IDL every keep-alive period
// and declares the link dead when the terminal has said nothing for the configured time (3×keep-alive + 8 s).
// During an operation the keep-alive is off: the terminal may rightly stay silent while the guest finds a card.
// Every keep-alive IDL is made when it is sent (its local time, tag 0x11, must be the time of sending), and every
// message from the terminal is shown to an observer first (tags 0x05, 0x06 and 0x11 may change in any message, keep-
// alive answers included).
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "payment/vtk/message.h"

namespace payment::vtk {

class VtkLink {
 public:
  using Clock = std::chrono::steady_clock;

  VtkLink() = default;
  ~VtkLink();
  VtkLink(const VtkLink&) = delete;
  VtkLink& operator=(const VtkLink&) = delete;

  using MessageFactory = std::function<VtkMessage()>;
  using MessageObserver = std::function<void(const VtkMessage&)>;

  // Called on the reader thread for every message from the terminal, before it is queued. Set before open().
  void setObserver(MessageObserver observer) { observer_ = std::move(observer); }

  // Connects (closing any previous connection first). False with `error` on failure or timeout.
  bool open(const std::string& host, uint16_t port, int timeout_ms, std::string& error);
  // Stops the reader and closes the socket. Safe to call when closed.
  void close();
  // Connected and not declared dead.
  bool alive() const;

  bool send(const VtkMessage& message, std::string& error);

  enum class Wait { Message, Timeout, Closed, Interrupted };
  // The next message from the terminal. Closed: the link died (error says why: closed by the terminal,
  // truncated or malformed frame, keep-alive silence). Interrupted: `interrupted()` returned true
  // (polled every few tens of milliseconds).
  Wait receive(VtkMessage& out, Clock::time_point deadline, std::string& error,
               const std::function<bool()>& interrupted = {});
  // Drops messages that arrived while nobody was waiting (keep-alive answers).
  void discardQueued();

  // `make_ping` is called for each keep-alive, on the reader thread.
  void startKeepAlive(MessageFactory make_ping, std::chrono::milliseconds period, std::chrono::milliseconds dead_after);
  void stopKeepAlive();

 private:
  void readerLoop(int fd);
  void markDeadLocked(std::string reason);
  bool writeAll(int fd, const std::string& bytes, std::string& error);

  int fd_ = -1;
  std::thread reader_;
  mutable std::mutex mutex_;
  std::condition_variable arrived_;
  std::deque<VtkMessage> inbox_;
  bool dead_ = true;
  std::string dead_reason_ = "not connected";
  bool stopping_ = false;
  Clock::time_point last_word_{};

  MessageObserver observer_;
  bool keepalive_ = false;
  MessageFactory make_ping_;
  std::chrono::milliseconds ping_period_{0};
  std::chrono::milliseconds dead_after_{0};
  Clock::time_point last_ping_{};
  Clock::time_point silence_since_{};  // start of the window the liveness rule measures

  std::mutex write_mutex_;  // the driver thread and the reader (keep-alive) both write
};

}  // namespace payment::vtk
