#include "kiosk/procart/connection_lanes.h"

#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>

namespace kiosk::procart {
namespace {

void closeSocket(int sock) {
  ::shutdown(sock, SHUT_RDWR);
  ::close(sock);
}

}  // namespace

ConnectionLanes::ConnectionLanes(LaneLimits limits, Serve serve) : limits_(limits), serve_(std::move(serve)) {
  for (int i = 0; i < std::max(1, limits_.procart_workers); ++i) {
    procart_.workers.emplace_back([this] { work(Lane::Procart); });
  }
  for (int i = 0; i < std::max(1, limits_.other_workers); ++i) {
    others_.workers.emplace_back([this] { work(Lane::Others); });
  }
}

ConnectionLanes::~ConnectionLanes() { stop(); }

bool ConnectionLanes::admit(int sock, const std::string& peer, Lane lane, LaneRefusal& refusal) {
  {
    std::lock_guard lock(mutex_);
    Queue& queue = queueOf(lane);
    if (lane == Lane::Others) {
      auto held = held_by_peer_.find(peer);
      if (held != held_by_peer_.end() && held->second >= std::max(1, limits_.per_peer)) {
        refusal = LaneRefusal::PeerLimit;
        closeSocket(sock);
        return false;
      }
    }
    if (stopping_ || queue.waiting.size() >= static_cast<size_t>(std::max(1, limits_.max_waiting))) {
      refusal = LaneRefusal::Busy;
      closeSocket(sock);
      return false;
    }
    if (lane == Lane::Others) ++held_by_peer_[peer];
    queue.waiting.push_back({sock, peer});
  }
  queueOf(lane).wake.notify_one();
  return true;
}

void ConnectionLanes::work(Lane lane) {
  Queue& queue = queueOf(lane);
  for (;;) {
    Pending next;
    {
      std::unique_lock lock(mutex_);
      queue.wake.wait(lock, [&] { return stopping_ || !queue.waiting.empty(); });
      if (stopping_) return;
      next = std::move(queue.waiting.front());
      queue.waiting.pop_front();
    }
    serve_(next.sock, next.peer);
    closeSocket(next.sock);
    if (lane == Lane::Others) {
      std::lock_guard lock(mutex_);
      auto held = held_by_peer_.find(next.peer);
      if (held != held_by_peer_.end() && --held->second <= 0) held_by_peer_.erase(held);
    }
  }
}

void ConnectionLanes::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    for (Queue* queue : {&procart_, &others_}) {
      for (const Pending& pending : queue->waiting) closeSocket(pending.sock);
      queue->waiting.clear();
    }
    held_by_peer_.clear();
  }
  for (Queue* queue : {&procart_, &others_}) {
    queue->wake.notify_all();
    for (auto& worker : queue->workers) {
      if (worker.joinable()) worker.join();
    }
  }
}

}  // namespace kiosk::procart
