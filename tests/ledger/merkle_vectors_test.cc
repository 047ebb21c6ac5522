// The transparency-dev/merkle proof vectors: our verifier must accept every
// valid proof and reject every corrupted one (wantErr).
#include <filesystem>
#include <fstream>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "ledger/core/merkle.h"

namespace lawtrail {
namespace {

using nlohmann::json;

std::vector<std::filesystem::path> VectorFiles(const std::string& kind) {
  std::vector<std::filesystem::path> files;
  for (const auto& e :
       std::filesystem::recursive_directory_iterator(std::string(LAWTRAIL_TEST_VECTORS) + "/merkle/" + kind)) {
    if (e.path().extension() == ".json") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

Bytes B64(const json& j) {
  if (j.is_null()) return {};
  auto b = FromBase64(j.get<std::string>());
  REQUIRE(b.ok());
  return *b;
}

std::vector<Bytes> Proof(const json& j) {
  std::vector<Bytes> out;
  if (j.is_null()) return out;
  for (const auto& h : j) out.push_back(B64(h));
  return out;
}

TEST_CASE("every transparency-dev inclusion vector is judged as expected", "[merkle][vectors]") {
  const auto files = VectorFiles("inclusion");
  REQUIRE(files.size() == 98);
  for (const auto& path : files) {
    const json v = json::parse(std::ifstream(path));
    INFO(path.string() << ": " << v.value("desc", ""));
    const Status s = merkle::VerifyInclusion(v["leafIdx"].get<uint64_t>(), v["treeSize"].get<uint64_t>(),
                                             B64(v["leafHash"]), Proof(v["proof"]), B64(v["root"]));
    CHECK(s.ok() == !v["wantErr"].get<bool>());
  }
}

TEST_CASE("every transparency-dev consistency vector is judged as expected", "[merkle][vectors]") {
  const auto files = VectorFiles("consistency");
  REQUIRE(files.size() == 98);
  for (const auto& path : files) {
    const json v = json::parse(std::ifstream(path));
    INFO(path.string() << ": " << v.value("desc", ""));
    const Status s = merkle::VerifyConsistency(v["size1"].get<uint64_t>(), v["size2"].get<uint64_t>(), B64(v["root1"]),
                                               B64(v["root2"]), Proof(v["proof"]));
    CHECK(s.ok() == !v["wantErr"].get<bool>());
  }
}

TEST_CASE("the root of the eight reference leaves matches the published root", "[merkle]") {
  const char* leaves[] = {
      "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"};
  std::vector<Hash> hashes;
  for (const char* hex : leaves) hashes.push_back(merkle::LeafHash(*FromHex(hex)));
  CHECK(ToHex(merkle::RootOf(hashes)) == "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");
  CHECK(ToHex(merkle::RootOf({})) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

}  // namespace
}  // namespace lawtrail
