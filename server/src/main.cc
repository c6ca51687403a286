// The leadq binary: parses the command line and hands over to one command.
#include <iostream>

#include "app/commands.h"

int main(int argc, char** argv) {
  leadq::Result<leadq::Options> options = leadq::ParseOptions(argc, argv);
  if (!options.ok()) {
    std::cerr << "leadq: " << options.status().message() << "\n";
    return 2;
  }
  const leadq::Options& opts = options.value();
  if (opts.help) {
    std::cout << leadq::Usage(opts.command);
    return 0;
  }
  if (opts.command == "serve") return leadq::RunServe(opts);
  if (opts.command == "migrate") return leadq::RunMigrate(opts);
  if (opts.command == "simulate") return leadq::RunSimulate(opts);
  if (opts.command == "compile-flow") return leadq::RunCompileFlow(opts);
  if (opts.command == "export") return leadq::RunExport(opts);
  if (opts.command == "backup") return leadq::RunBackup(opts);
  return leadq::RunValidateFlow(opts);
}
