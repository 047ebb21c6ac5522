#include "tests/support/temp_dir.h"

#include <filesystem>
#include <stdexcept>

#include <stdlib.h>

namespace lawtrail::testing {

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "lawtrail-test-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

}  // namespace lawtrail::testing
