#include "ledger/replay/admission.h"

#include "ledger/core/log_format.h"
#include "ledger/domain/sealed_fields.h"
#include "ledger/replay/draw_book.h"

namespace lawtrail {
namespace {

Status CheckPlacement(const fb::Statement& st, const AdmissionInput& in) {
  const bool genesis = st.payload_type() == fb::Payload::AgencyGenesis;
  if (in.index == 0 && !genesis) {
    return Status::FailedPrecondition("the first record of a log must be the agency genesis");
  }
  if (in.index != 0 && genesis) {
    return Status::FailedPrecondition("the agency genesis can only be the first record");
  }
  const std::string_view case_id = st.case_id()->string_view();
  if (IsRegistryEvent(st.payload_type())) {
    if (case_id != kRegistryCaseId) {
      return Status::InvalidArgument("registry events belong to case '" + std::string(kRegistryCaseId) + "', not '" +
                                     std::string(case_id) + "'");
    }
  } else if (IsDrawEvent(st.payload_type())) {
    if (case_id != kDrawsCaseId) {
      return Status::InvalidArgument("draw events belong to case '" + std::string(kDrawsCaseId) + "', not '" +
                                     std::string(case_id) + "'");
    }
  } else if (case_id.front() == '@') {
    return Status::InvalidArgument("case id '" + std::string(case_id) +
                                   "' is reserved: ids starting with '@' belong to the log");
  }
  return Status::Ok();
}

}  // namespace

Result<std::vector<domain::Flag>> Admit(const Registry& registry, const ParsedStatement& s, const AdmissionInput& in) {
  const fb::Statement& st = *s.statement;
  if (st.origin()->string_view() != in.log_origin) {
    return Status::InvalidArgument("statement is for log '" + st.origin()->str() + "', this log is '" +
                                   std::string(in.log_origin) + "'");
  }
  LAWTRAIL_RETURN_IF_ERROR(CheckPlacement(st, in));
  if (st.occurred_at_ms() > in.time_recorded_ms + kMaxClockSkewMs) {
    return Status::InvalidArgument("statement claims to have happened " +
                                   std::to_string((st.occurred_at_ms() - in.time_recorded_ms) / 1000) +
                                   " s in the future");
  }
  if (auto expected = st.expected_case_version(); expected.has_value()) {
    if (*expected != in.head.version) {
      return Status::FailedPrecondition("expected case version " + std::to_string(*expected) + ", but case '" +
                                        st.case_id()->str() + "' is at version " + std::to_string(in.head.version));
    }
  }
  LAWTRAIL_RETURN_IF_ERROR(registry.Authorize(st, s.signer, in.time_recorded_ms));
  if (IsRegistryEvent(st.payload_type())) {
    LAWTRAIL_RETURN_IF_ERROR(registry.CheckEvent(st));
    return std::vector<domain::Flag>();
  }
  if (!domain::IsCaseEvent(st.payload_type())) {
    LAWTRAIL_RETURN_IF_ERROR(domain::CheckSealedStructure(st));
    return std::vector<domain::Flag>();
  }
  if (in.case_state == nullptr) return Status::Internal("admission of a case event without its state");
  LAWTRAIL_ASSIGN_OR_RETURN(auto flags, domain::CheckProcedure(registry, *in.case_state, st, in.time_recorded_ms));
  LAWTRAIL_RETURN_IF_ERROR(domain::CheckSealedStructure(st));
  return flags;
}

}  // namespace lawtrail
