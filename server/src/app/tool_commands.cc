// `leadq migrate`, `leadq validate-flow` and `leadq compile-flow`.
#include <filesystem>
#include <iostream>

#include "app/commands.h"
#include "app/flow_file.h"
#include "leadq/compiled_flow.h"
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
  DecodedFlow decoded;
  if (int code = ReadFlowArgument(options, "validate-flow", &decoded)) return code;
  const std::string& path = options.arguments[0];
  if (decoded.ok()) {
    std::cout << path << ": valid flow \"" << decoded.flow.id << "\" (" << decoded.flow.steps.size()
              << " steps)\n";
    return 0;
  }
  PrintProblems(path, decoded, std::cout);
  std::cout << decoded.problems.size() << " problem(s)\n";
  return 1;
}

int RunCompileFlow(const Options& options) {
  DecodedFlow decoded;
  if (int code = ReadFlowArgument(options, "compile-flow", &decoded)) return code;
  if (!decoded.ok()) {
    PrintProblems(options.arguments[0], decoded, std::cerr);
    return 1;
  }
  std::cout << CompileFlow(decoded.flow).Dump() << "\n";
  return 0;
}

}  // namespace leadq
