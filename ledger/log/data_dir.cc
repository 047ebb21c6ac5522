#include "ledger/log/data_dir.h"

#include <filesystem>

#include "ledger/log/files.h"

namespace lawtrail::data_dir {
namespace {

std::string Trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  return s;
}

}  // namespace

std::string DbPath(const std::string& dir) { return dir + "/db"; }
std::string LogKeyPath(const std::string& dir) { return dir + "/log.key"; }
std::string RootKeyPath(const std::string& dir) { return dir + "/root.key"; }
std::string VerifierKeyPath(const std::string& dir) { return dir + "/log.vkey"; }
std::string SealedKeyPath(const std::string& dir) { return dir + "/sealed.key"; }
std::string EvidencePath(const std::string& dir) { return dir + "/evidence"; }

bool HoldsLog(const std::string& dir) {
  std::error_code ec;
  return std::filesystem::exists(DbPath(dir) + "/CURRENT", ec);
}

Result<note::Signer> LoadSigner(const std::string& path) {
  LAWTRAIL_ASSIGN_OR_RETURN(std::string text, ReadFile(path));
  auto signer = note::ParseSigner(Trim(std::move(text)));
  if (!signer.ok()) return signer.status().WithContext(path);
  return signer;
}

Status SaveSigner(const std::string& path, const note::Signer& signer) {
  return WriteFileDurably(path, note::EncodeSigner(signer.name, signer.key) + "\n", 0600, true);
}

Result<note::Verifier> LoadVerifier(const std::string& dir) { return LoadVerifierFile(VerifierKeyPath(dir)); }

Result<note::Verifier> LoadVerifierFile(const std::string& path) {
  LAWTRAIL_ASSIGN_OR_RETURN(std::string text, ReadFile(path));
  auto v = note::ParseVerifier(Trim(std::move(text)));
  if (!v.ok()) return v.status().WithContext(path);
  return v;
}

}  // namespace lawtrail::data_dir
