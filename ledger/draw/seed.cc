#include "ledger/draw/seed.h"

#include <set>

#include "ledger/core/sha256.h"

namespace lawtrail::draw {

Status CheckSeedTerms(const SeedTerms& terms) {
  auto log = note::ParseVerifier(terms.log_vkey);
  if (!log.ok()) return log.status().WithContext("the log's key");
  if (terms.witness_vkeys.empty()) {
    return Status::InvalidArgument("no witness is named: without witnesses the log's operator could steer the seed");
  }
  std::set<std::string> names;
  for (const std::string& vkey : terms.witness_vkeys) {
    auto w = cosig::ParseVerifier(vkey);
    if (!w.ok()) return w.status().WithContext("witness key '" + vkey + "'");
    if (!names.insert(w->name).second) return Status::InvalidArgument("witness '" + w->name + "' is named twice");
  }
  return Status::Ok();
}

Result<Seed> OpenSeed(std::string_view signed_checkpoint, const SeedTerms& terms) {
  LAWTRAIL_RETURN_IF_ERROR(CheckSeedTerms(terms));
  LAWTRAIL_ASSIGN_OR_RETURN(const note::Verifier log, note::ParseVerifier(terms.log_vkey));
  Seed seed;
  auto opened = OpenCheckpoint(signed_checkpoint, log);
  if (!opened.ok()) return opened.status().WithContext("the seed checkpoint");
  seed.checkpoint = std::move(*opened);
  if (seed.checkpoint.size != terms.tree_size) {
    return Status::InvalidArgument("the seed checkpoint is of size " + std::to_string(seed.checkpoint.size) +
                                   ", the draw named size " + std::to_string(terms.tree_size));
  }
  const std::string body = seed.checkpoint.Body();
  std::string material = "lawtrail-draw/v1 seed\n" + body;
  for (const std::string& vkey : terms.witness_vkeys) {
    LAWTRAIL_ASSIGN_OR_RETURN(const note::Verifier w, cosig::ParseVerifier(vkey));
    auto cosignature = cosig::VerifiedCosignature(signed_checkpoint, w);
    if (!cosignature.ok()) return cosignature.status().WithContext("the seed checkpoint");
    AppendBigEndian64(material, cosignature->timestamp);
    material.append(AsChars(cosignature->signature));
    seed.cosigned.emplace_back(w.name, cosignature->timestamp);
  }
  seed.value = Sha256(AsBytes(material));
  return seed;
}

}  // namespace lawtrail::draw
