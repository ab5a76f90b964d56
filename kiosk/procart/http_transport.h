#pragma once
// One HTTP exchange over libcurl, with keep-alive, and the mapping of transport failures to ServiceError.
// Blocking; safe to call from several threads at once (each call borrows its own easy handle from a small pool,
// so connections are reused across calls without serialising them).
#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "kiosk/common/expected.h"
#include "kiosk/core/service_error.h"

namespace kiosk::procart {

struct HttpRequest {
  bool post = false;  // POST with `body` as JSON, or GET
  std::string url;
  std::string body;
  std::vector<std::string> headers;  // "Name: value"
  std::chrono::milliseconds connect_timeout{3000};
  std::chrono::milliseconds total_timeout{10000};
  size_t max_response_bytes = 32u << 20;
  // A fresh connection: libcurl silently re-sends a request whose reused connection died before any answer
  // byte arrived. For a request that must never be sent twice (/postorder) that retry is not acceptable.
  bool fresh_connection = false;
  std::string what;  // "postorder", for error details
};

struct HttpResponse {
  int status = 0;
  std::string body;
};

class HttpTransport {
 public:
  HttpTransport();
  ~HttpTransport();
  HttpTransport(const HttpTransport&) = delete;
  HttpTransport& operator=(const HttpTransport&) = delete;

  // Any HTTP status is a response; only transport failures (no complete answer) are errors. The error's
  // maybe_acted is true when the request may have reached the server (bytes were sent) and no answer came.
  Expected<HttpResponse, ServiceError> perform(const HttpRequest& request);

  // Percent-encodes a query value.
  static std::string escape(const std::string& value);

 private:
  struct Pool;
  std::unique_ptr<Pool> pool_;
};

}  // namespace kiosk::procart
