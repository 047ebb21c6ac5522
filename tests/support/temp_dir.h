// A temporary folder, removed with everything in it when the object dies.
#ifndef LAWTRAIL_TESTS_SUPPORT_TEMP_DIR_H_
#define LAWTRAIL_TESTS_SUPPORT_TEMP_DIR_H_

#include <string>

namespace lawtrail::testing {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string operator/(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

}  // namespace lawtrail::testing

#endif  // LAWTRAIL_TESTS_SUPPORT_TEMP_DIR_H_
