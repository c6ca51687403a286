// Restarting with a larger per-thread allocation cache.
#include "platform/allocator_tuning.h"

#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <string_view>

namespace leadq {

namespace {
constexpr std::string_view kThreadCacheTunable = "glibc.malloc.tcache_count";
}  // namespace

std::string TunablesWithThreadCache(const char* current) {
  const std::string_view now = current != nullptr ? current : "";
  // Tunables are NAME=VALUE items separated by colons.
  for (size_t start = 0; start <= now.size();) {
    const size_t end = std::min(now.find(':', start), now.size());
    const std::string_view item = now.substr(start, end - start);
    if (item.substr(0, item.find('=')) == kThreadCacheTunable) return std::string();
    start = end + 1;
  }
  std::string tunables(now);
  if (!tunables.empty()) tunables += ':';
  tunables += kThreadCacheTunable;
  tunables += '=' + std::to_string(kThreadCacheBlocks);
  return tunables;
}

void RestartWithThreadCache(char** argv) {
  const char* before = getenv("GLIBC_TUNABLES");
  const std::string tunables = TunablesWithThreadCache(before);
  if (tunables.empty()) return;
  const std::string original = before != nullptr ? before : "";
  const bool had_tunables = before != nullptr;
  if (setenv("GLIBC_TUNABLES", tunables.c_str(), 1) != 0) return;
  // By the file's own path, not /proc/self/exe: the process keeps its name ("leadq" in
  // ps and top rather than "exe").
  char path[4096];
  const ssize_t length = readlink("/proc/self/exe", path, sizeof(path) - 1);
  if (length > 0) {
    path[length] = '\0';
    execv(path, argv);
  }
  // Still here: the restart failed. Run on as started, the environment as it was.
  if (had_tunables) {
    setenv("GLIBC_TUNABLES", original.c_str(), 1);
  } else {
    unsetenv("GLIBC_TUNABLES");
  }
}

}  // namespace leadq
