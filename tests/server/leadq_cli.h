// Running the leadq binary as its user does, for the tests of its commands.
#ifndef LEADQ_TESTS_SERVER_LEADQ_CLI_H_
#define LEADQ_TESTS_SERVER_LEADQ_CLI_H_

#include <sys/wait.h>

#include <cstdio>
#include <string>

namespace leadq::testing {

struct Ran {
  int exit_code = -1;
  std::string output;  // stdout and stderr
};

// Runs `leadq ARGS` through the shell (so tests can pipe input); bounded by 60 s.
inline Ran Leadq(const std::string& args, const std::string& input_file = "") {
  std::string command = "timeout 60 " + std::string(LEADQ_BINARY) + " " + args + " 2>&1";
  command += input_file.empty() ? " </dev/null" : " <" + input_file;
  Ran run;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return run;
  char buffer[4096];
  size_t n;
  while ((n = fread(buffer, 1, sizeof(buffer), pipe)) > 0) run.output.append(buffer, n);
  const int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

}  // namespace leadq::testing

#endif  // LEADQ_TESTS_SERVER_LEADQ_CLI_H_
