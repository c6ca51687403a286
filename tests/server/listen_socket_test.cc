// The listening socket: a burst of connections is queued, not dropped, and a port in use
// is refused rather than shared.
#include "http/listen_socket.h"

#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <vector>

#include <gtest/gtest.h>

namespace leadq {
namespace {

// Opens `count` non-blocking connections to 127.0.0.1:port at once and returns how many
// the kernel completed within `wait_ms` (a dropped SYN is only retried after 1 s).
int ConnectBurst(int port, int count, int wait_ms) {
  std::vector<int> sockets;
  for (int i = 0; i < count; ++i) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    (void)::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address));
    sockets.push_back(fd);
  }
  // Polls the connections still pending until all completed or the time is up.
  std::vector<int> pending = sockets;
  int connected = 0;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(wait_ms);
  while (!pending.empty() && std::chrono::steady_clock::now() < deadline) {
    std::vector<pollfd> polls;
    for (int fd : pending) polls.push_back({fd, POLLOUT, 0});
    ::poll(polls.data(), polls.size(), 10);
    pending.clear();
    for (const pollfd& p : polls) {
      int error = 0;
      socklen_t length = sizeof(error);
      if ((p.revents & POLLOUT) == 0) {
        pending.push_back(p.fd);
      } else if (::getsockopt(p.fd, SOL_SOCKET, SO_ERROR, &error, &length) == 0 && error == 0) {
        ++connected;
      }
    }
  }
  for (int fd : sockets) ::close(fd);
  return connected;
}

TEST(ListenSocketTest, QueuesABurstOfConnectionsBeforeTheyAreAccepted) {
  httplib::Server server;
  const int port = BindListeningSocket(server, "127.0.0.1", 0);
  ASSERT_GT(port, 0);
  // Nothing accepts yet (listen_after_bind is not running): every connection waits in the
  // kernel's queue. cpp-httplib's own backlog of 5 completes only about 6 of them.
  EXPECT_EQ(ConnectBurst(port, 200, 500), 200);
}

TEST(ListenSocketTest, RefusesAPortAnotherServerListensOn) {
  httplib::Server first;
  const int port = BindListeningSocket(first, "127.0.0.1", 0);
  ASSERT_GT(port, 0);
  httplib::Server second;
  EXPECT_EQ(BindListeningSocket(second, "127.0.0.1", port), -1);
}

TEST(ListenSocketTest, RefusesAnAddressThatIsNotLocal) {
  httplib::Server server;
  EXPECT_EQ(BindListeningSocket(server, "203.0.113.7", 0), -1);
}

}  // namespace
}  // namespace leadq
