#include "ledger/domain/sealed_fields.h"

#include <set>

#include "ledger/core/bytes.h"
#include "ledger/core/fb_string.h"
#include "ledger/core/utf8.h"
#include "ledger/domain/calendar.h"
#include "ledger/domain/identifiers.h"
#include "ledger/domain/private_text.h"
#include "ledger/domain/rules.h"

namespace lawtrail::domain {
namespace {

std::string_view Kind(std::string_view field) {
  const size_t dot = field.rfind('.');
  return dot == std::string_view::npos ? field : field.substr(dot + 1);
}

const fb::SealedField* FindSealed(const fb::Statement& st, std::string_view field) {
  if (st.sealed() == nullptr) return nullptr;
  for (const auto* f : *st.sealed()) {
    if (f->field() != nullptr && f->field()->string_view() == field) return f;
  }
  return nullptr;
}

}  // namespace

std::string MaskFor(std::string_view field, std::string_view value) {
  const std::string_view kind = Kind(field);
  if (kind == "name") return MaskPersonName(value);
  if (kind == "id_no") return MaskMiddle(value, 4, 4);
  if (kind == "phone") return MaskMiddle(value, 3, 4);
  if (kind == "bank_account") return MaskMiddle(value, 0, 4);
  return "****";
}

bool IdentifiesParty(std::string_view field) {
  const std::string_view kind = Kind(field);
  return kind == "id_no" || kind == "credit_code";
}

const fb::Party* OpeningParty(const fb::Statement& st) {
  if (const auto* o = st.payload_as_CaseOpened()) return o->party();
  if (const auto* a = st.payload_as_LicenceApplied()) return a->applicant();
  // An owner whose land, house or property is taken is sealed like a party.
  if (const auto* a = st.payload_as_TakingAgreed()) return a->owner();
  if (const auto* r = st.payload_as_RequisitionOrdered()) return r->owner();
  return nullptr;
}

Status CheckSealedStructure(const fb::Statement& st) {
  std::set<std::string> fields;
  if (st.sealed() != nullptr) {
    for (const auto* f : *st.sealed()) {
      const std::string field = Str(f->field());
      if (field.empty()) return Refuse("P-SEALED", "a sealed field has no name");
      if (!fields.insert(field).second) return Refuse("P-SEALED", "sealed field '" + field + "' appears twice");
      if (f->commitment() == nullptr || f->commitment()->size() != 32) {
        return Refuse("P-SEALED", "sealed field '" + field + "' needs a 32-byte commitment");
      }
      if (Str(f->masked()).empty()) return Refuse("P-SEALED", "sealed field '" + field + "' has no masked form");
    }
  }
  // The person questioned — a witness, the party or anyone else — is named only by a sealed name
  // (个人信息保护法 第28条; domain.md §7.4: names of natural persons other than the party are hidden).
  if (const auto* inquiry = st.payload_as_InquiryRecorded()) {
    const auto* name = FindSealed(st, "inquiry.name");
    if (name == nullptr) return Refuse("P-SEALED", "the person questioned must be sealed (inquiry.name)");
    if (Str(inquiry->subject_masked()) != Str(name->masked())) {
      return Refuse("P-SEALED",
                    "the person questioned must be shown only in the masked form '" + Str(name->masked()) + "'");
    }
    return Status::Ok();
  }
  const fb::Party* party = OpeningParty(st);
  if (party == nullptr) return Status::Ok();  // refused by the procedure rules with a clearer message
  if (party->kind() == fb::PartyKind::NaturalPerson) {
    const auto* name = FindSealed(st, "party.name");
    if (name == nullptr || FindSealed(st, "party.id_no") == nullptr) {
      return Refuse("P-SEALED",
                    "a natural-person party's name and ID number must be sealed "
                    "(party.name, party.id_no)");
    }
    if (Str(party->name()) != Str(name->masked())) {
      return Refuse("P-SEALED", "the party's name must be shown only in its masked form '" + Str(name->masked()) + "'");
    }
    if (!Str(party->credit_code()).empty()) {
      return Refuse("P-SEALED", "a natural person has no 统一社会信用代码");
    }
    return Status::Ok();
  }
  Status code = ValidateCreditCode(Str(party->credit_code()));
  if (!code.ok()) return Refuse("P-SEALED", "party 统一社会信用代码: " + code.message());
  return Status::Ok();
}

namespace {

// 行政处罚法 第30条: the party's age on the day the case is opened, from the
// sealed ID's birth date, must be what the statement says of it — the flags
// every later rule and view relies on are never the client's word alone.
Status CheckPartyAge(const fb::Statement& st, std::span<const Opening> openings) {
  const fb::Party* party = OpeningParty(st);
  if (party == nullptr || party->kind() != fb::PartyKind::NaturalPerson) return Status::Ok();
  for (const Opening& o : openings) {
    if (o.field != "party.id_no") continue;
    LAWTRAIL_ASSIGN_OR_RETURN(const auto birth, BirthDateOf(o.value));
    const int age = AgeOn(birth, ChinaDateOf(st.occurred_at_ms()));
    if (party->minor() != (age < 18) || party->under_14() != (age < 14)) {
      return Refuse("P-AGE", "the party is " + std::to_string(age) + " on " +
                                 FormatDate(ChinaDateOf(st.occurred_at_ms())) +
                                 " by the sealed ID, but the case says " + (party->minor() ? "a minor" : "an adult") +
                                 (party->under_14() ? " under 14" : ""));
    }
  }
  return Status::Ok();
}

}  // namespace

Status CheckOpenings(const fb::Statement& st, std::span<const Opening> openings) {
  std::set<std::string> opened;
  for (const Opening& o : openings) {
    const fb::SealedField* f = FindSealed(st, o.field);
    if (f == nullptr) return Refuse("P-SEALED", "opening for '" + o.field + "', which the statement does not seal");
    if (!opened.insert(o.field).second) return Refuse("P-SEALED", "field '" + o.field + "' is opened twice");
    if (o.salt.size() != kSaltBytes) {
      return Refuse("P-SEALED", "the salt of '" + o.field + "' must be " + std::to_string(kSaltBytes) + " bytes");
    }
    if (o.value.empty() || !IsValidUtf8(o.value)) {
      return Refuse("P-SEALED", "the value of '" + o.field + "' must be non-empty UTF-8");
    }
    const Hash c = CommitmentOf(o.salt, o.value);
    if (!ConstantTimeEqual(c, ByteView(f->commitment()->data(), f->commitment()->size()))) {
      return Refuse("P-SEALED", "the opening of '" + o.field + "' does not match its commitment");
    }
    if (Kind(o.field) == "id_no") {
      Status id = ValidateResidentId(o.value);
      if (!id.ok()) return Refuse("P-SEALED", "'" + o.field + "': " + id.message());
    }
    if (Str(f->masked()) != MaskFor(o.field, o.value)) {
      return Refuse("P-SEALED", "the masked form of '" + o.field + "' is '" + Str(f->masked()) +
                                    "', which is not the masked form of its value");
    }
  }
  if (st.sealed() != nullptr && opened.size() != st.sealed()->size()) {
    for (const auto* f : *st.sealed()) {
      if (!opened.count(Str(f->field()))) {
        return Refuse("P-SEALED", "sealed field '" + Str(f->field()) + "' came without its opening");
      }
    }
  }
  std::vector<SealedValue> values;
  for (const Opening& o : openings) {
    const auto* masked = FindSealed(st, o.field)->masked();  // present: compared with its mask above
    values.push_back({o.field, o.value, masked->string_view()});
  }
  LAWTRAIL_RETURN_IF_ERROR(CheckTextAgainstSealed(st, values));
  return CheckPartyAge(st, openings);
}

}  // namespace lawtrail::domain
