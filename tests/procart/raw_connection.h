#pragma once
// A plain TCP connection to a server on 127.0.0.1, from a chosen source address: Linux routes all of 127/8 to the
// loopback interface, so 127.0.0.2 can stand for ProCart's host and 127.0.1.x for other hosts on the LAN.
// For what an HTTP client library would not do: trickle bytes, hold a connection, send from another address.
#include <chrono>
#include <string>
#include <string_view>

namespace procart_test {

class RawConnection {
 public:
  explicit RawConnection(int port, const std::string& from = "127.0.0.1");  // REQUIREs the connect
  ~RawConnection();  // closes with a reset: no TIME_WAIT left behind
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  // False once the server has closed the connection (or reset it).
  bool send(std::string_view bytes);
  // Reads until the server closes, `timeout` passes, or (with `head_only`) an answer's head is in.
  std::string receive(std::chrono::milliseconds timeout, bool& closed, bool head_only = false);
  // True when the server closed its side (EOF or reset) within `timeout`.
  bool closedByServer(std::chrono::milliseconds timeout);

 private:
  int fd_ = -1;
};

// "POST <path> HTTP/1.1" with a JSON content type and the given length, up to the blank line.
std::string postHead(const std::string& path, size_t content_length, bool close = false);
// One request from `from` on a fresh connection ("Connection: close"): the answer's status code, or -1 when the
// connection was closed without an answer (or none came within `timeout`).
int postFrom(int port, const std::string& from, const std::string& path, const std::string& body,
             std::chrono::milliseconds timeout = std::chrono::seconds(20));

}  // namespace procart_test
