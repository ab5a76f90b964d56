// Fuzz target: raw bytes on a TCP connection to a real CallbackServer on loopback — the whole request handling
// (cpp-httplib's request parsing, the route, the secret check, the body limit, the notice parser, the handler).
// The handler is a lambda inside CallbackServer::start(), so it cannot be called directly; docs/FUZZING.md says
// what a split would look like. Seeds are whole HTTP requests; "@SECRET@" in an input is replaced by the secret
// (so the fuzzer can keep reaching the handler without having to guess it). Each input goes on its own connection,
// which is then closed.
// Properties: nothing crashes; the handler only ever sees a notice with a guid, and only for a request whose
// path carried the right secret; the server answers a valid callback after every input.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

#include "kiosk/procart/callback_server.h"
#include "tests/fuzz/fuzz_support.h"

namespace {

constexpr const char* kSecret = "fuzz-Secret_42";
constexpr const char* kTrackedGuid = "{TRACKED}";

std::atomic<int> g_handler_calls{0};
std::atomic<int> g_bad_notices{0};
std::unique_ptr<kiosk::procart::CallbackServer> g_server;
std::string g_last_error;  // how the last answer ended, for the failure message

int connectTo(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  FUZZ_CHECK(fd >= 0, std::string("socket: ") + std::strerror(errno));
  timeval tv{3, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  // Each connection from its own loopback address (127.1.x.y): two connections per input soon use up one
  // address's ephemeral ports, and a port reused while the server still holds it in TIME_WAIT can be reset.
  static uint32_t next = 0;
  const uint32_t n = next++ % (250 * 250);
  sockaddr_in local{};
  local.sin_family = AF_INET;
  local.sin_addr.s_addr = htonl((127u << 24) | (1u << 16) | ((1 + n / 250) << 8) | (1 + n % 250));
  FUZZ_CHECK(::bind(fd, reinterpret_cast<sockaddr*>(&local), sizeof local) == 0,
             std::string("bind to a loopback address: ") + std::strerror(errno));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  int connected = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  if (connected != 0 && errno == EINTR) {  // interrupted by libFuzzer's timer: the connection goes on; wait for it
    pollfd p{fd, POLLOUT, 0};
    while (::poll(&p, 1, 3000) < 0 && errno == EINTR) {
    }
    int error = 0;
    socklen_t length = sizeof error;
    ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length);
    connected = error == 0 ? 0 : -1;
    errno = error;
  }
  FUZZ_CHECK(connected == 0,
             std::string("the callback server stopped accepting connections: ") + std::strerror(errno));
  return fd;
}

// Sends `request` and closes the connection: the server reads it up to the end (and runs the handler for every
// complete request in it). The write side is not half-closed: cpp-httplib drops its answer on a half-closed
// connection, and a real ProCart does not half-close either.
void sendAndClose(std::string_view request) {
  int fd = connectTo(g_server->port());
  size_t sent = 0;
  while (sent < request.size()) {
    ssize_t n = ::send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;  // the server may close early (413, a malformed request line): that is its right
    sent += static_cast<size_t>(n);
  }
  ::close(fd);
}

// Sends a whole request with "Connection: close" and reads the answer until the server closes.
std::string askAndRead(std::string_view request, bool& timed_out) {
  int fd = connectTo(g_server->port());
  for (size_t sent = 0; sent < request.size();) {
    ssize_t n = ::send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    sent += static_cast<size_t>(n);
  }
  std::string answer;
  char buffer[4096];
  timed_out = false;
  while (true) {
    ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
    if (n > 0) {
      answer.append(buffer, static_cast<size_t>(n));
      continue;
    }
    if (n < 0 && errno == EINTR) continue;  // libFuzzer's timeout timer (SIGALRM, once a second)
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) timed_out = true;
    g_last_error = n < 0 ? std::string("recv: ") + std::strerror(errno) : "closed by the server";
    break;
  }
  ::close(fd);
  return answer;
}

std::string replaceAll(std::string_view text, std::string_view from, std::string_view to) {
  std::string out;
  size_t at = 0;
  while (true) {
    size_t hit = text.find(from, at);
    if (hit == std::string_view::npos) break;
    out.append(text.substr(at, hit - at));
    out.append(to);
    at = hit + from.size();
  }
  out.append(text.substr(at));
  return out;
}

// "%2D" → "-": cpp-httplib decodes the path before matching routes, so an encoded secret is still the secret.
std::string percentDecoded(std::string_view text) {
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && hex(text[i + 1]) >= 0 && hex(text[i + 2]) >= 0) {
      out += static_cast<char>(hex(text[i + 1]) * 16 + hex(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  kiosk_fuzz::quietLog();
  kiosk::procart::CallbackServerOptions options;
  options.listen_address = "127.0.0.1";
  options.port = 0;
  options.secret = kSecret;
  options.allow_from = {"any"};           // loopback is not ProCart's host here: all in the one lane of `threads`
  options.threads = 1;                    // one worker: connections are handled one after the other (see below)
  options.max_connections_per_peer = 64;  // every connection comes from 127.0.0.1
  g_server = std::make_unique<kiosk::procart::CallbackServer>(
      options, [](const kiosk::procart::codec::CallbackNotice& notice) {
        g_handler_calls.fetch_add(1);
        if (notice.guid.empty()) g_bad_notices.fetch_add(1);
        return notice.guid == kTrackedGuid;
      });
  std::string error;
  if (g_server->start(error) <= 0) kiosk_fuzz::fail(__FILE__, __LINE__, "callback server did not start: " + error);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string request = replaceAll(std::string_view(reinterpret_cast<const char*>(data), size), "@SECRET@", kSecret);
  const bool carries_secret =
      percentDecoded(request).find(std::string("/procart/callback/") + kSecret) != std::string::npos;
  const int calls_before = g_handler_calls.load();
  sendAndClose(request);

  // Then a valid callback. The server has one worker thread, so when this one is answered the input's
  // connection has been handled to its end.
  static const std::string valid = std::string("POST /procart/callback/") + kSecret +
                                   " HTTP/1.1\r\nHost: k\r\nContent-Type: application/json\r\nConnection: close\r\n"
                                   "Content-Length: 31\r\n\r\n{\"guid\":\"{TRACKED}\",\"status\":1}";
  static_assert(sizeof("{\"guid\":\"{TRACKED}\",\"status\":1}") - 1 == 31);
  bool timed_out = false;
  std::string answer = askAndRead(valid, timed_out);
  FUZZ_CHECK(!timed_out, "no answer to a valid callback within 3 s after this input");
  FUZZ_CHECK(answer.rfind("HTTP/1.1 200", 0) == 0, "a valid callback after this input was not answered 200: '" +
                                                       answer.substr(0, 80) + "' (" + g_last_error + ")");

  const int input_calls = g_handler_calls.load() - calls_before - 1;  // minus the valid callback's own call
  FUZZ_CHECK(g_bad_notices.load() == 0, "the handler was given a notice without a guid");
  FUZZ_CHECK(input_calls == 0 || carries_secret, "the handler ran for a request without the secret in its path");
  return 0;
}
