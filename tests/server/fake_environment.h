// FakeEnvironment: the services' Environment for tests — a clock the test moves by hand
// and ids that count up — shared by the HTTP server tests and the in-memory service
// tests.
#ifndef LEADQ_TESTS_SERVER_FAKE_ENVIRONMENT_H_
#define LEADQ_TESTS_SERVER_FAKE_ENVIRONMENT_H_

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <string>

#include "services/environment.h"

namespace leadq::testing {

// A clock the test moves by hand, and ids that count up.
struct FakeEnvironment {
  std::atomic<int64_t> now{1'790'000'000'000};
  std::atomic<int> next_id{0};
  Environment Make() {
    Environment env;
    env.now_ms = [this] { return now.load(); };
    env.new_id = [this] {
      char id[33];
      std::snprintf(id, sizeof(id), "%032d", ++next_id);
      return std::string(id);
    };
    return env;
  }
};

}  // namespace leadq::testing

#endif  // LEADQ_TESTS_SERVER_FAKE_ENVIRONMENT_H_
