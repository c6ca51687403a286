// The leadq subcommands. Each returns the process exit code: 0 success, 1 failure,
// 2 bad usage.
#ifndef LEADQ_SERVER_APP_COMMANDS_H_
#define LEADQ_SERVER_APP_COMMANDS_H_

#include "app/options.h"

namespace leadq {

int RunServe(const Options& options);
int RunMigrate(const Options& options);
int RunValidateFlow(const Options& options);
int RunCompileFlow(const Options& options);  // the compiled form on standard output
int RunSimulate(const Options& options);     // reads answers from std::cin
int RunExport(const Options& options);
int RunBackup(const Options& options);

}  // namespace leadq

#endif  // LEADQ_SERVER_APP_COMMANDS_H_
