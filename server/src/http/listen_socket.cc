// The listening socket: reuse of the address, no shared port, a real backlog.
#include "http/listen_socket.h"

#include <sys/socket.h>

#include <memory>

namespace leadq {

int BindListeningSocket(httplib::Server& server, const std::string& host, int port) {
  // The options hook is the one place cpp-httplib hands out the listening socket.
  auto socket = std::make_shared<int>(-1);
  server.set_socket_options([socket](int fd) {
    int yes = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
    *socket = fd;
  });
  const int bound =
      port == 0 ? server.bind_to_any_port(host) : (server.bind_to_port(host, port) ? port : -1);
  if (bound <= 0) return -1;
  // Listening again on a listening socket only changes its backlog.
  if (*socket >= 0 && ::listen(*socket, kListenBacklog) != 0) return -1;
  return bound;
}

}  // namespace leadq
