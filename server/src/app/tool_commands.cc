// `leadq migrate` and `leadq validate-flow`.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "app/commands.h"
#include "leadq/flow_decoder.h"
#include "storage/migrations.h"
#include "storage/sqlite_storage.h"

namespace leadq {

int RunMigrate(const Options& options) {
  std::error_code error;
  std::filesystem::create_directories(options.data_dir, error);
  Result<std::unique_ptr<SqliteStorage>> storage =
      SqliteStorage::Open(options.data_dir + "/leadq.db");
  if (!storage.ok()) {
    std::cerr << "leadq: " << storage.status().message() << "\n";
    return 1;
  }
  std::cout << "leadq: database at schema version " << LatestSchemaVersion() << "\n";
  return 0;
}

int RunValidateFlow(const Options& options) {
  if (options.arguments.size() != 1) {
    std::cerr << Usage("validate-flow");
    return 2;
  }
  std::ifstream in(options.arguments[0]);
  if (!in) {
    std::cerr << "leadq: cannot read " << options.arguments[0] << "\n";
    return 1;
  }
  std::stringstream text;
  text << in.rdbuf();
  DecodedFlow decoded = DecodeFlowText(text.str());
  if (decoded.ok()) {
    std::cout << options.arguments[0] << ": valid flow \"" << decoded.flow.id << "\" ("
              << decoded.flow.steps.size() << " steps)\n";
    return 0;
  }
  for (const FlowProblem& problem : decoded.problems) {
    std::cout << options.arguments[0] << ":" << (problem.path.empty() ? "/" : problem.path) << ": "
              << problem.message << "\n";
  }
  std::cout << decoded.problems.size() << " problem(s)\n";
  return 1;
}

}  // namespace leadq
