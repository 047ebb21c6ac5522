#include "ledger/casefile/act_names.h"

namespace lawtrail {

std::string_view ActName(fb::Payload type) {
  // No default: a payload added to the schema without a name here fails the build (-Wswitch).
  switch (type) {
    case fb::Payload::NONE: break;
    case fb::Payload::AgencyGenesis: return "执法主体登记";
    case fb::Payload::RootKeyRotated: return "主体签名密钥更换";
    case fb::Payload::OfficerRegistered: return "执法人员登记";
    case fb::Payload::OfficerSuspended: return "执法证暂停";
    case fb::Payload::OfficerReinstated: return "执法证恢复";
    case fb::Payload::OfficerRevoked: return "执法证注销";
    case fb::Payload::OfficerKeyRotated: return "执法人员签名密钥更换";
    case fb::Payload::CaseMemo: return "备注";
    case fb::Payload::AgencyProfileUpdated: return "执法主体信息公示";
    case fb::Payload::OfficerProfileChanged: return "执法人员信息变更";
    case fb::Payload::PowerItemPublished: return "权力事项公示";
    case fb::Payload::RandomInspectionItemPublished: return "随机抽查事项公示";
    case fb::Payload::AvItemPublished: return "音像记录事项公示";
    case fb::Payload::LegalReviewCatalogueItemPublished: return "法制审核目录公示";
    case fb::Payload::DocumentPublished: return "服务指南等文件公示";
    case fb::Payload::DiscretionStandardPublished: return "裁量基准公示";
    case fb::Payload::MasterItemRetired: return "清单事项废止";
    case fb::Payload::CaseSourceRegistered: return "案源登记";
    case fb::Payload::CaseOpened: return "立案";
    case fb::Payload::InspectionRecorded: return "现场检查";
    case fb::Payload::InquiryRecorded: return "询问调查";
    case fb::Payload::EvidenceRecorded: return "调查取证";
    case fb::Payload::AvRecordingAttached: return "音像记录";
    case fb::Payload::EvidencePreserved: return "先行登记保存";
    case fb::Payload::PreservationDisposed: return "登记保存处理";
    case fb::Payload::CoerciveMeasureTaken: return "采取行政强制措施";
    case fb::Payload::CoerciveMeasureExtended: return "延长强制措施期限";
    case fb::Payload::CoerciveMeasureLifted: return "解除强制措施";
    case fb::Payload::CorrectionOrdered: return "责令改正";
    case fb::Payload::InvestigationConcluded: return "调查终结";
    case fb::Payload::LegalReviewRequested: return "提请法制审核";
    case fb::Payload::LegalReviewOpinion: return "法制审核意见";
    case fb::Payload::CollectiveDiscussionHeld: return "集体讨论";
    case fb::Payload::PriorNoticeServed: return "事先告知";
    case fb::Payload::StatementReceived: return "陈述申辩";
    case fb::Payload::HearingRequested: return "申请听证";
    case fb::Payload::HearingNotified: return "听证通知";
    case fb::Payload::HearingHeld: return "举行听证";
    case fb::Payload::DecisionIssued: return "作出决定";
    case fb::Payload::DocumentServed: return "文书送达";
    case fb::Payload::PaymentRecorded: return "缴纳罚没款";
    case fb::Payload::PaymentDeferred: return "延期或分期缴纳";
    case fb::Payload::LateFeeImposed: return "加处罚款";
    case fb::Payload::DemandNoticeServed: return "催告";
    case fb::Payload::CourtEnforcementApplied: return "申请人民法院强制执行";
    case fb::Payload::EnforcementExecuted: return "强制执行";
    case fb::Payload::CaseClosed: return "结案";
    case fb::Payload::DecisionChanged: return "决定变更、撤销或确认违法";
    case fb::Payload::DisclosurePublished: return "公示";
    case fb::Payload::DisclosureCorrected: return "公示更正";
    case fb::Payload::DisclosureWithdrawn: return "公示撤回";
    case fb::Payload::CaseFileRetrieved: return "案卷调阅";
    case fb::Payload::OriginalsReleaseApproved: return "原始记录对外提供审批";
    case fb::Payload::ExportApproved: return "案卷导出审批";
    case fb::Payload::OpeningsErased: return "个人信息删除";
    case fb::Payload::CaseExported: return "案卷导出";
    case fb::Payload::HeadApproved: return "负责人审批";
    case fb::Payload::CollectiveOpinionGiven: return "集体讨论个人意见";
    case fb::Payload::BackfillDeclared: return "补录声明";
    case fb::Payload::ReferenceTableAdopted: return "参照表采用";
    case fb::Payload::EnforcementDecided: return "强制执行决定";
    case fb::Payload::DemolitionAnnounced: return "限期拆除公告";
    case fb::Payload::InspectionPoolPublished: return "双随机名录库公布";
    case fb::Payload::DrawAnnounced: return "随机抽取公告";
    case fb::Payload::DrawRecorded: return "随机抽取结果";
    case fb::Payload::InspectorRecused: return "检查人员回避";
    case fb::Payload::DrawCancelled: return "随机抽取取消";
    case fb::Payload::InspectionResultRecorded: return "抽查检查结果";
    case fb::Payload::InspectionResultPublished: return "抽查结果公示";
    case fb::Payload::InspectionPlanPublished: return "年度抽查工作计划";
    case fb::Payload::EntryScanned: return "扫码入企";
    case fb::Payload::ChallengeFiled: return "行政复议或行政诉讼受理";
    case fb::Payload::ChallengeConcluded: return "行政复议或行政诉讼审结";
  }
  return "未知行为";
}

}  // namespace lawtrail
