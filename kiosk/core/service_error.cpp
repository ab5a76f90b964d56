#include "kiosk/core/service_error.h"

namespace kiosk {

const char* errorKindName(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::Network: return "network";
    case ErrorKind::Timeout: return "timeout";
    case ErrorKind::Auth: return "auth";
    case ErrorKind::Validation: return "validation";
    case ErrorKind::Server: return "server";
    case ErrorKind::Malformed: return "malformed";
  }
  return "unknown";
}

}  // namespace kiosk
