#include "ledger/domain/rules.h"

#include <array>
#include <cstdlib>

namespace lawtrail::domain {
namespace {

using enum Severity;

constexpr std::array kRules = {
    RuleInfo{kSignerRule, kRefuse, "行政处罚法 第42条; 行政执法证件管理",
             "签名人须登记在册、未被暂扣或吊销、证件在有效期内并具有该行为所需角色 — the signer is "
             "registered, active, within validity and holds the act's role"},
    RuleInfo{"P-CASE-OPEN", kRefuse, "行政处罚法 第54条",
             "案件行为须在已立案、未结案的案件中 — a case act needs an opened case that is not closed"},
    RuleInfo{"P-STAGE", kRefuse, "行政处罚法 第47条",
             "行为须符合案件所处环节 (启动→调查取证→审核→决定→送达→执行) — the case's stage must allow "
             "the act (ledger/domain/case-stages.tsv)"},
    RuleInfo{"P-POWER-ITEM", kRefuse, "行政处罚法 第39条",
             "立案须依据已公示且未废止的执法事项, 类别一致 — a case opens under a published, unretired "
             "power item of the same category"},
    RuleInfo{"P-CERT-SCOPE", kRefuse, "行政处罚法 第42条; 《行政执法证件管理办法》",
             "执法人员只能在执法证载明的执法类别和执法区域内执法 — an officer acts only within the 执法类别 and "
             "执法区域 on the certificate: the case's power item's category, the agency's 行政区划 and the case's "
             "村/社区"},
    RuleInfo{"P-TWO-OFFICERS", kRefuse, "行政处罚法 第42条; 行政强制法 第18条",
             "调查、检查、先行登记保存、强制措施须两名以上持有效执法证件的执法人员, 签名人在其中 — "
             "investigative acts need at least two officers with valid certificates, the signer among them"},
    RuleInfo{"P-AV-REQUIRED", kRefuse, "国办发〔2018〕118号; 行政强制法 第18条",
             "查封扣押、强制拆除须全过程无间断音像记录, 中断须说明原因 — seizure and forced demolition need "
             "a continuous AV recording whose every interruption has a reason"},
    RuleInfo{"P-SEIZURE-TERM", kRefuse, "行政强制法 第25条",
             "查封扣押期限不超过30日, 经批准可延长一次且不超过30日, 须在期满前 — a seizure lasts at most "
             "30 days, extended once by at most 30 days before it expires"},
    RuleInfo{"P-DOCUMENT", kRefuse, "行政处罚法 第47条; 国办发〔2018〕118号",
             "行为的执法文书须作为附件登记 (种类、文号、内容哈希) — the act's 文书 is attached with its "
             "type, 文号 and content hash (ledger/domain/required-documents.tsv)"},
    RuleInfo{"P-CONCLUSION", kRefuse, "行政处罚法 第57条",
             "普通程序须调查终结审查后作出决定 — a general-procedure decision follows the end-of-investigation "
             "review"},
    RuleInfo{"P-NOTICE", kRefuse, "行政处罚法 第44条, 第62条",
             "作出行政处罚决定前须告知拟处罚内容及陈述、申辩、听证权利 — no penalty decision before the "
             "prior notice is served"},
    RuleInfo{"P-DEFENCE", kRefuse, "行政处罚法 第45条, 第62条",
             "须听取陈述申辩: 当事人已陈述申辩或放弃, 或陈述申辩期限届满 — no decision until the party has "
             "stated its case, waived, or the statement period has run"},
    RuleInfo{"P-HEARING-RIGHT", kRefuse, "行政处罚法 第63条",
             "拟较大数额罚没款、吊销许可证件、责令停产停业等, 须告知听证权利 — a penalty reaching the hearing "
             "thresholds needs a hearing notice (ledger/domain/procedure-thresholds.tsv)"},
    RuleInfo{"P-HEARING-PERIOD", kRefuse, "行政处罚法 第64条",
             "告知听证后, 五个工作日申请期内不得决定; 已申请听证的, 听证结束前不得决定 — no decision inside "
             "the 5-working-day request period, nor before a requested hearing is held"},
    RuleInfo{"P-HEARING-7WD", kRefuse, "行政处罚法 第64条",
             "听证七个工作日前通知当事人 — the hearing is notified at least 7 working days ahead"},
    RuleInfo{"P-HEARING-PRESIDER", kRefuse, "行政处罚法 第64条",
             "听证主持人由非本案调查人员担任 — the presiding officer did not investigate the case"},
    RuleInfo{"P-LEGAL-REVIEW", kRefuse, "行政处罚法 第58条; 国办发〔2018〕118号",
             "普通程序处罚决定、重大执法决定法制审核目录事项、听证后、情节复杂或重大的案件, 须经法制审核同意 — "
             "such decisions need an approving legal review given after the last conclusion and hearing"},
    RuleInfo{"P-REVIEWER-QUALIFIED", kRefuse, "行政处罚法 第58条第2款",
             "法制审核人员须取得法律职业资格 — the legal reviewer holds a registered 法律职业资格"},
    RuleInfo{"P-SELF-REVIEW", kRefuse, "行政处罚法 第43条, 第58条",
             "参与办案的人员不得审核本案 — nobody reviews a case they took part in"},
    RuleInfo{"P-COLLECTIVE", kRefuse, "行政处罚法 第57条第2款",
             "情节复杂或重大违法须经负责人集体讨论; 达到听证标准的处罚 (第63条) 即属重大, 不以案件自报为准 — complex "
             "or major cases need a collective discussion before the decision; a penalty at the hearing level or "
             "of a heavy type is major whatever the case declared"},
    RuleInfo{"P-SIMPLE-LIMIT", kRefuse, "行政处罚法 第51条",
             "简易程序仅限警告或对公民200元、对法人或其他组织3000元以下罚款 — simple procedure only for "
             "warnings and fines within the configured limits"},
    RuleInfo{"P-E-SERVICE-CONSENT", kRefuse, "行政处罚法 第61条",
             "电子送达须当事人同意并签订确认书 — electronic service needs the party's consent"},
    RuleInfo{"P-LATE-FEE-CAP", kRefuse, "行政处罚法 第72条",
             "加处罚款数额不得超出罚款数额 — late fees never exceed the fine"},
    RuleInfo{"P-COURT-DEMAND", kRefuse, "行政强制法 第54条, 第69条",
             "申请法院强制执行前须催告, 催告书送达满十个工作日后 (第69条) — apply to the court only after ten working "
             "days have passed since a 催告 was served"},
    RuleInfo{"P-COURT-PERIOD", kRefuse,
             "行政强制法 第53条; 行政复议法 第20条, 第78条; 行政诉讼法 第45条, 第46条, 第95条; "
             "最高人民法院关于适用《中华人民共和国行政诉讼法》的解释 第64条",
             "申请法院强制执行须在决定送达后复议期限(60日)和起诉期限(6个月; 未告知救济途径和期限的为1年)届满之后; "
             "复议后15日内可起诉; 复议或诉讼未结时不得申请; 决定被纠正或法院已判决的, 执行的是复议决定或判决 — the "
             "court is applied to only after the decision was served and the 复议 and suit periods have lapsed (one "
             "year when the decision did not state them; 15 days after a 复议 decision), never while a challenge is "
             "pending, and not at all once a 复议机关 corrected the decision or a court judged the suit"},
    RuleInfo{"F-COURT-LATE", kFlag, "行政强制法 第53条",
             "起诉期限届满之日起三个月内申请 — a court application more than three months after the suit period "
             "lapsed (the court refuses it without good reason)"},
    RuleInfo{"P-ENFORCE-DEMAND", kRefuse, "行政强制法 第35条, 第37条",
             "作出强制执行决定前须书面催告, 且催告期限届满 (立即执行除外) — no enforcement decision before a 催告 "
             "whose deadline has passed, unless immediate enforcement is decided"},
    RuleInfo{"P-ENFORCE-DECISION", kRefuse, "行政强制法 第37条",
             "强制执行须依据已作出的强制执行决定 — execution follows an enforcement decision (强制执行决定书)"},
    RuleInfo{"P-ENFORCE-HOURS", kRefuse, "行政强制法 第43条",
             "不得在夜间 (22:00–06:00) 或者法定节假日实施强制执行, 情况紧急的除外 — no execution at night or on a "
             "day that is not a working day, except in an emergency"},
    RuleInfo{
        "P-SUBSTITUTE", kRefuse, "行政强制法 第50条, 第51条, 第52条, 第69条",
        "代履行: 当事人逾期不履行排除妨碍、恢复原状义务且经催告仍不履行; 代履行决定书载明理由依据、方式时间、标的、"
        "费用预算和代履行人; 代履行三日前催告; 作出决定的机关派员到场监督, 监督人员、代履行人和当事人或见证人在执行文书"
        "上签名; 需要立即清除道路、河道或公共场所障碍物的可立即代履行 — a 代履行 only after a 催告 whose deadline has "
        "passed, on a decision stating reasons, manner, day, target, cost estimate and performer; the party "
        "reminded at least three working days before the day; carried out under the agency's supervisor and "
        "signed by the supervisor, the performer and the party or a witness; at once only to clear a road, "
        "river or public place (第52条)"},
    RuleInfo{"P-DEMOLITION", kRefuse, "行政强制法 第44条; 行政诉讼法 第45条, 第85条",
             "强制拆除违法建筑须先公告限期自行拆除, 期限届满且复议、起诉期限届满后方可实施; 复议或诉讼未结时不得拆除, "
             "判决驳回诉讼请求的待上诉期(15日)届满 — an illegal building is demolished only after a 限期拆除公告 "
             "whose deadline has passed and after the 复议 and suit periods have lapsed, never while a challenge is "
             "pending, and after a judgment only once its 15 days to appeal have passed"},
    RuleInfo{"P-DECISION-REMEDIES", kRefuse, "行政处罚法 第59条第(五)项",
             "处罚决定书、不予处罚决定书须记录是否载明申请行政复议、提起行政诉讼的途径和期限 — a decision to the "
             "party records whether it stated the 复议 and suit routes and periods"},
    RuleInfo{"F-REMEDIES-NOT-STATED", kFlag, "行政处罚法 第59条第(五)项; 行政复议法 第20条第2款",
             "决定书未告知复议、诉讼的途径和期限: 当事人的期限延至1年, 申请法院执行和强制拆除随之推后 — the decision "
             "did not state the remedies: the party has a year, and the court and demolition windows move with it"},
    RuleInfo{"P-CHALLENGE", kRefuse, "行政复议法 第20条; 行政诉讼法 第44条, 第69条",
             "复议、诉讼须针对本案已送达的决定, 载明机关、案号、日期; 不得同时复议和诉讼; 结案须对应未结的案号; "
             "复议机关或法院纠正决定须先记录其受理 — a 复议 or suit is recorded against the case's served decision "
             "with its body, case number and date; never two at once; an outcome ends the pending one it names; a "
             "correction by the 复议机关 or court follows its recorded filing"},
    RuleInfo{"P-LATE-FEE-PAUSED", kRefuse, "行政处罚法 第73条第3款",
             "当事人申请行政复议或者提起行政诉讼的, 加处罚款的数额在复议或诉讼期间不予计算 — no late fee is imposed "
             "while a 复议 or suit is pending"},
    RuleInfo{"P-LICENCE-CASE", kRefuse, "行政许可法 第29条, 第32条",
             "行政许可案件始于申请材料的接收, 不立案, 不含处罚行为; 许可行为只在许可案件中, 其枚举值须为模式所列 — a "
             "行政许可 case "
             "starts with the application received and holds no penalty acts; licence acts live only in such a case "
             "and carry only values their schema names"},
    RuleInfo{"P-LICENCE-APPLY", kRefuse, "行政许可法 第29–31条, 第49–50条",
             "申请须针对已公示的许可事项, 载明申请人、事项、材料清单和接收日期; 变更、延续载明原许可, "
             "许可已过期的不得延续 — "
             "an application names a published licensing item, the applicant, the matter, the materials and the day "
             "received; a change or renewal names the licence, and an expired licence is not renewed"},
    RuleInfo{"P-LICENCE-INTAKE", kRefuse, "行政许可法 第32条, 第72条",
             "受理、不予受理须书面、有文号, 不予受理说明理由; 补正须在五个工作日内一次告知全部内容, "
             "逾期视为自收到材料之日受理; "
             "补正后方可受理 — acceptance and refusal are written and numbered, a refusal gives its reason; 补正 is "
             "asked for once, listing everything, within 5 working days, after which the application stands accepted "
             "as of its receipt"},
    RuleInfo{"P-LICENCE-EXCLUDED", kRefuse, "行政许可法 第45条",
             "听证、招标、拍卖、检验、检测、检疫、鉴定、专家评审的时间不计入期限, 须事先书面告知申请人 — time for "
             "hearings, tenders, auctions, testing, quarantine, appraisal or expert review is excluded only when told "
             "in writing before it begins"},
    RuleInfo{"P-LICENCE-EXTEND", kRefuse, "行政许可法 第42条第1款",
             "二十个工作日内不能作出决定的, 经本行政机关负责人批准延长十个工作日, 一次, 在期限届满前, 告知理由 — "
             "the head extends the 20 working days by 10, once, before they run out, with the reason told"},
    RuleInfo{"P-LICENCE-HEARING", kRefuse, "行政许可法 第46–48条",
             "听证权利告知后五个工作日内申请; 举行前七个工作日通知; 主持人非审查该申请的人员; 笔录经参加人签字 — a "
             "hearing is asked for within 5 working days of being told, notified 7 working days ahead, presided by "
             "someone who did not review the application, and its record signed by the participants"},
    RuleInfo{"P-LICENCE-DECISION", kRefuse, "行政许可法 第38条, 第47条, 第48条",
             "许可决定须在受理后作出, 书面、有文号; 准予载明许可内容; 不予许可说明理由并告知复议、诉讼权利; "
             "听证未举行不得决定, "
             "听证后依笔录决定 — the decision follows acceptance and any hearing (resting on its record), is written "
             "and numbered; a grant states what it permits, a refusal its reasons and the remedies"},
    RuleInfo{"P-LICENCE-RENEWAL", kRefuse, "行政许可法 第50条第2款",
             "延续申请在有效期届满前未作决定的, 视为准予延续 — no refusal of a renewal after the expiry passed "
             "undecided: the licence was renewed"},
    RuleInfo{"P-LICENCE-CERT", kRefuse, "行政许可法 第39条, 第44条",
             "许可证件只对准予的许可颁发一次, 载明名称和编号 — a certificate is issued once, for a grant, with its "
             "name and number"},
    RuleInfo{"P-LICENCE-END", kRefuse, "行政许可法 第8条, 第69条, 第70条",
             "撤回、撤销、注销只对有效的许可, 书面载明事由; 注销无补偿, 以欺骗、贿赂取得的许可撤销不予赔偿 — only a "
             "standing licence is withdrawn, revoked or deregistered, in writing with its ground; 注销 compensates "
             "nothing and a licence obtained by fraud or bribery is revoked without 赔偿"},
    RuleInfo{"P-TAKING-CASE", kRefuse,
             "土地管理法 第46–47条; 国有土地上房屋征收与补偿条例 第4–5条; 突发事件应对法 第12条",
             "征收以预公告或征求意见的补偿方案开始, 征用以征用通知书开始; 案件只含本类行为 — a 土地征收 case starts "
             "with its 预公告, a 房屋征收 with its plan put out for comment, a 征用 with the 征用通知书 (never 立案), "
             "and holds only its own kind's acts, the survey, service, approvals and closing"},
    RuleInfo{"P-TAKING-NOTICE", kRefuse,
             "土地管理法实施条例 第26条, 第27条, 第31条; 国有土地上房屋征收与补偿条例 第10条, 第13条; 民法典 第201条, "
             "第203条",
             "预公告不少于十个工作日, 补偿安置方案和房屋征收补偿方案公告不少于三十日, 在乡（镇）、村、村民小组张贴; "
             "方案期满后报批, 批准后发布征收土地公告; 房屋征收决定在征求意见期满后作出并载明复议、诉讼权利 — notices "
             "in order, posted where the law says, for their minimum periods (the first day not counted, a last day "
             "on a holiday moved past it), the approval after the plan's thirty days, the 房屋征收决定 after the "
             "comment period and stating the 复议 and suit rights"},
    RuleInfo{"P-TAKING-COMPENSATION", kRefuse,
             "土地管理法实施条例 第29条, 第31条; 国有土地上房屋征收与补偿条例 第25条, 第26条",
             "补偿协议由权利人签字; 未达成协议的作出补偿决定并告知救济途径; 每户补偿到位、搬迁后方可结案 — an "
             "agreement binds once the owner signed it; a 补偿决定 is for an owner without one, after the 公告, "
             "stating remedies; nothing is paid beyond what is due; a 征收 closes once every owner is paid and has "
             "moved out"},
    RuleInfo{"P-TAKING-VACATE", kRefuse, "国有土地上房屋征收与补偿条例 第27条; 土地管理法 第48条",
             "先补偿、后搬迁 — nobody is recorded as moved out or handing over the land before the compensation "
             "agreed or decided is paid in full"},
    RuleInfo{
        "P-REQUISITION", kRefuse, "突发事件应对法 第12条, 第76条; 民法典 第117条, 第245条",
        "征用通知书载明组织应对的政府和突发事件, 财产清单由被征用人签字; 使用后返还并记录状况; 给予补偿并支付后方可"
        "结案 — the 征用通知书 names the government leading the response and the emergency, the 财产清单 is "
        "itemised and signed by the owner; what comes back was on it, once, signed for; the case closes only "
        "when everything came back (or was found lost) and the compensation is decided and paid"},
    RuleInfo{"P-REFERENCE", kRefuse, "行政处罚法 第85条; 国务院办公厅节假日安排通知",
             "参照表(节假日、阈值、阶段、文书、负责人审批事项)须完整载入日志, 哈希一致、可解析、注明适用期间和来源; "
             "节假日表只能增加年份, 不得改动已公布年份的任何一天 — a reference table is adopted whole into the log, "
             "with its SHA-256, the period it governs and its source; a calendar may add years, never change a "
             "day of a year already published"},
    RuleInfo{"P-PRIVATE-TEXT", kRefuse, "个人信息保护法 第28条; 国办发〔2018〕118号",
             "事实、摘要、意见等文字不得含身份证号码或手机号码, 应以密封字段记录 — free-text fields (facts, "
             "summaries, opinions …) carry no resident ID number or mobile number: those are sealed fields"},
    RuleInfo{"P-SEALED-TEXT", kRefuse, "个人信息保护法 第28条; 行政处罚法 第50条",
             "文字不得重复本案密封的当事人姓名、证件号码、电话、住址或被询问人姓名 (提交时核对, 核验时无明文不重放) — "
             "free text carries none of the case's own sealed values (the party's name, ID, phone, address, "
             "the people questioned), checked when submitted; verifiers hold no openings and cannot replay it"},
    RuleInfo{
        "P-PUBLICATION", kRefuse, "行政处罚法 第48条; 国办发〔2018〕118号",
        "公示须针对已作出的决定 (行政强制案件为其查封、扣押决定, 公示一次); 更正、撤回须针对正在公示的信息; "
        "未成年人不予公示 — publish only a decision issued (a 行政强制 case's own 查封/扣押决定, once), correct or "
        "withdraw only what is shown, never publish a minor"},
    RuleInfo{"P-DISPLAY-PERIOD", kRefuse, "国家发展改革委令第58号; 行政处罚法 第48条",
             "公示期限自处罚决定之日起最短三个月、最长三年 — a publication names its 公示截止期, at least three "
             "months and at most three years after the day of the decision"},
    RuleInfo{
        "P-AGE", kRefuse, "行政处罚法 第30条; 国办发〔2018〕118号",
        "当事人年龄以密封身份证号的出生日期为准: 未成年人、不满十四周岁的标记须与之一致; 不满十四周岁的不予行政处罚 — "
        "the party's age comes from the sealed ID's birth date at intake; under 14 is never punished"},
    RuleInfo{"P-SEALED", kRefuse, "行政处罚法 第50条; 个人信息保护法 第28条",
             "个人信息须密封: 自然人当事人姓名、身份证号须承诺并提供开示值, 开示值须与承诺一致, 公开形式须为脱敏形式 — "
             "private values are sealed, every opening matches its commitment, masked forms are masks"},
    RuleInfo{"P-EXPORT", kRefuse, "国办发〔2018〕118号 (记录信息调阅监督制度; 未经批准不得擅自对外提供)",
             "案卷导出须依据本案已记录的导出批准, 开示字段不得超出批准范围 — an export acts on a recorded approval "
             "of the same case and reveals no field the approval does not list"},
    RuleInfo{"P-RETENTION", kRefuse, "档案法 第二十一条; 机关档案管理规定 (鉴定、销毁清册、负责人批准、二人监销)",
             "原件只在案卷保管期限届满后 (结案次年1月1日起算30年), 经鉴定、登记销毁清册、二人监销, 由负责人决定销毁; "
             "永久保管的案卷不得销毁 — originals of a closed 30-year file leave the store only after the term, by a "
             "head's decision naming the register, the appraisal and two supervisors; never from a permanent file"},
    RuleInfo{"P-HEAD", kRefuse, "行政处罚法 第56条, 第57条; 行政强制法 第18条, 第25条, 第37条, 第55条",
             "法律规定由行政机关负责人决定或批准的行为, 须由在册负责人签名, 或引用本案负责人同意的审批记录 (一次) — "
             "the acts the law gives the head are signed by a registered head or reference a head's approval "
             "of the same case, used once (ledger/domain/head-approvals.tsv)"},
    RuleInfo{"P-COLLECTIVE-SIGNED", kRefuse, "行政处罚法 第57条第2款",
             "集体讨论须两名以上在册负责人各自签名发表意见, 结论由参加讨论的负责人签署 — a collective discussion "
             "has at least two registered heads who each signed their own opinion, and its conclusion is signed by "
             "one of them"},
    RuleInfo{"P-EMERGENCY-LIFT", kRefuse, "行政强制法 第19条",
             "当场实施强制措施后负责人不同意的, 应当立即解除: 解除前不得记录本案其他行为 — after the head "
             "disagrees with an emergency measure, nothing but its lifting is recorded in the case"},
    RuleInfo{"P-BACKFILL", kRefuse, "行政处罚法 第47条 (全过程记录)",
             "补录声明只能覆盖声明之前已经过去的期间 — a backfill declaration covers only a period already past"},
    RuleInfo{"P-TIME-ORDER", kRefuse, "行政处罚法 第47条 (全过程记录)",
             "案件行为按发生顺序记录: 不得早于本案前一行为的时间 — an act of a case may not claim a time before the "
             "act it follows"},
    RuleInfo{"F-LATE-RECORDING", kFlag, "行政处罚法 第47条; 国办发〔2018〕118号",
             "行为记录时间晚于其声称的发生时间超过限度 (默认24小时), 且不在负责人声明的补录期间内 — an act recorded "
             "longer after the time it claims than the configured limit, outside any declared backfill"},
    RuleInfo{"P-HEAVIER", kRefuse, "行政处罚法 第44条, 第45条第2款",
             "决定不得重于事先告知的处罚 (种类或数额); 拟加重的, 须重新告知并经过陈述申辩、听证期间 — the decision is "
             "no heavier than the notice served (no type it did not name, no larger amount); a heavier one needs a new "
             "notice whose periods have run"},
    RuleInfo{"P-REVIEWED", kRefuse, "行政处罚法 第58条",
             "决定须与法制审核同意的处罚内容一致, 内容改变的须重新审核 — the decision is the one the approving legal "
             "review reviewed; a different one is reviewed again"},
    RuleInfo{"P-DISCRETION", kRefuse, "行政处罚法 第34条 (裁量基准)",
             "引用的裁量基准须已公示、属于本案执法事项, 罚款须在所引阶次范围内 — a cited discretion standard is "
             "published, belongs to the case's power item, and the decided fine lies in the cited level"},
    RuleInfo{"D-DRAW-ANNOUNCE", kRefuse, "优化营商环境条例 第54条; 国市监信〔2019〕38号",
             "随机抽取公告须承诺已公示的抽查事项及清单版本、两库当前快照(哈希与数量)、各信用类别抽查比例和"
             "抽取算法 — a draw announcement commits to a published item and list version, the current snapshots "
             "of both pools (hash and count), each credit class's ratio and the algorithm"},
    RuleInfo{"D-DRAW-TEAM", kRefuse, "国市监信〔2019〕38号; 《食品生产经营监督检查管理办法》第23条",
             "每个抽中对象须随机匹配两名以上检查人员 — each drawn object gets at least two drawn inspectors"},
    RuleInfo{"D-DRAW-SEED", kRefuse, "优化营商环境条例 第54条 (随机); C2SP tlog-witness",
             "随机种子为公告所指、晚于公告的树大小处的日志检查点, 带公告所列全部见证人的联署, 其根与本日志一致 "
             "— the seed is the log's checkpoint at the future tree size the announcement names, cosigned by "
             "every witness it names, with this log's root"},
    RuleInfo{"D-DRAW-RESULT", kRefuse, "优化营商环境条例 第54条",
             "抽取结果须与按公告条件重新运行的结果完全一致; 已取消或已记录的抽取不得再记录 — the recorded "
             "result is exactly what re-running the announced draw gives, once"},
    RuleInfo{"D-DRAW-RECUSAL", kRefuse, "行政处罚法 第43条; 河南省行政执法条例 第23条",
             "回避须针对已抽中的检查人员并说明事由, 由负责人决定, 替补为该对象抽取顺序中的下一人 — a recusal "
             "names a drawn inspector and its reason, is decided by a head, and the replacement is the next in "
             "that object's draw order"},
    RuleInfo{"D-DRAW-CHECK", kRefuse, "国市监信〔2019〕38号; 《食品生产经营监督检查管理办法》第23条",
             "抽查结果须由该对象抽中的(回避递补后的)两名以上检查人员记录, 签名人在其中, 每个对象一次 — a drawn "
             "check's result is recorded by at least two of the object's drawn inspectors (after recusals), the "
             "signer among them, once per object"},
    RuleInfo{"D-DRAW-PLAN", kRefuse, "国市监信〔2019〕38号; 优化营商环境条例 第54条",
             "年度抽查工作计划由负责人发布, 列明已公布的抽查事项、批次和每企业年度检查频次上限; 抽取须在当年计划之内, "
             "不超过计划批次 — the year's plan, signed by a head, names published items, their batches and the "
             "yearly caps per enterprise; a draw is of a planned item, within its batches"},
    RuleInfo{"F-DRAW-PLAN-LATE", kFlag, "国市监信〔2019〕38号; 北京市优化营商环境条例 第67条",
             "年度抽查工作计划应于3月31日前公布 — the year's plan is published by 31 March"},
    RuleInfo{"F-INSPECT-CAP", kFlag, "国办发〔2024〕54号",
             "同一企业同一事项一年内的检查次数超过计划规定的频次上限 — a check beyond the plan's yearly cap for the "
             "enterprise's credit class under that item"},
    RuleInfo{"D-DRAW-SCAN", kRefuse, "国办发〔2024〕54号; 深府规〔2025〕6号",
             "扫码入企须由该对象抽中的检查人员记录, 载明位置; 事后补录须写明事由 — an entry scan is recorded by the "
             "object's drawn inspectors with its location; one recorded more than a day after the entry states why"},
    RuleInfo{"F-SCAN-LATE", kFlag, "深府规〔2025〕6号",
             "扫码补录超过10日 — an entry scan recorded more than 10 days after the entry"},
    RuleInfo{"F-SCAN-MISSING", kFlag, "国办发〔2024〕54号",
             "计划要求扫码入企, 但抽查结果公示时无扫码记录 — the plan requires entry scans and a result is published "
             "with none on record"},
    RuleInfo{"F-DRAW-RESULT-20WD", kFlag, "《食品生产经营监督检查管理办法》第39条; 国发〔2019〕5号",
             "抽查结果应在检查结束后20个工作日内公示 — a drawn check's result is published within 20 working days "
             "of the check's end"},
    RuleInfo{"F-EMERGENCY-24H", kFlag, "行政强制法 第19条",
             "当场实施强制措施后二十四小时内向负责人报告并补办批准手续 — an emergency measure not approved by "
             "a head within 24 hours"},
    RuleInfo{"F-DECISION-90", kFlag, "行政处罚法 第60条",
             "自立案之日起九十日内作出决定 — decision later than 90 days after the case was opened"},
    RuleInfo{"F-SERVICE-7WD", kFlag, "行政处罚法 第61条",
             "决定书七个工作日内送达 — decision served more than 7 working days after it was made"},
    RuleInfo{"F-SEIZURE-30", kFlag, "行政强制法 第25条",
             "查封扣押期满未解除也未延长 — a seizure outlived its term without extension"},
    RuleInfo{"F-PRESERVATION-7WD", kFlag, "行政处罚法 第56条",
             "先行登记保存七个工作日内作出处理决定 — preserved evidence disposed of after 7 working days"},
    RuleInfo{"F-WITHDRAW-3WD", kFlag, "行政处罚法 第48条",
             "决定变更、撤销、确认违法后三个工作日内撤回公示 — disclosure withdrawn later than 3 working days"},
    RuleInfo{"F-DISCLOSURE-LATE", kFlag, "国办发〔2018〕118号",
             "行政处罚决定七个工作日内公示 — decision published later than 7 working days"},
    RuleInfo{"F-AV-SERVICE", kFlag, "国办发〔2018〕118号",
             "留置送达、公告送达宜音像记录 — service by leaving or announcement without an AV recording"},
    RuleInfo{"F-LICENCE-RENEWAL-LATE", kFlag, "行政许可法 第50条第1款",
             "延续申请应在有效期届满三十日前提出 — renewal applied for later than 30 days before expiry"},
    RuleInfo{"F-LICENCE-INTAKE-LATE", kFlag, "行政许可法 第32条",
             "受理或不予受理超过收到材料后五个工作日, 期限自收到材料之日起算 — acceptance or refusal later than 5 "
             "working days after the materials; the decision period runs from their receipt"},
    RuleInfo{"F-LICENCE-HEARING-LATE", kFlag, "行政许可法 第47条第2款",
             "听证应在申请后二十个工作日内组织 — hearing set later than 20 working days after the request"},
    RuleInfo{"F-LICENCE-LATE", kFlag, "行政许可法 第42条, 第45条",
             "许可决定超过受理后二十个工作日 (延长后三十个, 扣除书面告知的不计时间) — licence decided after 20 (or 30) "
             "working days from acceptance, excluded time added back"},
    RuleInfo{"F-LICENCE-CERT-LATE", kFlag, "行政许可法 第44条",
             "许可证件在决定后十个工作日内颁发、送达 — certificate issued later than 10 working days after the grant"},
    RuleInfo{"F-TAKING-NOTICE-LATE", kFlag, "土地管理法实施条例 第31条",
             "征收土地申请批准后十五个工作日内发布征收土地公告 — 征收土地公告 posted later than fifteen working "
             "days after the approval"},
    RuleInfo{"F-DISCRETION", kFlag, "行政处罚法 第34条 (裁量基准)",
             "拟处罚款超出所引裁量基准阶次的范围 — proposed fine outside the cited discretion level"},
};

}  // namespace

std::span<const RuleInfo> AllRules() { return kRules; }

const RuleInfo& RuleById(std::string_view id) {
  for (const RuleInfo& r : kRules) {
    if (r.id == id) return r;
  }
  std::abort();  // a rule id not in the table is a programming error
}

Status Refuse(std::string_view id, const std::string& detail) {
  const RuleInfo& rule = RuleById(id);
  return Status::FailedPrecondition(std::string(rule.law) + ": " + detail).WithRule(id);
}

Flag Raise(std::string_view id, const std::string& detail) {
  return Flag{std::string(id), std::string(RuleById(id).law) + ": " + detail};
}

std::string EncodeFlags(const std::vector<Flag>& flags) {
  std::string out;
  for (const auto& f : flags) out += f.rule_id + "\t" + f.message + "\n";
  return out;
}

std::vector<Flag> DecodeFlags(std::string_view encoded) {
  std::vector<Flag> out;
  while (!encoded.empty()) {
    const size_t end = std::min(encoded.find('\n'), encoded.size());
    const std::string_view line = encoded.substr(0, end);
    encoded.remove_prefix(std::min(end + 1, encoded.size()));
    const size_t tab = line.find('\t');
    if (tab != std::string_view::npos)
      out.push_back({std::string(line.substr(0, tab)), std::string(line.substr(tab + 1))});
  }
  return out;
}

std::string RulesMarkdown() {
  std::string out =
      "| id | severity | law | rule |\n"
      "|---|---|---|---|\n";
  for (const RuleInfo& r : kRules) {
    out += "| `" + std::string(r.id) + "` | " + (r.severity == kRefuse ? "refuse" : "flag") + " | " +
           std::string(r.law) + " | " + std::string(r.summary) + " |\n";
  }
  return out;
}

}  // namespace lawtrail::domain
