// The worker loop.
#include "platform/background_loop.h"

#include <algorithm>
#include <chrono>

#include "platform/thread_name.h"

namespace leadq {

BackgroundLoop::BackgroundLoop(std::string name, int threads, int64_t idle_poll_ms,
                               std::function<bool()> work)
    : name_(std::move(name)),
      threads_count_(std::max(1, threads)),
      idle_poll_ms_(std::max<int64_t>(1, idle_poll_ms)),
      work_(std::move(work)) {}

BackgroundLoop::~BackgroundLoop() { Stop(); }

void BackgroundLoop::Start() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!threads_.empty()) return;
  stopping_ = false;
  for (int i = 0; i < threads_count_; ++i) {
    threads_.emplace_back([this] {
      NameThisThread(name_);
      Run();
    });
  }
}

void BackgroundLoop::Stop() {
  std::vector<std::thread> threads;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
    threads.swap(threads_);
  }
  wake_.notify_all();
  for (std::thread& thread : threads) thread.join();
}

void BackgroundLoop::Wake() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    ++wakeups_;
  }
  wake_.notify_all();
}

void BackgroundLoop::Run() {
  for (;;) {
    uint64_t seen;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (stopping_) return;
      seen = wakeups_;
    }
    if (work_()) continue;  // more may be waiting
    std::unique_lock<std::mutex> lock(mutex_);
    wake_.wait_for(lock, std::chrono::milliseconds(idle_poll_ms_),
                   [&] { return stopping_ || wakeups_ != seen; });
  }
}

}  // namespace leadq
