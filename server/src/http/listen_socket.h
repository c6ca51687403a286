// Binding the HTTP server's listening socket.
//
// cpp-httplib listens with a backlog of 5 connections and sets SO_REUSEPORT. A burst of
// new connections (a page view spike, a load balancer opening its pool, a benchmark's
// 64 clients) overflows a queue of 5: the kernel drops the extra SYNs and each of those
// visitors waits for the retransmission, 1 s or 3 s later. And with SO_REUSEPORT a second
// `leadq serve` on the same port starts silently and takes half the connections.
#ifndef LEADQ_SERVER_HTTP_LISTEN_SOCKET_H_
#define LEADQ_SERVER_HTTP_LISTEN_SOCKET_H_

#include <httplib.h>

#include <string>

namespace leadq {

// The kernel's limit (net.core.somaxconn) caps it further.
constexpr int kListenBacklog = 4096;

// Binds `server` to host:port (port 0: any free port) with SO_REUSEADDR only and a
// backlog of kListenBacklog. Returns the port, or -1 when the address cannot be bound
// (in use, not local, unresolvable).
int BindListeningSocket(httplib::Server& server, const std::string& host, int port);

}  // namespace leadq

#endif  // LEADQ_SERVER_HTTP_LISTEN_SOCKET_H_
