// The stores' one use of a core rule: merging two visitors' signals.
#include "storage/visitor_records.h"

#include <utility>

#include "leadq/codec.h"
#include "leadq/signals.h"
#include "platform/core_json.h"

namespace leadq {
namespace {

Signals Decoded(const Json& stored) {
  Result<Signals> signals = DecodeSignals(ToCore(stored), "");
  return signals.ok() ? std::move(signals).value() : Signals();
}

}  // namespace

Json MergeStoredSignals(const Json& into, const Json& from) {
  return FromCore(EncodeSignals(MergeSignals(Decoded(into), Decoded(from))));
}

}  // namespace leadq
