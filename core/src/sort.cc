// A bottom-up merge sort of positions.
#include "sort.h"

namespace leadq {

std::vector<size_t> StableOrder(size_t count, Before before, const void* context) {
  std::vector<size_t> order(count), merged(count);
  for (size_t i = 0; i < count; ++i) order[i] = i;
  for (size_t width = 1; width < count; width *= 2) {
    for (size_t low = 0; low < count; low += 2 * width) {
      const size_t middle = low + width < count ? low + width : count;
      const size_t high = low + 2 * width < count ? low + 2 * width : count;
      size_t left = low, right = middle, out = low;
      // The right run's item goes first only when strictly before: stable.
      while (left < middle && right < high) {
        merged[out++] = before(context, order[right], order[left]) ? order[right++] : order[left++];
      }
      while (left < middle) merged[out++] = order[left++];
      while (right < high) merged[out++] = order[right++];
    }
    order.swap(merged);
  }
  return order;
}

}  // namespace leadq
