#pragma once
// A failure reported by a service (ProCart, the terminal, the disk), as the domain sees it.
#include <string>

namespace kiosk {

enum class ErrorKind {
  Network,     // could not connect, connection dropped
  Timeout,     // no answer in time
  Auth,        // token refused
  Validation,  // the POS refused the order's content (see line_index / rule)
  Server,      // 5xx, POS offline, ProCart's own failure
  Malformed,   // the answer could not be understood
};

const char* errorKindName(ErrorKind kind);  // "network", "timeout", …

struct ServiceError {
  ErrorKind kind = ErrorKind::Network;
  std::string message_key;  // i18n key the guest sees, e.g. "error.procart_unreachable"
  std::string detail;       // for the log and staff; never shown to guests
  int http_status = 0;
  std::string code;  // the server's error code, if any ("stop_list", "below_min", …)
  int line_index = -1;  // for Validation: which OrderDraft line (−1: the order as a whole)
  std::string rule;     // for Validation: which r_keeper rule, e.g. "prohibited", "limited", "below_min"
  // True when the server may have acted although we got no clear answer (timeout or drop after sending).
  // Money rules depend on it: /postorder with maybe_acted is never retried blindly.
  bool maybe_acted = false;
};

}  // namespace kiosk
