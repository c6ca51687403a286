// Writes the fuzzers' seed corpora from the shared test data:
//   make_seeds OUT_DIR  ->  OUT_DIR/flow_decode/* (every flow file),
//                           OUT_DIR/engine/* (every vector's request, with its selector bytes)
//                           OUT_DIR/json/* (every flow and vector file as it is)
//                           OUT_DIR/compiled_flow/* (every valid flow, compiled)
//                           and OUT_DIR/events/* (every fold_events vector's request)
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "leadq/api.h"

namespace fs = std::filesystem;

namespace {

std::string Read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<fs::path> JsonFiles(const fs::path& dir) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: make_seeds OUT_DIR\n";
    return 2;
  }
  const fs::path data(LEADQ_TEST_DATA_DIR), out(argv[1]);
  fs::create_directories(out / "flow_decode");
  fs::create_directories(out / "engine");
  fs::create_directories(out / "json");
  fs::create_directories(out / "compiled_flow");
  fs::create_directories(out / "events");
  // The engine fuzzer numbers the valid flows in name order.
  std::vector<std::string> valid;
  for (const auto& path : JsonFiles(data / "flows")) {
    fs::copy_file(path, out / "flow_decode" / path.filename(),
                  fs::copy_options::overwrite_existing);
    fs::copy_file(path, out / "json" / path.filename(), fs::copy_options::overwrite_existing);
    if (path.filename().string().rfind("invalid-", 0) != 0) {
      valid.push_back(path.filename().string());
      const nlohmann::json compiled =
          nlohmann::json::parse(leadq::Call("compile_flow", Read(path)), nullptr, false);
      if (compiled["ok"] != true) {
        std::cerr << path.filename().string() << " does not compile\n";
        return 1;
      }
      std::ofstream(out / "compiled_flow" / path.filename(), std::ios::binary)
          << compiled["value"].dump();
    }
  }
  const std::vector<std::string> ops = {"next", "decide", "check_answer"};
  int written = 0;
  for (const auto& path : JsonFiles(data / "vectors")) {
    fs::copy_file(path, out / "json" / path.filename(), fs::copy_options::overwrite_existing);
    const nlohmann::json vector = nlohmann::json::parse(Read(path), nullptr, false);
    if (vector.is_object() && vector["op"] == "fold_events") {
      std::ofstream(out / "events" / path.filename(), std::ios::binary) << vector["request"].dump();
      continue;
    }
    if (!vector.is_object() || !vector["flow"].is_string() || !vector["op"].is_string()) continue;
    const auto flow = std::find(valid.begin(), valid.end(), vector["flow"].get<std::string>());
    const auto op = std::find(ops.begin(), ops.end(), vector["op"].get<std::string>());
    if (flow == valid.end() || op == ops.end()) continue;
    std::ofstream seed(out / "engine" / path.filename(), std::ios::binary);
    seed << static_cast<char>(flow - valid.begin()) << static_cast<char>(op - ops.begin())
         << vector["request"].dump();
    ++written;
  }
  std::cout << written << " engine seeds\n";
  return 0;
}
