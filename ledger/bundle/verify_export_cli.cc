#include "ledger/bundle/verify_export_cli.h"

#include <fstream>
#include <sstream>

#include "ledger/bundle/export_verifier.h"

namespace lawtrail {
namespace {

Result<std::string> Slurp(const std::string& path, std::string_view what) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return Status::NotFound(std::string(what) + " '" + path + "' cannot be read");
  std::string content(static_cast<size_t>(in.tellg()), '\0');
  in.seekg(0);
  if (!in.read(content.data(), static_cast<std::streamsize>(content.size()))) {
    return Status::IOError(std::string(what) + " '" + path + "' could not be read to its end");
  }
  return content;
}

std::string Trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  return s;
}

Result<note::Verifier> LoadKey(const std::string& arg) {
  if (auto key = note::ParseVerifier(Trim(arg)); key.ok()) return key;
  auto text = Slurp(arg, "verifier key file");
  if (!text.ok()) return Status::InvalidArgument("--vkey is neither a verifier key nor a readable file: " + arg);
  return note::ParseVerifier(Trim(*text));
}

Result<std::vector<Hash>> LoadProof(const std::string& path) {
  LAWTRAIL_ASSIGN_OR_RETURN(std::string text, Slurp(path, "consistency proof"));
  std::vector<Hash> proof;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    line = Trim(line);
    if (line.empty()) continue;
    auto h = HashFromBase64(line);
    if (!h.ok()) return h.status().WithContext("consistency proof line " + std::to_string(proof.size() + 1));
    proof.push_back(*h);
  }
  return proof;
}

}  // namespace

int RunVerifyExport(const VerifyExportArgs& args, std::FILE* out, std::FILE* err) {
  auto bad_use = [&](const Status& s) {
    std::fprintf(err, "verify-export: %s\n", s.message().c_str());
    return 2;
  };
  auto bundle = Slurp(args.bundle_file, "bundle");
  if (!bundle.ok()) return bad_use(bundle.status());
  auto key = LoadKey(args.vkey);
  if (!key.ok()) return bad_use(key.status().WithContext("verifier key"));
  ExportCheckOptions options{*key, std::nullopt, {}};
  if (!args.trusted_file.empty()) {
    auto trusted = Slurp(args.trusted_file, "trusted checkpoint");
    if (!trusted.ok()) return bad_use(trusted.status());
    options.trusted_checkpoint = std::move(*trusted);
  }
  if (!args.consistency_file.empty()) {
    auto proof = LoadProof(args.consistency_file);
    if (!proof.ok()) return bad_use(proof.status());
    options.consistency = std::move(*proof);
  }
  if (!args.policy_file.empty()) {
    auto text = Slurp(args.policy_file, "witness policy");
    if (!text.ok()) return bad_use(text.status());
    auto parsed = policy::Parse(*text);
    if (!parsed.ok()) return bad_use(parsed.status().WithContext(args.policy_file));
    options.policy = std::move(*parsed);
  }
  const ExportReport report = VerifyExport(AsBytes(*bundle), options);
  std::fputs(FormatExportReport(report).c_str(), out);
  if (!report.status.ok()) {
    std::fprintf(err, "verify-export: FAILED at %s\n", report.failure.c_str());
    return 1;
  }
  return 0;
}

}  // namespace lawtrail
