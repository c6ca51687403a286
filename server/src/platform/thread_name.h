// Names for leadq's own threads, as `top -H`, `ps -L`, /proc and perf show them, so that
// an operator can tell the writer, the checkpointer and the delivery workers apart from
// the request threads.
#ifndef LEADQ_SERVER_PLATFORM_THREAD_NAME_H_
#define LEADQ_SERVER_PLATFORM_THREAD_NAME_H_

#include <string>

namespace leadq {

// Names the calling thread; Linux keeps the first 15 characters.
void NameThisThread(const std::string& name);

}  // namespace leadq

#endif  // LEADQ_SERVER_PLATFORM_THREAD_NAME_H_
