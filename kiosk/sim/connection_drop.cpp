#include "kiosk/sim/connection_drop.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cstdlib>
#include <string>

namespace procart_sim {
namespace {

struct Endpoint {
  std::string ip;
  int port = -1;
};

bool describe(const sockaddr_storage& addr, Endpoint& out) {
  char text[INET6_ADDRSTRLEN] = {};
  if (addr.ss_family == AF_INET) {
    const auto& in = reinterpret_cast<const sockaddr_in&>(addr);
    if (!inet_ntop(AF_INET, &in.sin_addr, text, sizeof text)) return false;
    out = {text, ntohs(in.sin_port)};
    return true;
  }
  if (addr.ss_family == AF_INET6) {
    const auto& in6 = reinterpret_cast<const sockaddr_in6&>(addr);
    if (!inet_ntop(AF_INET6, &in6.sin6_addr, text, sizeof text)) return false;
    out = {text, ntohs(in6.sin6_port)};
    return true;
  }
  return false;
}

bool endpointOf(int fd, bool peer, Endpoint& out) {
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  int rc = peer ? ::getpeername(fd, reinterpret_cast<sockaddr*>(&addr), &len)
                : ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  return rc == 0 && describe(addr, out);
}

}  // namespace

bool dropConnection(const httplib::Request& req) {
  DIR* dir = ::opendir("/proc/self/fd");
  if (!dir) return false;
  int own = ::dirfd(dir);
  bool dropped = false;
  while (dirent* entry = ::readdir(dir)) {
    char* end = nullptr;
    long fd = std::strtol(entry->d_name, &end, 10);
    if (end == entry->d_name || *end != '\0' || fd == own) continue;
    Endpoint local, peer;
    // The descriptor of this request cannot be closed under us: its owner is the thread running this handler.
    if (!endpointOf(static_cast<int>(fd), false, local) || local.port != req.local_port) continue;
    if (!endpointOf(static_cast<int>(fd), true, peer) || peer.port != req.remote_port) continue;
    if (local.ip != req.local_addr || peer.ip != req.remote_addr) continue;
    ::shutdown(static_cast<int>(fd), SHUT_RDWR);
    dropped = true;
    break;
  }
  ::closedir(dir);
  return dropped;
}

}  // namespace procart_sim
