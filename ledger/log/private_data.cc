#include "ledger/log/private_data.h"

#include <algorithm>
#include <set>

#include <sodium.h>

#include "ledger/log/log_reader.h"
#include "schemas/submission_generated.h"

namespace lawtrail {

Hash PartyTagOf(const SealedVault& vault, PartyKey kind, std::string_view identifier) {
  return vault.PartyTag(kind == PartyKey::kPerson ? "person" : "organisation", identifier);
}

Bytes EncryptOpening(const SealedVault& vault, std::string_view case_id, uint64_t index, const Opening& o) {
  flatbuffers::FlatBufferBuilder b(256);
  b.Finish(fb::CreateStoredOpening(b, b.CreateString(case_id), index, b.CreateString(o.field), b.CreateVector(o.salt),
                                   b.CreateString(o.value)));
  Bytes sealed = vault.Encrypt(ByteView(b.GetBufferPointer(), b.GetSize()));
  sodium_memzero(b.GetBufferPointer(), b.GetSize());
  return sealed;
}

Result<std::optional<OpenedField>> ReadOpening(Store& store, const SealedVault& vault, const Hash& commitment) {
  LAWTRAIL_ASSIGN_OR_RETURN(auto stored, store.Get(Cf::kSealed, AsChars(commitment)));
  if (!stored) return std::optional<OpenedField>();
  LAWTRAIL_ASSIGN_OR_RETURN(Bytes plain, vault.Decrypt(AsBytes(*stored)));
  flatbuffers::Verifier verifier(plain.data(), plain.size());
  if (!verifier.VerifyBuffer<fb::StoredOpening>(nullptr)) {
    return Status::Corruption("the stored opening of a commitment is malformed");
  }
  const auto* o = flatbuffers::GetRoot<fb::StoredOpening>(plain.data());
  OpenedField out{o->case_id()->str(), o->index(), o->field()->str(), o->value()->str(),
                  o->salt() ? Bytes(o->salt()->begin(), o->salt()->end()) : Bytes()};
  sodium_memzero(plain.data(), plain.size());
  return std::optional<OpenedField>(std::move(out));
}

Result<std::vector<PartyMention>> FindParty(Store& store, const SealedVault& vault, PartyKey kind,
                                            std::string_view identifier) {
  const Hash tag = PartyTagOf(vault, kind, identifier);
  const std::string prefix(AsChars(tag));
  std::vector<PartyMention> out;
  std::unique_ptr<rocksdb::Iterator> it(store.db()->NewIterator(rocksdb::ReadOptions(), store.cf(Cf::kParties)));
  for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
    if (it->key().size() != prefix.size() + 8) return Status::Corruption("malformed party index key");
    out.push_back(
        {ReadBigEndian64(reinterpret_cast<const uint8_t*>(it->key().data()) + prefix.size()), it->value().ToString()});
  }
  LAWTRAIL_RETURN_IF_ERROR(FromRocks(it->status(), "reading the party index"));
  return out;
}

Result<std::vector<PartyRecord>> RecordsAboutParty(Store& store, const SealedVault& vault, PartyKey kind,
                                                   std::string_view identifier) {
  LAWTRAIL_ASSIGN_OR_RETURN(const std::vector<PartyMention> mentions, FindParty(store, vault, kind, identifier));
  std::set<uint64_t> naming;
  std::set<std::string> cases;
  for (const auto& m : mentions) {
    naming.insert(m.index);
    cases.insert(m.case_id);
  }
  std::vector<PartyRecord> out;
  const LogReader reader(store);
  for (const std::string& case_id : cases) {
    LAWTRAIL_RETURN_IF_ERROR(reader.ForEachCaseRecord(case_id, [&](uint64_t index, const Bytes&) {
      out.push_back({index, case_id, naming.contains(index)});
      return Status::Ok();
    }));
  }
  std::sort(out.begin(), out.end(), [](const PartyRecord& a, const PartyRecord& b) { return a.index < b.index; });
  return out;
}

}  // namespace lawtrail
