#include "kiosk/sim/fault_responses.h"

#include "kiosk/common/log.h"
#include "kiosk/sim/connection_drop.h"
#include "kiosk/sim/wire.h"

namespace procart_sim {
namespace {

void drop(const httplib::Request& req, httplib::Response& res, const char* method) {
  if (!dropConnection(req)) {
    // Should not happen; answer something recognisably broken rather than pretend all is well.
    kiosk::log::error("procart-sim", method, ": could not find the connection to drop");
    replyError(res, 500, "internal", "simulated drop failed");
    return;
  }
  res.status = 500;  // never reaches the client: its socket is shut
}

// Half of the real answer under a Content-Length that promises all of it; then the connection is closed.
void truncate(httplib::Response& res) {
  std::string full = res.body;
  std::string content_type = res.get_header_value("Content-Type");
  if (content_type.empty()) content_type = "application/json";
  res.body.clear();
  res.headers.erase("Content-Type");  // set_content_provider adds its own
  res.set_content_provider(full.size(), content_type, [full](size_t offset, size_t, httplib::DataSink& sink) {
    if (offset == 0) sink.write(full.data(), full.size() / 2);
    return false;  // httplib closes the connection when a provider gives up
  });
}

}  // namespace

void serveWithFaults(const FaultDecision& fault, const char* method, const httplib::Request& req,
                     httplib::Response& res, const Pause& pause, const Act& act) {
  pause(fault.latency_ms);
  switch (fault.kind) {
    case FaultKind::DropBefore:
      drop(req, res, method);
      return;
    case FaultKind::Http500:
      replyError(res, 500, "internal", "simulated server error");
      return;
    case FaultKind::Http422:
      reply(
          res, 422,
          {{"detail",
            json::array(
                {{{"loc", json::array({"body"})}, {"msg", "simulated validation error"}, {"type", "value_error"}}})}});
      return;
    default:
      break;
  }
  act(req, res);
  switch (fault.kind) {
    case FaultKind::DropAfter:
      drop(req, res, method);
      break;
    case FaultKind::Malformed:
      res.status = 200;
      res.set_content("{\"ok\": true, \"guid\": <!-- 502 Bad Gateway -->", "application/json; charset=utf-8");
      break;
    case FaultKind::Truncated:
      truncate(res);
      break;
    default:
      break;
  }
}

}  // namespace procart_sim
