#pragma once
// Admission of accepted connections, decided on the accept thread before a byte is read: each one is queued to a
// lane of worker threads, or closed at once.
// - ProCart's lane has workers of its own, so connections from anyone else, slow ones included, cannot keep its
//   callbacks waiting (a single shared pool could be exhausted by a few hundred trickling connections).
// - In the lane for everyone else, one address may hold only a few connections at a time, waiting or served.
// - Each lane keeps a bounded number of connections waiting for a worker; past it, new ones are closed.
// The lanes own every socket they admit and close it once it has been served (or, still waiting, at stop()).
#include <array>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace kiosk::procart {

enum class Lane { Procart, Others };
enum class LaneRefusal { PeerLimit, Busy };

struct LaneLimits {
  int procart_workers = 2;
  int other_workers = 4;
  int per_peer = 3;      // connections one address may hold in the lane for others; ProCart's lane has no such limit
  int max_waiting = 16;  // connections queued for a worker, per lane
};

class ConnectionLanes {
 public:
  // Runs on a lane's worker for each admitted connection and returns when the connection is done; the lane then
  // closes the socket. `peer` is the address as text.
  using Serve = std::function<void(int sock, const std::string& peer)>;

  ConnectionLanes(LaneLimits limits, Serve serve);  // starts the workers
  ~ConnectionLanes();                               // stop()
  ConnectionLanes(const ConnectionLanes&) = delete;
  ConnectionLanes& operator=(const ConnectionLanes&) = delete;

  // Takes the socket either way: true = queued for `lane`; false = closed at once, and `refusal` says why.
  bool admit(int sock, const std::string& peer, Lane lane, LaneRefusal& refusal);
  // Closes the waiting sockets and joins the workers. A serve() that is running must end by itself (the server's
  // stop makes it return).
  void stop();

 private:
  struct Pending {
    int sock;
    std::string peer;
  };
  struct Queue {
    std::deque<Pending> waiting;
    std::condition_variable wake;
    std::vector<std::thread> workers;
  };

  void work(Lane lane);
  Queue& queueOf(Lane lane) { return lane == Lane::Procart ? procart_ : others_; }

  const LaneLimits limits_;
  const Serve serve_;
  std::mutex mutex_;
  Queue procart_;
  Queue others_;
  std::map<std::string, int> held_by_peer_;  // lane Others: connections waiting or served, per address
  bool stopping_ = false;
};

}  // namespace kiosk::procart
