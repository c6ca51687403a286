// Deterministic A/B assignment: the same visitor always gets the same variant of a flow,
// on every target, with no randomness (FNV-1a over flow id and visitor id).
#include <cstdint>

#include "leadq/conversation.h"

namespace leadq {
namespace {

uint64_t Fnv1a(const std::string& text, uint64_t hash = 1469598103934665603ULL) {
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  return hash;
}

}  // namespace

std::string AssignVariant(const Flow& flow, const std::string& visitor_id) {
  uint64_t total = 0;
  for (const Variant& variant : flow.variants) total += variant.weight > 0 ? variant.weight : 0;
  if (total == 0) return "";
  uint64_t slot = Fnv1a(visitor_id, Fnv1a(flow.id + '\n')) % total;
  for (const Variant& variant : flow.variants) {
    const uint64_t weight = variant.weight > 0 ? variant.weight : 0;
    if (slot < weight) return variant.id;
    slot -= weight;
  }
  return "";
}

}  // namespace leadq
