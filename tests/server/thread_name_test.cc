// leadq's own threads carry names an operator can find in `top -H` or /proc.
#include "platform/thread_name.h"

#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "test_server.h"

namespace leadq::testing {
namespace {

std::string CommOf(const std::string& task_dir) {
  std::ifstream in(task_dir + "/comm");
  std::string name;
  std::getline(in, name);
  return name;
}

std::vector<std::string> ThreadNames() {
  std::vector<std::string> names;
  for (const auto& task : std::filesystem::directory_iterator("/proc/self/task")) {
    names.push_back(CommOf(task.path().string()));
  }
  return names;
}

bool HasThread(const std::string& name) {
  const std::vector<std::string> names = ThreadNames();
  return std::find(names.begin(), names.end(), name) != names.end();
}

// A thread names itself once it runs, which on a busy machine can be a moment after it
// was started: looks for up to 5 s.
bool AppearsSoon(const std::string& name) {
  for (int look = 0; look < 500; ++look) {
    if (HasThread(name)) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

TEST(ThreadNameTest, TheWriterAndTheCheckpointerAreNamed) {
  EXPECT_FALSE(HasThread("leadq-writer"));
  {
    TestServer server(DemoFlowsDir());
    EXPECT_TRUE(AppearsSoon("leadq-writer"));
    EXPECT_TRUE(AppearsSoon("leadq-checkpt"));
  }
  EXPECT_FALSE(HasThread("leadq-writer")) << "the writer stops with its storage";
}

TEST(ThreadNameTest, ALongNameIsCutToWhatLinuxKeeps) {
  std::string seen;
  std::thread thread([&] {
    NameThisThread("leadq-a-name-longer-than-fifteen");
    seen = CommOf("/proc/self/task/" + std::to_string(::syscall(SYS_gettid)));
  });
  thread.join();
  EXPECT_EQ(seen, "leadq-a-name-lo");
}

}  // namespace
}  // namespace leadq::testing
