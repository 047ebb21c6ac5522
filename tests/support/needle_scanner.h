// Scans large byte strings for any of many private values at once, for the
// tests that prove no clear-text private value reaches records or views.
#ifndef LAWTRAIL_TESTS_SUPPORT_NEEDLE_SCANNER_H_
#define LAWTRAIL_TESTS_SUPPORT_NEEDLE_SCANNER_H_

#include <cstring>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace lawtrail::testing {

// Finds any of many needles in a large haystack in one pass: every needle is
// at least 6 bytes, so candidate positions are found by their first 6 bytes.
class NeedleScanner {
 public:
  void Add(const std::string& needle) {
    if (needle.size() < kPrefix) throw std::logic_error("needle shorter than the prefix");
    by_prefix_[Prefix(needle.data())].push_back(needle);
  }
  // The first needle found in `hay`, or empty.
  std::string FirstIn(std::string_view hay) const {
    for (size_t i = 0; i + kPrefix <= hay.size(); ++i) {
      auto it = by_prefix_.find(Prefix(hay.data() + i));
      if (it == by_prefix_.end()) continue;
      for (const std::string& n : it->second) {
        if (hay.substr(i, n.size()) == n) return n;
      }
    }
    return {};
  }
  size_t size() const { return by_prefix_.size(); }

 private:
  static constexpr size_t kPrefix = 6;
  static uint64_t Prefix(const char* p) {
    uint64_t v = 0;
    std::memcpy(&v, p, kPrefix);
    return v;
  }
  std::unordered_map<uint64_t, std::vector<std::string>> by_prefix_;
};

}  // namespace lawtrail::testing

#endif  // LAWTRAIL_TESTS_SUPPORT_NEEDLE_SCANNER_H_
