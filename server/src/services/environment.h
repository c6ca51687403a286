// Environment: what the services need from the world besides storage: a clock and a
// source of unique ids. Passed in, so tests can fix both.
#ifndef LEADQ_SERVER_SERVICES_ENVIRONMENT_H_
#define LEADQ_SERVER_SERVICES_ENVIRONMENT_H_

#include <cstdint>
#include <functional>
#include <string>

namespace leadq {

struct Environment {
  std::function<int64_t()> now_ms;      // milliseconds since the Unix epoch
  std::function<std::string()> new_id;  // 32 lowercase hex characters, unique
};

// The real clock and a random id source (std::random_device, 128 bits per id).
Environment SystemEnvironment();

// Client-supplied ids (visitor, session, answer): 8 to 64 of [A-Za-z0-9_-].
bool IsValidClientId(const std::string& id);

}  // namespace leadq

#endif  // LEADQ_SERVER_SERVICES_ENVIRONMENT_H_
