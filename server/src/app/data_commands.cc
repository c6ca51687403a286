// `leadq export` and `leadq backup`: the data, out of the database, while it may be
// serving.
#include <filesystem>
#include <iostream>

#include "app/commands.h"
#include "services/lead_service.h"
#include "storage/sqlite_storage.h"

namespace leadq {
namespace {

Result<std::unique_ptr<SqliteStorage>> OpenExisting(const Options& options) {
  const std::string path = options.data_dir + "/leadq.db";
  if (!std::filesystem::exists(path)) {
    return Status::NotFound("no database at " + path + " (use --data-dir)");
  }
  return SqliteStorage::Open(path);
}

}  // namespace

int RunExport(const Options& options) {
  if (!options.arguments.empty()) {
    std::cerr << Usage("export");
    return 2;
  }
  Result<std::unique_ptr<SqliteStorage>> storage = OpenExisting(options);
  if (!storage.ok()) {
    std::cerr << "leadq: " << storage.status().message() << "\n";
    return 1;
  }
  LeadService leads(*storage.value(), *storage.value(), *storage.value());
  LeadFilter filter;
  filter.site_key = options.site;
  const bool csv = options.format == "csv";
  if (csv) std::cout << LeadCsvHeader();
  Status status = leads.ForEach(filter, [csv](const LeadRecord& lead) {
    if (csv) {
      std::cout << LeadCsvLine(lead);
    } else {
      std::cout << LeadJson(lead).dump(-1, ' ', false, Json::error_handler_t::replace) << "\n";
    }
    return static_cast<bool>(std::cout);
  });
  if (!status.ok()) {
    std::cerr << "leadq: " << status.message() << "\n";
    return 1;
  }
  return std::cout ? 0 : 1;
}

int RunBackup(const Options& options) {
  if (options.arguments.size() != 1) {
    std::cerr << Usage("backup");
    return 2;
  }
  const std::string target = options.arguments[0];
  if (std::filesystem::exists(target)) {
    std::cerr << "leadq: " << target << " exists; choose a new file name\n";
    return 1;
  }
  Result<std::unique_ptr<SqliteStorage>> storage = OpenExisting(options);
  if (!storage.ok()) {
    std::cerr << "leadq: " << storage.status().message() << "\n";
    return 1;
  }
  Status status = storage.value()->Backup(target);
  if (!status.ok()) {
    std::cerr << "leadq: " << status.message() << "\n";
    return 1;
  }
  std::cout << "leadq: backup written to " << target << "\n";
  return 0;
}

}  // namespace leadq
