#pragma once
// Closing a request's connection with no HTTP answer, for the drop_before / drop_after faults.
//
// cpp-httplib 0.11 does not hand the socket to a handler, so we find it: the server-side socket of this request
// is the one whose local address is (local_addr, local_port) and whose peer is (remote_addr, remote_port).
// We look through the process's open descriptors (/proc/self/fd) for it and shut it down (SHUT_RDWR). We never
// close() it: httplib still owns the descriptor and closes it itself once its write of the answer fails, so
// the client sees the connection end without a byte of the answer.
#include <httplib.h>

namespace procart_sim {

// True if the socket was found and shut down.
bool dropConnection(const httplib::Request& req);

}  // namespace procart_sim
