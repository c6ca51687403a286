// The system clock and random ids.
#include "services/environment.h"

#include <chrono>
#include <memory>
#include <mutex>
#include <random>

namespace leadq {

Environment SystemEnvironment() {
  Environment env;
  env.now_ms = [] {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  };
  auto device = std::make_shared<std::random_device>();
  auto mutex = std::make_shared<std::mutex>();
  env.new_id = [device, mutex] {
    static const char kHex[] = "0123456789abcdef";
    std::string id;
    std::lock_guard<std::mutex> lock(*mutex);
    for (int i = 0; i < 4; ++i) {
      uint32_t bits = (*device)();
      for (int j = 0; j < 8; ++j) {
        id += kHex[bits & 0xF];
        bits >>= 4;
      }
    }
    return id;
  };
  return env;
}

bool IsValidClientId(const std::string& id) {
  if (id.size() < 8 || id.size() > 64) return false;
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

}  // namespace leadq
