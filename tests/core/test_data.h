// Access to the shared test data (tests/data) for the core tests.
#ifndef LEADQ_TESTS_CORE_TEST_DATA_H_
#define LEADQ_TESTS_CORE_TEST_DATA_H_

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace leadq::testing {

// The tests/data folder, compiled in by CMake.
inline std::filesystem::path DataDir() { return LEADQ_TEST_DATA_DIR; }

inline std::string ReadText(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The *.json files of `dir`, sorted by name.
inline std::vector<std::filesystem::path> JsonFiles(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// A test name gtest accepts: letters, digits and '_' only.
inline std::string TestName(const std::filesystem::path& path) {
  std::string name = path.stem().string();
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

}  // namespace leadq::testing

#endif  // LEADQ_TESTS_CORE_TEST_DATA_H_
