// ReadThroughCache: loads once, forgets on Invalidate, never keeps a value loaded across
// a write, never caches a failure, and stays within its capacity.
#include "storage/read_through_cache.h"

#include <gtest/gtest.h>

namespace leadq {
namespace {

TEST(ReadThroughCacheTest, LoadsOnceUntilInvalidated) {
  ReadThroughCache<int> cache;
  int loads = 0;
  auto load = [&]() -> Result<int> { return ++loads; };
  EXPECT_EQ(cache.Get("a", load).value(), 1);
  EXPECT_EQ(cache.Get("a", load).value(), 1);
  EXPECT_EQ(loads, 1);
  cache.Invalidate();
  EXPECT_EQ(cache.Get("a", load).value(), 2);
  EXPECT_EQ(loads, 2);
}

TEST(ReadThroughCacheTest, AValueLoadedWhileAWriteCommittedIsNotKept) {
  ReadThroughCache<std::string> cache;
  std::string stored = "old";
  // The load reads the old row; the write commits and invalidates before it returns.
  Result<std::string> first = cache.Get("site", [&]() -> Result<std::string> {
    std::string read = stored;
    stored = "new";
    cache.Invalidate();
    return read;
  });
  EXPECT_EQ(first.value(), "old");
  EXPECT_EQ(cache.Get("site", [&]() -> Result<std::string> { return stored; }).value(), "new");
}

TEST(ReadThroughCacheTest, FailuresAreNotCached) {
  ReadThroughCache<int> cache;
  int loads = 0;
  auto missing = [&]() -> Result<int> {
    ++loads;
    return Status::NotFound("no such key", "/site");
  };
  EXPECT_STREQ(cache.Get("nope", missing).status().code_name(), "not_found");
  EXPECT_STREQ(cache.Get("nope", missing).status().code_name(), "not_found");
  EXPECT_EQ(loads, 2);
}

TEST(ReadThroughCacheTest, StartsOverWhenFull) {
  ReadThroughCache<int> cache(2);
  int loads = 0;
  auto load = [&]() -> Result<int> { return ++loads; };
  cache.Get("a", load);
  cache.Get("b", load);
  cache.Get("c", load);  // full: forgets a and b, keeps c
  EXPECT_EQ(loads, 3);
  EXPECT_EQ(cache.Get("c", load).value(), 3);
  EXPECT_EQ(cache.Get("a", load).value(), 4);
}

}  // namespace
}  // namespace leadq
