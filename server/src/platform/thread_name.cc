// Thread names through pthread_setname_np.
#include "platform/thread_name.h"

#include <pthread.h>

namespace leadq {

void NameThisThread(const std::string& name) {
  // The kernel's limit is 16 bytes with the terminating NUL; a longer name is refused
  // (ERANGE) rather than cut, so it is cut here.
  constexpr size_t kMaxLength = 15;
  (void)pthread_setname_np(pthread_self(), name.substr(0, kMaxLength).c_str());
}

}  // namespace leadq
