#include "kiosk/procart/http_transport.h"

#include <curl/curl.h>

#include <mutex>

#include "kiosk/procart/codec.h"

namespace kiosk::procart {
namespace {

constexpr size_t kMaxIdleHandles = 4;

void initCurlOnce() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Exchange {
  std::string body;
  size_t limit = 0;
  bool too_large = false;
  bool sent = false;  // some request bytes went out on the wire
};

size_t onBody(char* data, size_t size, size_t count, void* user) {
  auto* x = static_cast<Exchange*>(user);
  size_t n = size * count;
  if (x->body.size() + n > x->limit) {
    x->too_large = true;
    return 0;  // makes curl fail with CURLE_WRITE_ERROR
  }
  x->body.append(data, n);
  return n;
}

// libcurl reports each chunk it writes to the socket here; that is how we know whether the request left.
int onDebug(CURL*, curl_infotype type, char*, size_t, void* user) {
  if (type == CURLINFO_HEADER_OUT || type == CURLINFO_DATA_OUT) static_cast<Exchange*>(user)->sent = true;
  return 0;
}

ServiceError transportError(CURLcode code, const Exchange& x, long status, const HttpRequest& request,
                            const char* curl_message) {
  ServiceError e;
  e.http_status = static_cast<int>(status);
  std::string what = request.what.empty() ? std::string("request") : request.what;
  e.detail = what + ": " + curl_message + " (curl " + std::to_string(static_cast<int>(code)) + ")";
  if (x.too_large) {
    e.kind = ErrorKind::Malformed;
    e.message_key = codec::keys::kMalformed;
    e.detail = what + ": answer larger than " + std::to_string(x.limit) + " bytes";
    e.maybe_acted = true;
    return e;
  }
  switch (code) {
    case CURLE_OPERATION_TIMEDOUT:
      e.kind = ErrorKind::Timeout;
      e.message_key = codec::keys::kTimeout;
      e.maybe_acted = x.sent;
      break;
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_CONNECT:
    case CURLE_URL_MALFORMAT:
    case CURLE_UNSUPPORTED_PROTOCOL:
      e.kind = ErrorKind::Network;
      e.message_key = codec::keys::kUnreachable;
      e.maybe_acted = false;
      break;
    default:
      // Dropped connection, reset, partial answer, TLS failure: whether the server acted depends on
      // whether the request left, and, when a status line arrived, on what it said.
      e.kind = ErrorKind::Network;
      e.message_key = codec::keys::kUnreachable;
      e.maybe_acted = x.sent && !(status >= 400 && status < 500);
      if (status >= 200 && status < 300) {
        e.kind = ErrorKind::Malformed;  // "done" announced, the rest of the answer lost
        e.message_key = codec::keys::kMalformed;
      }
      break;
  }
  return e;
}

}  // namespace

struct HttpTransport::Pool {
  std::mutex mutex;
  std::vector<CURL*> idle;

  CURL* acquire() {
    {
      std::lock_guard lock(mutex);
      if (!idle.empty()) {
        CURL* h = idle.back();
        idle.pop_back();
        curl_easy_reset(h);  // options cleared; the connection cache stays, which is the point
        return h;
      }
    }
    return curl_easy_init();
  }
  void release(CURL* h) {
    {
      std::lock_guard lock(mutex);
      if (idle.size() < kMaxIdleHandles) {
        idle.push_back(h);
        return;
      }
    }
    curl_easy_cleanup(h);
  }
  ~Pool() {
    for (CURL* h : idle) curl_easy_cleanup(h);
  }
};

HttpTransport::HttpTransport() : pool_(std::make_unique<Pool>()) { initCurlOnce(); }
HttpTransport::~HttpTransport() = default;

std::string HttpTransport::escape(const std::string& value) {
  initCurlOnce();
  char* out = curl_easy_escape(nullptr, value.c_str(), static_cast<int>(value.size()));
  if (!out) return {};
  std::string s(out);
  curl_free(out);
  return s;
}

Expected<HttpResponse, ServiceError> HttpTransport::perform(const HttpRequest& request) {
  CURL* h = pool_->acquire();
  if (!h) {
    ServiceError e;
    e.kind = ErrorKind::Network;
    e.message_key = codec::keys::kUnreachable;
    e.detail = "curl_easy_init failed";
    return Unexpected{e};
  }
  Exchange x;
  x.limit = request.max_response_bytes;
  curl_slist* headers = nullptr;
  for (const auto& header : request.headers) headers = curl_slist_append(headers, header.c_str());
  headers = curl_slist_append(headers, "Accept: application/json");
  if (request.post) {
    headers = curl_slist_append(headers, "Content-Type: application/json; charset=utf-8");
    headers = curl_slist_append(headers, "Expect:");  // no 100-continue round trip on larger bodies
  }
  char error_buffer[CURL_ERROR_SIZE] = {0};

  curl_easy_setopt(h, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);  // timeouts without SIGALRM: we run on worker threads
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(request.connect_timeout.count()));
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(request.total_timeout.count()));
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, onBody);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &x);
  curl_easy_setopt(h, CURLOPT_DEBUGFUNCTION, onDebug);
  curl_easy_setopt(h, CURLOPT_DEBUGDATA, &x);
  curl_easy_setopt(h, CURLOPT_VERBOSE, 1L);  // needed for the debug callback; output goes to it, not stderr
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error_buffer);
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(h, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
  if (request.fresh_connection) {
    curl_easy_setopt(h, CURLOPT_FRESH_CONNECT, 1L);
    curl_easy_setopt(h, CURLOPT_FORBID_REUSE, 1L);
  }
  if (request.post) {
    curl_easy_setopt(h, CURLOPT_POST, 1L);
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, request.body.data());
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  } else {
    curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
  }

  CURLcode code = curl_easy_perform(h);
  long status = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
  curl_slist_free_all(headers);
  // The handle keeps a pointer to our error buffer and exchange: clear them before it goes back to the pool.
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, nullptr);
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, nullptr);
  pool_->release(h);

  if (code != CURLE_OK) {
    const char* message = error_buffer[0] ? error_buffer : curl_easy_strerror(code);
    return Unexpected{transportError(code, x, status, request, message)};
  }
  return HttpResponse{static_cast<int>(status), std::move(x.body)};
}

}  // namespace kiosk::procart
