// A view window's pending writes: what the runner commits with the cursor.
#include "projectors/view_txn.h"

#include <algorithm>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

namespace lawtrail::projectors {
namespace {

// Keys that agree on long stretches, are prefixes of one another, or differ
// only past the first 24 bytes or in a zero byte: where a sort that compares
// key prefixes could go wrong.
std::vector<std::string> AwkwardKeys() {
  std::vector<std::string> keys = {"", "a", "ab", std::string("ab\0", 3), std::string("ab\0c", 4), "abc"};
  const std::string long_prefix = "decision/2025-QS-00001/v/";  // 25 bytes
  for (int i = 0; i < 40; ++i) keys.push_back(long_prefix + std::to_string(i));
  keys.push_back(long_prefix);
  keys.push_back(long_prefix.substr(0, 24));
  keys.push_back(long_prefix.substr(0, 23));
  keys.push_back(long_prefix.substr(0, 8));
  keys.push_back(long_prefix.substr(0, 16));
  keys.push_back("case/案件/" + std::string(30, 'x'));
  keys.push_back("case/案件/" + std::string(31, 'x'));
  keys.push_back("\xff\xff\xff\xff\xff\xff\xff\xff\xff");
  return keys;
}

// The pending writes as key → value (nullopt: a deletion), checking they come
// in strict key order.
std::map<std::string, std::optional<std::string>> Pending(ViewTxn& txn) {
  std::map<std::string, std::optional<std::string>> got;
  std::vector<std::string> order;
  std::string scratch;
  for (const ViewWrite& w : txn.PendingWrites()) {
    order.emplace_back(w.key);
    got[std::string(w.key)] = w.erase ? std::nullopt : std::optional<std::string>(std::string(w.Value(scratch)));
  }
  CHECK(std::is_sorted(order.begin(), order.end()));
  CHECK(std::adjacent_find(order.begin(), order.end()) == order.end());  // one write per key
  return got;
}

TEST_CASE("a window's writes come out in key order, one per key, the last written winning", "[projectors][view]") {
  const std::vector<std::string> keys = AwkwardKeys();
  std::mt19937_64 rng(7);
  ViewTxn txn(nullptr, nullptr);
  txn.StartEmpty();  // nothing is read from the (absent) database
  std::map<std::string, std::optional<std::string>> expected;
  for (int step = 0; step < 3000; ++step) {
    const std::string& key = keys[rng() % keys.size()];
    if (rng() % 4 == 0) {
      txn.Delete(key);
      expected[key] = std::nullopt;
    } else {
      txn.Put(key, "v" + std::to_string(step));
      expected[key] = "v" + std::to_string(step);
    }
  }
  CHECK(Pending(txn) == expected);
}

TEST_CASE("appended values sort among the window's other writes and win over a clearing of their key",
          "[projectors][view]") {
  const std::vector<std::string> keys = AwkwardKeys();
  ViewTxn txn(nullptr, nullptr);
  txn.StartEmpty();
  std::map<std::string, std::optional<std::string>> expected;
  for (size_t i = 0; i < keys.size(); ++i) {
    const std::string value = "v" + std::to_string(i);
    if (i % 3 == 0) {
      txn.Delete(keys[i]);  // a case being rebuilt clears its keys, then folds again
      txn.Append(keys[i], value);
    } else if (i % 3 == 1) {
      txn.Append(keys[i], value);
    } else {
      txn.Put(keys[i], value);
    }
    expected[keys[i]] = value;
  }
  CHECK(Pending(txn) == expected);
}

TEST_CASE("a settled document is written as it was, and parsed back when it changes again", "[projectors][view]") {
  ViewTxn txn(nullptr, nullptr);
  txn.StartEmpty();
  JsonDoc doc;
  doc.value = {{"当事人", "何**"}, {"status", "published"}};
  txn.Store("decision/2025-QS-00001", doc);
  txn.Settle("decision/2025-QS-00001");
  txn.Settle("decision/never-touched");  // nothing there: nothing happens
  auto pending = Pending(txn);
  CHECK(pending["decision/2025-QS-00001"] == doc.value.dump());
  CHECK(pending.count("decision/never-touched") == 0);

  auto edited = txn.Edit<JsonDoc>("decision/2025-QS-00001");
  REQUIRE(edited.ok());
  REQUIRE(*edited != nullptr);
  CHECK((*edited)->value == doc.value);
  (*edited)->value["status"] = "withdrawn";
  CHECK(Pending(txn)["decision/2025-QS-00001"] == R"({"status":"withdrawn","当事人":"何**"})");
}

}  // namespace
}  // namespace lawtrail::projectors
