// ReadThroughCache: values read often and written rarely (sites, destinations), kept in
// memory by key until the next write.
//
// A write calls Invalidate() after it committed. A load that raced with a write (it
// started before the Invalidate) is returned but not cached, so a stale value can never
// stay in the cache. The cache holds at most `capacity` keys and starts over when full,
// so keys chosen by clients cannot grow it without bound.
#ifndef LEADQ_SERVER_STORAGE_READ_THROUGH_CACHE_H_
#define LEADQ_SERVER_STORAGE_READ_THROUGH_CACHE_H_

#include <cstdint>
#include <map>
#include <mutex>
#include <string>

#include "leadq/result.h"

namespace leadq {

template <typename Value>
class ReadThroughCache {
 public:
  explicit ReadThroughCache(size_t capacity = 1024) : capacity_(capacity) {}

  // The cached value of `key`, or `load()` (run without the lock held), cached when ok.
  template <typename Load>
  Result<Value> Get(const std::string& key, Load load) {
    uint64_t version;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      auto it = values_.find(key);
      if (it != values_.end()) return it->second;
      version = version_;
    }
    Result<Value> loaded = load();
    if (loaded.ok()) {
      std::lock_guard<std::mutex> lock(mutex_);
      if (version == version_) {
        if (values_.size() >= capacity_) values_.clear();
        values_[key] = loaded.value();
      }
    }
    return loaded;
  }

  // Forgets every value; call after each write that may change one.
  void Invalidate() {
    std::lock_guard<std::mutex> lock(mutex_);
    values_.clear();
    ++version_;
  }

 private:
  const size_t capacity_;
  std::mutex mutex_;
  std::map<std::string, Value> values_;
  uint64_t version_ = 0;
};

}  // namespace leadq

#endif  // LEADQ_SERVER_STORAGE_READ_THROUGH_CACHE_H_
