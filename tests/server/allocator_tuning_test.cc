// `leadq serve` runs with a larger per-thread allocation cache: the tunables it sets, and
// the running server's own environment.
#include "platform/allocator_tuning.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <string>

namespace leadq::testing {
namespace {

TEST(AllocatorTuningTest, AddsTheThreadCacheSizeUnlessTheOperatorSetOne) {
  const std::string ours = "glibc.malloc.tcache_count=" + std::to_string(kThreadCacheBlocks);
  EXPECT_EQ(TunablesWithThreadCache(nullptr), ours);
  EXPECT_EQ(TunablesWithThreadCache(""), ours);
  EXPECT_EQ(TunablesWithThreadCache("glibc.malloc.trim_threshold=4096"),
            "glibc.malloc.trim_threshold=4096:" + ours);
  // A name that only starts like it is another tunable.
  EXPECT_EQ(TunablesWithThreadCache("glibc.malloc.tcache_count_x=1"),
            "glibc.malloc.tcache_count_x=1:" + ours);
  EXPECT_EQ(TunablesWithThreadCache("glibc.malloc.tcache_count=7"), "");
  EXPECT_EQ(TunablesWithThreadCache("glibc.malloc.mxfast=0:glibc.malloc.tcache_count=3"), "");
  EXPECT_EQ(TunablesWithThreadCache("glibc.malloc.tcache_count"), "");
}

// Starts `leadq serve` in the background, with `environment` before it, and prints the
// GLIBC_TUNABLES and the name of the process that answers once it listens. Bounded: the
// server is stopped by the script, and by `timeout` if the script does not get that far.
std::string ServerTunables(const std::string& environment) {
  char pattern[] = "/tmp/leadq-tunables-XXXXXX";
  const std::string dir = mkdtemp(pattern);
  const std::string script = environment + " timeout 30 " + LEADQ_BINARY +
                             " serve --port 0 --bind 127.0.0.1 --data-dir " + dir + "/data >" +
                             dir + "/log 2>&1 & outer=$!; for _ in $(seq 200); do " +
                             "grep -q 'listening on' " + dir + "/log && break; sleep 0.05; done; " +
                             "server=$(pgrep -P $outer); " +
                             "tr '\\0' '\\n' </proc/$server/environ | grep '^GLIBC_TUNABLES='; " +
                             "cat /proc/$server/comm; kill $server; wait $outer";
  std::string output;
  FILE* pipe = popen(script.c_str(), "r");
  if (pipe != nullptr) {
    char buffer[512];
    size_t n;
    while ((n = fread(buffer, 1, sizeof(buffer), pipe)) > 0) output.append(buffer, n);
    pclose(pipe);
  }
  std::filesystem::remove_all(dir);
  return output;
}

// Started again by its own path, the process keeps its name.
TEST(AllocatorTuningTest, TheServerRunsWithTheLargerCache) {
  const std::string ours = "glibc.malloc.tcache_count=" + std::to_string(kThreadCacheBlocks);
  EXPECT_EQ(ServerTunables("env -u GLIBC_TUNABLES"), "GLIBC_TUNABLES=" + ours + "\nleadq\n");
  EXPECT_EQ(ServerTunables("GLIBC_TUNABLES=glibc.malloc.tcache_count=9"),
            "GLIBC_TUNABLES=glibc.malloc.tcache_count=9\nleadq\n");
}

}  // namespace
}  // namespace leadq::testing
