#pragma once
// A cpp-httplib server that a slow or crowding client cannot stall.
// cpp-httplib 0.11 only times out single reads and writes, and queues every accepted connection for one pool of
// workers: a client that sends one byte every few seconds (a "slowloris") keeps a worker for as long as it likes,
// and a few hundred such connections keep everyone else waiting. Here:
// - Each accepted connection is admitted or refused on the accept thread before a byte is read (`classify`: who may
//   connect and in which lane; ConnectionLanes: workers of ProCart's own, a limit per address, bounded queues).
// - Each request has a time for its request line and headers (`head_timeout`, from its first byte; for a new
//   connection, from when a worker takes it) and one for its body (`body_timeout`, from the end of the headers);
//   the connection as a whole has `connection_deadline`. Past any of them, reads fail and the connection is closed.
// - A stop() also ends connections that are waiting, instead of waiting out their timeouts.
// Accepted connections also get TCP_NODELAY: httplib writes an answer's head and body separately, and with Nagle's
// algorithm the body would wait for the client's delayed ACK (40 ms an answer).
// Use it wherever an httplib::Server would be used; set the public fields before listening, and leave
// `new_task_queue` alone (this class uses it to take the accepted sockets).
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include <httplib.h>

#include "kiosk/common/ip_allow_list.h"
#include "kiosk/procart/connection_lanes.h"

namespace kiosk::procart {

// Why a connection was closed without an answer.
enum class ConnectionRefusal {
  NotAllowed,  // `classify` refused the address
  PeerLimit,   // the address already holds LaneLimits::per_peer connections
  Busy,        // its lane's queue is full
  TooSlow,     // a request's head or body did not arrive in time, or nothing came at all
};

class DeadlineHttpServer : public httplib::Server {
 public:
  DeadlineHttpServer();
  ~DeadlineHttpServer() override;

  // How long one connection may last, all its keep-alive requests together. Every request the kiosk serves is a
  // small JSON body: a healthy client needs milliseconds.
  std::chrono::milliseconds connection_deadline{10000};
  std::chrono::milliseconds head_timeout{3000};  // request line and headers of one request
  std::chrono::milliseconds body_timeout{3000};  // body of one request
  LaneLimits lane_limits;  // workers, per-address limit and queue length of the two lanes
  // Called on the accept thread for every new connection: the lane it is served in, or nullopt to close it unread.
  // Unset: every connection goes to Lane::Others.
  std::function<std::optional<Lane>(const net::IpAddress& peer)> classify;
  // A connection closed without an answer (`peer` as text). Called from the accept thread or a worker.
  std::function<void(ConnectionRefusal why, const std::string& peer)> on_refused;
  // Called about once a second from the accept thread while no connection arrives.
  std::function<void()> on_idle;

  // For a handler that left part of the request unread (a body over its limit): the connection is closed once the
  // answer is written, so that the rest is never read as the next request. Affects the calling worker's current
  // request only.
  static void closeConnectionAfterReply();
  // For a handler whose body read failed: true when it failed because the body did not arrive in time (the
  // connection is then closed after the answer and reported as TooSlow).
  static bool requestTimedOut();

 private:
  class AdmissionQueue;

  // httplib calls this for each accepted socket through its task queue, which here runs it at once on the accept
  // thread: it only admits the connection to a lane (or refuses it), which takes no time.
  bool process_and_close_socket(socket_t sock) override;
  // Serves one admitted connection on a lane's worker: httplib's keep-alive rules, reads through a deadline stream.
  void serve(socket_t sock, const std::string& peer);
  void refused(ConnectionRefusal why, const std::string& peer) const;

  std::unique_ptr<ConnectionLanes> lanes_;  // exist while listening; created and stopped by the task queue
};

}  // namespace kiosk::procart
