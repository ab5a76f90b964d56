#pragma once
// A cpp-httplib server whose connections have a deadline for everything they send and receive.
// cpp-httplib 0.11 only times out single reads and writes: a client that sends one byte every few seconds (a
// "slowloris") keeps a worker thread for as long as it likes, and as many such clients as there are workers stop
// the server. Here, once a connection's deadline has passed, its reads and writes fail and it is closed; a stop()
// also ends connections that are waiting, instead of waiting out their timeouts.
// Accepted connections also get TCP_NODELAY: httplib writes an answer's head and body separately, and with Nagle's
// algorithm the body would wait for the client's delayed ACK (40 ms an answer).
// Use it wherever an httplib::Server would be used; set the deadline before listening.
#include <chrono>

#include <httplib.h>

namespace kiosk::procart {

class DeadlineHttpServer : public httplib::Server {
 public:
  // How long one connection may last, all its keep-alive requests together. Every request the kiosk serves is a
  // small JSON body: a healthy client needs milliseconds.
  std::chrono::milliseconds connection_deadline{10000};

  // For a handler that left part of the request unread (a body over its limit): the connection is closed once the
  // answer is written, so that the rest is never read as the next request. Affects the calling worker's current
  // request only.
  static void closeConnectionAfterReply();

 private:
  // Replaces httplib's own connection loop (same keep-alive rules) with one that reads through a deadline stream.
  bool process_and_close_socket(socket_t sock) override;
};

}  // namespace kiosk::procart
