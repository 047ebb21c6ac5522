#include "ledger/casefile/act_names.h"

#include <iterator>

#include "ledger/domain/taking.h"

namespace lawtrail {
namespace {

// Indexed by fb::Payload: the static_assert below fails the build when a payload is added to the schema
// without its name here.
constexpr std::string_view kActNames[] = {
    "",                          // NONE
    "执法主体登记",              // AgencyGenesis
    "主体签名密钥更换",          // RootKeyRotated
    "执法人员登记",              // OfficerRegistered
    "执法证暂停",                // OfficerSuspended
    "执法证恢复",                // OfficerReinstated
    "执法证注销",                // OfficerRevoked
    "执法人员签名密钥更换",      // OfficerKeyRotated
    "备注",                      // CaseMemo
    "执法主体信息公示",          // AgencyProfileUpdated
    "执法人员信息变更",          // OfficerProfileChanged
    "权力事项公示",              // PowerItemPublished
    "随机抽查事项公示",          // RandomInspectionItemPublished
    "音像记录事项公示",          // AvItemPublished
    "法制审核目录公示",          // LegalReviewCatalogueItemPublished
    "服务指南等文件公示",        // DocumentPublished
    "裁量基准公示",              // DiscretionStandardPublished
    "清单事项废止",              // MasterItemRetired
    "案源登记",                  // CaseSourceRegistered
    "立案",                      // CaseOpened
    "现场检查",                  // InspectionRecorded
    "询问调查",                  // InquiryRecorded
    "调查取证",                  // EvidenceRecorded
    "音像记录",                  // AvRecordingAttached
    "先行登记保存",              // EvidencePreserved
    "登记保存处理",              // PreservationDisposed
    "采取行政强制措施",          // CoerciveMeasureTaken
    "延长强制措施期限",          // CoerciveMeasureExtended
    "解除强制措施",              // CoerciveMeasureLifted
    "责令改正",                  // CorrectionOrdered
    "调查终结",                  // InvestigationConcluded
    "提请法制审核",              // LegalReviewRequested
    "法制审核意见",              // LegalReviewOpinion
    "集体讨论",                  // CollectiveDiscussionHeld
    "事先告知",                  // PriorNoticeServed
    "陈述申辩",                  // StatementReceived
    "申请听证",                  // HearingRequested
    "听证通知",                  // HearingNotified
    "举行听证",                  // HearingHeld
    "作出决定",                  // DecisionIssued
    "文书送达",                  // DocumentServed
    "缴纳罚没款",                // PaymentRecorded
    "延期或分期缴纳",            // PaymentDeferred
    "加处罚款",                  // LateFeeImposed
    "催告",                      // DemandNoticeServed
    "申请人民法院强制执行",      // CourtEnforcementApplied
    "强制执行",                  // EnforcementExecuted
    "结案",                      // CaseClosed
    "决定变更、撤销或确认违法",  // DecisionChanged
    "公示",                      // DisclosurePublished
    "公示更正",                  // DisclosureCorrected
    "公示撤回",                  // DisclosureWithdrawn
    "案卷调阅",                  // CaseFileRetrieved
    "原始记录对外提供审批",      // OriginalsReleaseApproved
    "案卷导出审批",              // ExportApproved
    "个人信息删除",              // OpeningsErased
    "案卷导出",                  // CaseExported
    "负责人审批",                // HeadApproved
    "集体讨论个人意见",          // CollectiveOpinionGiven
    "补录声明",                  // BackfillDeclared
    "强制执行决定",              // EnforcementDecided
    "限期拆除公告",              // DemolitionAnnounced
    "参照表采用",                // ReferenceTableAdopted
    "双随机名录库公布",          // InspectionPoolPublished
    "随机抽取公告",              // DrawAnnounced
    "随机抽取结果",              // DrawRecorded
    "检查人员回避",              // InspectorRecused
    "随机抽取取消",              // DrawCancelled
    "抽查检查结果",              // InspectionResultRecorded
    "抽查结果公示",              // InspectionResultPublished
    "行政复议或行政诉讼受理",    // ChallengeFiled
    "行政复议或行政诉讼审结",    // ChallengeConcluded
    "年度抽查工作计划",          // InspectionPlanPublished
    "扫码入企",                  // EntryScanned
    "行政许可申请",              // LicenceApplied
    "行政许可受理审查",          // LicenceIntake
    "申请材料补正",              // LicenceMaterialsSupplemented
    "不计入许可期限的时间告知",  // LicenceTimeExcluded
    "延长行政许可期限",          // LicenceExtended
    "行政许可听证",              // LicenceHearing
    "行政许可决定",              // LicenceDecided
    "颁发许可证件",              // LicenceCertificateIssued
    "行政许可撤回、撤销或注销",  // LicenceEnded
    "代履行决定",                // SubstituteExecutionDecided
    "征收公告张贴",              // TakingNoticePosted
    "征收批准",                  // TakingApproved
    "征收补偿协议",              // TakingAgreed
    "补偿决定",                  // CompensationDecided
    "补偿款支付",                // CompensationPaid
    "交地或搬迁",                // TakingVacated
    "征用通知及财产清单",        // RequisitionOrdered
    "征用财产返还",              // RequisitionReturned
    "原件销毁",                  // EvidenceDisposed
};
static_assert(std::size(kActNames) == static_cast<size_t>(fb::Payload::MAX) + 1);

}  // namespace

std::string_view ActName(fb::Payload type) {
  const auto i = static_cast<size_t>(type);
  if (i == 0 || i >= std::size(kActNames)) return "未知行为";
  return kActNames[i];
}

std::string_view ActNameOf(const fb::Statement& st) {
  if (const auto* e = st.payload_as_EnforcementExecuted()) {
    switch (e->kind()) {
      case fb::ExecutionKind::Substitute: return "代履行";
      case fb::ExecutionKind::Demolition: return "强制拆除";
      case fb::ExecutionKind::Auction: return "拍卖查封扣押财物";
      default: break;
    }
  }
  if (const auto* n = st.payload_as_TakingNoticePosted(); n != nullptr && n->kind() <= fb::TakingNoticeKind::MAX) {
    return domain::TakingNoticeName(n->kind());
  }
  return ActName(st.payload_type());
}

}  // namespace lawtrail
