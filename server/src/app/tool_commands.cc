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
  if (options.arguments.size() != 1) {
    std::cerr << Usage("validate-flow");
    return 2;
  }
  const std::string& path = options.arguments[0];
  Result<DecodedFlow> decoded = ReadFlowFile(path);
  if (!decoded.ok()) {
    std::cerr << "leadq: " << decoded.status().message() << "\n";
    return 1;
  }
  const Flow& flow = decoded.value().flow;
  if (decoded.value().ok()) {
    std::cout << path << ": valid flow \"" << flow.id << "\" (" << flow.steps.size() << " steps)\n";
    return 0;
  }
  PrintProblems(path, decoded.value(), std::cout);
  std::cout << decoded.value().problems.size() << " problem(s)\n";
  return 1;
}

int RunCompileFlow(const Options& options) {
  if (options.arguments.size() != 1) {
    std::cerr << Usage("compile-flow");
    return 2;
  }
  const std::string& path = options.arguments[0];
  Result<DecodedFlow> decoded = ReadFlowFile(path);
  if (!decoded.ok()) {
    std::cerr << "leadq: " << decoded.status().message() << "\n";
    return 1;
  }
  if (!decoded.value().ok()) {
    PrintProblems(path, decoded.value(), std::cerr);
    return 1;
  }
  std::cout << CompileFlow(decoded.value().flow).Dump() << "\n";
  return 0;
}

}  // namespace leadq
