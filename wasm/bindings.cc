// The WebAssembly binding: the core's JSON facade as two C functions. Strings cross the
// boundary, never handles; the JS wrapper (web/widget/core.js) frees what it receives.
//
// Built twice (wasm/CMakeLists.txt): leadq-core, the whole engine (leadq::Call: flow
// documents with the validator, compiled flows, decode_flow and compile_flow), and, with
// LEADQ_COMPILED_FLOWS_ONLY, leadq-runtime, the widget's module (leadq::CallCompiled:
// next, decide and check_answer on compiled flows, without the decoder).
#include <cstdlib>
#include <cstring>
#include <string>

#include "leadq/api.h"

extern "C" {

// Runs one operation (see leadq/api.h) and returns a NUL-terminated JSON response that
// the caller releases with leadq_free. Returns nullptr only when memory is exhausted.
char* leadq_call(const char* op, const char* request) {
#ifdef LEADQ_COMPILED_FLOWS_ONLY
  constexpr auto call = leadq::CallCompiled;
#else
  constexpr auto call = leadq::Call;
#endif
  const std::string response = call(op != nullptr ? op : "", request != nullptr ? request : "");
  char* out = static_cast<char*>(std::malloc(response.size() + 1));
  if (out != nullptr) std::memcpy(out, response.c_str(), response.size() + 1);
  return out;
}

void leadq_free(char* response) { std::free(response); }

}  // extern "C"
