// The allocator settings `leadq serve` runs with.
//
// Every request allocates and frees many small blocks of a few sizes (JSON values,
// strings, SQLite's statements). glibc keeps up to 7 freed blocks of each size in a cache
// of each thread; the rest go back to a shared arena under its lock, and the server's
// request threads share two arenas (main.cc). A cache of 256 blocks a size keeps a
// request's allocations in its own thread. glibc reads that size from the environment
// (GLIBC_TUNABLES) when a process starts, and nothing changes it later: the server starts
// itself again, once, with it set.
#ifndef LEADQ_SERVER_PLATFORM_ALLOCATOR_TUNING_H_
#define LEADQ_SERVER_PLATFORM_ALLOCATOR_TUNING_H_

#include <string>

namespace leadq {

inline constexpr int kThreadCacheBlocks = 256;

// The GLIBC_TUNABLES value to run with: `current` (may be null) with the thread cache
// size added, or "" when `current` already sets that size (the operator's choice stands).
std::string TunablesWithThreadCache(const char* current);

// Runs this program again, same arguments, with TunablesWithThreadCache in its
// environment. Returns only when that is not needed, or not possible: then the server
// runs with glibc's defaults, only slower.
void RestartWithThreadCache(char** argv);

}  // namespace leadq

#endif  // LEADQ_SERVER_PLATFORM_ALLOCATOR_TUNING_H_
