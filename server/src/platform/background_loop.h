// BackgroundLoop: threads that work until nothing is left, then sleep until woken or
// until the poll interval has passed — the shape of every leadq worker (deliveries,
// re-decisions). The work runs on the loop's threads only; Wake() is cheap and may be
// called from any thread, before Start() or after Stop() too.
#ifndef LEADQ_SERVER_PLATFORM_BACKGROUND_LOOP_H_
#define LEADQ_SERVER_PLATFORM_BACKGROUND_LOOP_H_

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace leadq {

class BackgroundLoop {
 public:
  // `work` does one piece and returns true when more may be waiting (it is called again
  // at once), false when it found nothing (the thread sleeps). `name` names the threads
  // (top -H, /proc: at most 15 characters).
  BackgroundLoop(std::string name, int threads, int64_t idle_poll_ms, std::function<bool()> work);
  ~BackgroundLoop();
  BackgroundLoop(const BackgroundLoop&) = delete;
  BackgroundLoop& operator=(const BackgroundLoop&) = delete;

  void Start();
  // Wakes the threads, lets the piece of work in hand finish, joins.
  void Stop();
  // Looks for work now instead of at the next poll; a wake-up between looks is not lost.
  void Wake();

 private:
  void Run();

  const std::string name_;
  const int threads_count_;
  const int64_t idle_poll_ms_;
  const std::function<bool()> work_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  uint64_t wakeups_ = 0;
  std::vector<std::thread> threads_;
};

}  // namespace leadq

#endif  // LEADQ_SERVER_PLATFORM_BACKGROUND_LOOP_H_
