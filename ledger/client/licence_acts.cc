#include "ledger/client/licence_acts.h"

#include "ledger/client/internal/act_maker.h"

namespace lawtrail::domain {
namespace {

using Builder = flatbuffers::FlatBufferBuilder;

const char* IntakeDocument(fb::LicenceIntakeOutcome outcome) {
  switch (outcome) {
    case fb::LicenceIntakeOutcome::NotAccepted: return "不予受理决定书";
    case fb::LicenceIntakeOutcome::Incomplete: return "一次性补正告知书";
    default: return "受理通知书";
  }
}

const char* HearingDocument(fb::LicenceHearingStep step) {
  switch (step) {
    case fb::LicenceHearingStep::Offered: return "行政许可听证告知书";
    case fb::LicenceHearingStep::Announced: return "行政许可听证公告";
    case fb::LicenceHearingStep::Requested: return "听证申请书";
    case fb::LicenceHearingStep::Waived: return "放弃听证声明书";
    case fb::LicenceHearingStep::Notified: return "行政许可听证通知书";
    case fb::LicenceHearingStep::Held: return "行政许可听证笔录";
  }
  return "行政许可听证告知书";
}

const char* EndingDocument(fb::LicenceEnding kind) {
  switch (kind) {
    case fb::LicenceEnding::Withdrawn: return "撤回行政许可决定书";
    case fb::LicenceEnding::Revoked: return "撤销行政许可决定书";
    case fb::LicenceEnding::Deregistered: return "注销行政许可决定书";
  }
  return "注销行政许可决定书";
}

using StringOffsets = std::vector<flatbuffers::Offset<flatbuffers::String>>;

StringOffsets Offsets(Builder& b, const std::vector<std::string>& v) {
  StringOffsets out;
  for (const std::string& s : v) out.push_back(b.CreateString(s));
  return out;
}

}  // namespace

Bytes ApplyForLicence(const Act& a, const LicenceApplication& app) {
  return Make(a, fb::Payload::LicenceApplied, [&](Draft& d, Builder& b) {
    auto applicant = BuildParty(d, a, app.applicant);
    const StringOffsets materials = Offsets(b, app.materials);
    return fb::CreateLicenceAppliedDirect(b, app.kind, app.item_code.c_str(), app.matter.c_str(), applicant,
                                          app.place.c_str(), app.village.c_str(), app.received_date.c_str(),
                                          app.channel, &materials, app.by_agent, app.licence_no.c_str(),
                                          app.expires_on.c_str())
        .Union();
  });
}

Bytes AnswerLicenceIntake(const Act& a, fb::LicenceIntakeOutcome outcome, const std::string& notice_no,
                          const LicenceIntakeAnswer& answer) {
  return Make(
      WithDocNo(a, notice_no), fb::Payload::LicenceIntake,
      [&](Draft&, Builder& b) {
        const StringOffsets missing = Offsets(b, answer.missing);
        return fb::CreateLicenceIntakeDirect(b, outcome, notice_no.c_str(), &missing, answer.reason.c_str(),
                                             answer.refer_to.c_str())
            .Union();
      },
      IntakeDocument(outcome));
}

Bytes SupplementLicenceMaterials(const Act& a, const std::string& received_date,
                                 const std::vector<std::string>& materials) {
  return Make(a, fb::Payload::LicenceMaterialsSupplemented, [&](Draft&, Builder& b) {
    const StringOffsets list = Offsets(b, materials);
    return fb::CreateLicenceMaterialsSupplementedDirect(b, received_date.c_str(), &list).Union();
  });
}

Bytes ExcludeLicenceTime(const Act& a, fb::LicenceExcludedTime kind, const std::string& from_date,
                         const std::string& to_date, const std::string& reason) {
  return Make(a, fb::Payload::LicenceTimeExcluded, [&](Draft&, Builder& b) {
    return fb::CreateLicenceTimeExcludedDirect(b, kind, from_date.c_str(), to_date.c_str(), reason.c_str()).Union();
  });
}

Bytes ExtendLicencePeriod(const Act& a, const std::string& reason) {
  return Make(a, fb::Payload::LicenceExtended,
              [&](Draft&, Builder& b) { return fb::CreateLicenceExtendedDirect(b, reason.c_str()).Union(); });
}

Bytes RecordLicenceHearing(const Act& a, fb::LicenceHearingStep step, const LicenceHearingInfo& info) {
  return Make(
      a, fb::Payload::LicenceHearing,
      [&](Draft&, Builder& b) {
        return fb::CreateLicenceHearingDirect(b, step, info.hearing_date.c_str(), info.place.c_str(),
                                              info.presider.c_str(), info.record_no.c_str(), info.participants_signed)
            .Union();
      },
      HearingDocument(step));
}

Bytes DecideLicence(const Act& a, const LicenceDecision& d) {
  return Make(
      WithDocNo(a, d.decision_no), fb::Payload::LicenceDecided,
      [&](Draft&, Builder& b) {
        return fb::CreateLicenceDecidedDirect(b, d.granted, d.decision_no.c_str(), d.content.c_str(),
                                              d.certificate.c_str(), d.valid_from.c_str(), d.valid_until.c_str(),
                                              d.reasons.c_str(), d.remedies, d.on_hearing_record)
            .Union();
      },
      d.granted ? "准予行政许可决定书" : "不予行政许可决定书");
}

Bytes IssueLicenceCertificate(const Act& a, const std::string& certificate_no, const std::string& name) {
  return Make(WithDocNo(a, certificate_no), fb::Payload::LicenceCertificateIssued, [&](Draft&, Builder& b) {
    return fb::CreateLicenceCertificateIssuedDirect(b, certificate_no.c_str(), name.c_str()).Union();
  });
}

Bytes EndLicence(const Act& a, const LicenceEnd& e) {
  return Make(
      WithDocNo(a, e.decision_no), fb::Payload::LicenceEnded,
      [&](Draft&, Builder& b) {
        return fb::CreateLicenceEndedDirect(b, e.kind, e.decision_no.c_str(), e.ground.c_str(), e.compensation_fen,
                                            e.by_superior, e.improper_means)
            .Union();
      },
      EndingDocument(e.kind));
}

}  // namespace lawtrail::domain
