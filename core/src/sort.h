// Stable sorting with one copy of the code for all of the core.
//
// Each std::sort or std::stable_sort instantiation adds one to two kilobytes to the
// WebAssembly module the widget downloads; the core sorts little (flow problems by path,
// object members by key, answers by time), so one merge sort over positions serves all.
#ifndef LEADQ_CORE_SORT_H_
#define LEADQ_CORE_SORT_H_

#include <cstddef>
#include <utility>
#include <vector>

namespace leadq {

// Whether the item at position `a` goes before the one at `b`.
using Before = bool (*)(const void* context, size_t a, size_t b);

// The positions 0..count-1 ordered by `before`; equal items keep their order.
// O(count log count).
std::vector<size_t> StableOrder(size_t count, Before before, const void* context);

// Sorts `items` stably by `before`.
template <typename T>
void StableSort(std::vector<T>* items, bool (*before)(const T&, const T&)) {
  struct Context {
    const std::vector<T>* items;
    bool (*before)(const T&, const T&);
  } context{items, before};
  const std::vector<size_t> order = StableOrder(
      items->size(),
      [](const void* c, size_t a, size_t b) {
        const Context& context = *static_cast<const Context*>(c);
        return context.before((*context.items)[a], (*context.items)[b]);
      },
      &context);
  std::vector<T> sorted;
  sorted.reserve(items->size());
  for (size_t position : order) sorted.push_back(std::move((*items)[position]));
  items->swap(sorted);
}

}  // namespace leadq

#endif  // LEADQ_CORE_SORT_H_
