// The public portal: plain JavaScript, no build step, no third-party code.
// Every page reads the public JSON API; the verify panel checks a published
// decision's record in this browser with WebCrypto (SHA-256, Ed25519), so
// the citizen's browser, not our server, decides that it is authentic.
'use strict';

const view = document.getElementById('view');

function esc(s) {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

async function getJson(path) {
  const r = await fetch(path);
  const body = await r.json().catch(() => ({}));
  if (!r.ok) throw new Error((body.error && body.error.message) || (path + ': HTTP ' + r.status));
  return body;
}

function route() {
  const hash = location.hash.replace(/^#/, '') || '/';
  const [path, query] = hash.split('?');
  return { parts: path.split('/').filter(Boolean).map(decodeURIComponent), params: new URLSearchParams(query || '') };
}

function dl(rows) {
  return '<dl>' + rows.filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `<dt>${esc(k)}</dt><dd>${v}</dd>`).join('') + '</dl>';
}

const STATUS_TEXT = { valid: '有效', suspended: '已暂停', revoked: '已吊销', expired: '已过期', 'not yet valid': '尚未生效', unknown: '查无此证' };
const CHALLENGE_TEXT = { 维持: '维持原决定', 驳回: '驳回复议请求', 撤回: '申请人撤回', 纠错: '原决定被纠正' };
const challengeOutcome = (c) => (c.kind === '行政诉讼' && c.state === '驳回' ? '判决驳回诉讼请求' : CHALLENGE_TEXT[c.state] || c.state);
const DISCLOSURE_TEXT = { 'published on time': '按时公示', 'published late': '逾期公示', withdrawn: '已撤回', due: '待公示', overdue: '逾期未公示', 'not published': '不予公示', 'display ended': '公示期满' };

// An act recorded in the log more than a day after the time it claims: history entered afterwards (补录).
const late = (claimedDay, recordedMs) => recordedMs && new Date(recordedMs + 8 * 3600e3).toISOString().slice(0, 10) > new Date(Date.parse(claimedDay) + 86400e3).toISOString().slice(0, 10);
const backfillTag = (claimedDay, recordedMs) => late(claimedDay, recordedMs) ? ' <span class="tag corrected" title="记录入日志的时间晚于行为发生时间">补录</span>' : '';

// ---- 事前公开: the agency, its officers, its published lists, remedies
async function home() {
  const [agency, roster, powers, guides] = await Promise.all([
    getJson('/v1/registry/agency'), getJson('/v1/registry/officers'),
    getJson('/v1/registry/items/PowerItem'), getJson('/v1/registry/items/Document').catch(() => ({ items: [] })),
  ]);
  document.getElementById('agency-name').textContent = agency.name + ' · 行政执法信息公示平台';
  const channels = (agency.complaint_channels || []).map((c) => `<li>${esc(c)}</li>`).join('');
  view.innerHTML = `
    <section><h2>执法主体</h2>${dl([
      ['名称', esc(agency.name)], ['统一社会信用代码', esc(agency.credit_code)], ['负责人', esc(agency.head)],
      ['地址', esc(agency.address)], ['电话', esc(agency.phone)], ['职责', esc(agency.duties)], ['执法依据', esc(agency.basis)]])}</section>
    <section><h2>执法人员（${roster.items.length}人）</h2><table><thead><tr><th>姓名</th><th>执法证号</th><th>状态</th><th>岗位</th><th>执法类别</th></tr></thead><tbody>
      ${roster.items.map((o) => { const st = o.state === 'active' ? 'valid' : o.state; return `<tr><td>${esc(o.name)}</td><td><a href="#/cert?no=${encodeURIComponent(o.key)}">${esc(o.key)}</a></td>
        <td><span class="tag ${esc(st)}">${esc(STATUS_TEXT[st] || st)}</span></td>
        <td>${esc(o.post)}</td><td>${esc((o.categories || []).join('、'))}</td></tr>`; }).join('')}
    </tbody></table></section>
    <section><h2>权责清单（${powers.items.length}项）</h2><table><thead><tr><th>编码</th><th>事项名称</th><th>依据</th><th>办理时限</th></tr></thead><tbody>
      ${powers.items.map((p) => `<tr><td>${esc(p.code)}</td><td>${esc(p.name)}${p.retired ? ' <span class="tag withdrawn">已取消</span>' : ''}</td><td>${esc(p.basis)}</td><td>${esc(p.time_limit)}</td></tr>`).join('')}
    </tbody></table></section>
    ${guides.items.length ? `<section><h2>服务指南与文书</h2><ul>${guides.items.map((g) => `<li>${esc(g.name || g.title || g.key)}</li>`).join('')}</ul></section>` : ''}
    <section><h2>救济渠道</h2><p>对行政处罚决定不服的，可以自知道该决定之日起六十日内申请行政复议，或者自知道之日起六个月内提起行政诉讼。</p>
      <p>监督投诉：</p><ul>${channels}</ul></section>`;
}

// ---- 执法证件查询 (D2)
async function certificate(params) {
  const no = params.get('no') || '';
  view.innerHTML = `<section><h2>执法证件查询</h2>
    <form id="cert-form"><input id="cert-no" name="no" placeholder="请输入执法证号" value="${esc(no)}" inputmode="numeric"><button>查询</button></form>
    <div id="cert-result"></div></section>`;
  document.getElementById('cert-form').onsubmit = (e) => {
    e.preventDefault();
    location.hash = '#/cert?no=' + encodeURIComponent(document.getElementById('cert-no').value.trim());
  };
  if (!no) return;
  const r = await fetch('/v1/registry/officers/' + encodeURIComponent(no));
  const body = await r.json();
  const out = document.getElementById('cert-result');
  out.dataset.status = body.status;
  const o = body.officer || {};
  out.innerHTML = `<p>证号 ${esc(no)}：<span class="tag ${esc(body.status)}" id="cert-status">${esc(STATUS_TEXT[body.status] || body.status)}</span></p>` +
    (body.officer ? dl([['姓名', esc(o.name)], ['所属单位', esc(o.unit)], ['发证机关', esc(o.issuer)], ['执法类别', esc((o.categories || []).join('、'))],
      ['执法区域', esc(o.area)], ['有效期', esc((o.valid_from || '') + ' 至 ' + (o.valid_until || '长期'))]]) : '');
}

// ---- 执法决定公示: 行政处罚 and 行政许可 decisions, with search, a filter by kind and paging
const ACTS = ['行政处罚', '行政许可', '行政强制'];
const licenceTag = (l) => `<span class="tag ${l.state === '有效' ? 'valid' : 'withdrawn'}">许可${esc(l.state)}</span>`;
const decisionsHash = (q, act, page) => `#/decisions?q=${encodeURIComponent(q)}${act ? '&act=' + encodeURIComponent(act) : ''}&page=${page}`;

function listedDecision(d) {
  const link = `<a href="#/decision/${encodeURIComponent(d.case_id)}">${esc(d.decision_no)}</a>`;
  if (d.withdrawn) {
    return `<div class="decision" data-case="${esc(d.case_id)}" data-state="withdrawn" data-act="${esc(d.act)}">${link} <span class="tag withdrawn">已撤回</span>
      <div class="muted">${esc(d.withdrawn.on)} 撤回公示：${esc(d.withdrawn.reason)}</div></div>`;
  }
  const what = d.licence ? `${esc(d.licence.matter)} ${licenceTag(d.licence)}` : d.measure ? measureText(d.measure) : esc(d.violation_type);
  return `<div class="decision" data-case="${esc(d.case_id)}" data-state="shown" data-act="${esc(d.act)}">${link}
      ${(d.corrections || []).length ? '<span class="tag corrected">已更正</span>' : ''}${d.under_challenge ? ` <span class="tag challenged">${esc(d.under_challenge)}</span>` : ''}
      <div><span class="tag">${esc(d.act)}</span> ${esc(d.party_name)} · ${what}</div>
      <div class="muted">决定日期 ${esc(d.decided_on)} · 公示 ${esc(d.published_on)}${backfillTag(d.published_on, d.recorded_at_ms)} · ${esc(DISCLOSURE_TEXT[d.disclosure_status] || d.disclosure_status)} · 公示至 ${esc(d.display_until)}</div></div>`;
}

async function decisions(params) {
  const q = params.get('q') || '';
  const act = ACTS.includes(params.get('act')) ? params.get('act') : '';
  const page = Number(params.get('page') || 1);
  const list = await getJson(`/v1/disclosures?per_page=20&page=${page}&q=${encodeURIComponent(q)}${act ? '&act=' + encodeURIComponent(act) : ''}`);
  const pages = Math.max(1, Math.ceil(list.total / list.per_page));
  const tabs = ['', ...ACTS].map((a) => a === act ? `<strong>${a || '全部'}</strong>` : `<a href="${decisionsHash(q, a, 1)}">${a || '全部'}</a>`).join(' · ');
  view.innerHTML = `<section><h2>${act ? act + '决定' : '行政执法决定'}公示（共${list.total}件）</h2>
    <p class="tabs" id="act-tabs">${tabs}</p>
    <form id="search"><input id="q" placeholder="决定书文号、当事人、违法行为、许可事项" value="${esc(q)}"><button>搜索</button></form>
    <div id="decision-list">${list.items.map(listedDecision).join('') || '<p class="muted">没有符合条件的决定。</p>'}</div>
    <div class="pager">${page > 1 ? `<a href="${decisionsHash(q, act, page - 1)}">上一页</a>` : ''}<span>${page} / ${pages}</span>${page < pages ? `<a href="${decisionsHash(q, act, page + 1)}">下一页</a>` : ''}</div></section>`;
  document.getElementById('search').onsubmit = (e) => {
    e.preventDefault();
    location.hash = decisionsHash(document.getElementById('q').value.trim(), act, 1);
  };
}

const disclosureRows = (x) => [['决定日期', esc(x.decided_on)], ['应公示日期', esc(x.due_on)],
  ['公示日期', esc(x.published_on) + backfillTag(x.published_on, x.recorded_at_ms)],
  ['公示状态', esc(DISCLOSURE_TEXT[x.disclosure_status] || x.disclosure_status)], ['公示期至', esc(x.display_until)]];

// 行政处罚决定: what 行政处罚法 第48条 and the 双公示 standard publish.
const penaltyRows = (x) => [['当事人', esc(x.party_name)], ['当事人类别', esc(x.party_kind)], ['统一社会信用代码', esc(x.party_credit_code)],
  ['违法行为类型', esc(x.violation_type)], ['违法事实', esc(x.facts)], ['处罚依据', esc(x.basis)], ['处罚类别', esc((x.penalty_types || []).join('、'))],
  ['处罚内容', esc(x.penalty_content)], ['罚款金额（万元）', esc(x.fine_wan_yuan)], ['处罚机关', esc(x.agency)]];

// 准予行政许可决定 (行政许可法 第40条): the licence, its certificate, how long it runs and whether it still stands.
const licenceRows = (x) => {
  const l = x.licence;
  return [['行政相对人', esc(x.party_name)], ['相对人类别', esc(x.party_kind)], ['统一社会信用代码', esc(x.party_credit_code)],
    ['许可事项', esc(l.matter)], ['许可内容', esc(l.content)], ['许可证件', esc(l.certificate)], ['证件编号', esc(l.certificate_no)],
    ['有效期', esc(l.valid_from || x.decided_on) + ' 至 ' + esc(l.valid_until || '长期')],
    ['许可状态', licenceTag(l) + (l.ended_on ? ` <span id="licence-ended">${esc(l.ended_on)} 起</span>` : '')],
    ['许可机关', esc(x.agency)]];
};

// 查封/扣押决定 of a 行政强制 case (国办发〔2018〕118号): the measure, its term and whether it still stands; never the 物品清单.
const measureText = (m) => `${esc(m.kind)}，期限${esc(m.days)}日` + (m.lifted_on ? ` <span class="tag">${esc(m.lifted_on)} 已解除</span>` : ' <span class="tag challenged">实施中</span>');
const measureRows = (x) => [['当事人', esc(x.party_name)], ['当事人类别', esc(x.party_kind)], ['统一社会信用代码', esc(x.party_credit_code)],
  ['强制措施', esc(x.measure.kind)], ['期限', esc(x.measure.days) + ' 日'], ['状态', x.measure.lifted_on ? `已于 ${esc(x.measure.lifted_on)} 解除` : '实施中'],
  ['实施机关', esc(x.agency)]];
const TITLES = { 行政许可: '准予行政许可决定', 行政强制: '查封（扣押）决定', 行政处罚: '行政处罚决定' };

// ---- one decision, with its versions and the verify panel
async function decision(caseId, params) {
  const r = await fetch('/v1/disclosures/' + encodeURIComponent(caseId));
  const body = await r.json().catch(() => ({}));
  if (r.status === 410 || r.status === 404) {
    view.innerHTML = `<section id="decision-gone" data-status="${r.status}"><h2>${r.status === 410 ? '公示期已满' : '未公示'}</h2>
      <p>${r.status === 410 ? '该决定的公示期已届满，依照规定不再公示。' : '没有这一案件的公示信息。'}</p></section>`;
    return;
  }
  if (!r.ok) throw new Error((body.error && body.error.message) || ('HTTP ' + r.status));
  const x = body.decision;
  // What a reader may check: the record that made this version, and a licence's later 撤回/撤销/注销.
  const records = [[x.record_index, x.withdrawn ? '撤回公示记录' : '公示记录']];
  if (x.licence && x.licence.ended_index !== undefined) records.push([x.licence.ended_index, `许可${x.licence.state.replace(/^已/, '')}决定记录`]);
  if (x.measure && x.measure.change_indices) x.measure.change_indices.forEach((i, n) => records.push([i, `延长或解除查封（扣押）决定记录 ${n + 1}`]));
  const verifyPanel = verifyPanelHtml(records, params.get('which') === 'ended' && records.length > 1 ? 1 : 0);
  const title = TITLES[x.act] || '行政执法决定';
  if (x.withdrawn) {
    // 行政处罚法 第48条: only that it was withdrawn, when and why.
    view.innerHTML = `<section id="decision" data-state="withdrawn" data-act="${esc(x.act)}"><h2>${esc(x.decision_no)}</h2>
      <p class="failed">本决定的公示已于 ${esc(x.withdrawn.on)} 撤回。</p>${dl([['撤回理由', esc(x.withdrawn.reason)], ['决定机关', esc(x.agency)]])}</section>${verifyPanel}`;
  } else {
    view.innerHTML = `<section id="decision" data-state="shown" data-act="${esc(x.act)}"><h2>${esc(x.decision_no)}</h2><p class="muted">${title}</p>
    ${x.licence && x.licence.ended_on ? `<p class="failed">该许可已于 ${esc(x.licence.ended_on)} ${esc(x.licence.state.replace(/^已/, ''))}，不再有效。</p>` : ''}
    ${dl([...(x.licence ? licenceRows(x) : x.measure ? measureRows(x) : penaltyRows(x)), ...disclosureRows(x)])}
    ${(x.challenges || []).length ? `<h2 id="challenges">行政复议、行政诉讼</h2>${x.under_challenge ? `<p class="tag challenged">${esc(x.under_challenge)}：复议、诉讼期间决定不停止执行（行政复议法第42条、行政诉讼法第56条）。</p>` : ''}<ul>${x.challenges.map((c) => `<li data-state="${esc(c.state)}">${esc(c.kind)}：${esc(c.body)}（${esc(c.case_no)}），${esc(c.filed_on)} 提出，${c.state === '审理中' ? '审理中' : `${esc(c.ended_on)} ${esc(challengeOutcome(c))}`}</li>`).join('')}</ul>` : ''}
    ${(x.corrections || []).length ? `<h2>更正记录</h2><ul>${x.corrections.map((c) => `<li>${esc(c.on)}：${esc(c.reason)}</li>`).join('')}</ul><p class="muted">以上为更正后的内容；更正前的版本不再公开。</p>` : ''}</section>${verifyPanel}`;
  }
  await attachVerify(records, caseId, params);
}

// The verify panel: which record to check (when there are several), the log's key, the steps and the outcome.
function verifyPanelHtml(records, which) {
  return `<section id="verify"><h2>核验：本公示是否记录在防篡改日志中且未被改动</h2>
    <p class="muted">由您的浏览器下载这条公示的原始记录、它的包含证明和日志签名的检查点，用日志公钥自行验证，不需要相信本网站。</p>
    ${records.length > 1 ? `<p>核验对象：<select id="verify-which" aria-label="核验对象">${records.map(([i, what], n) => `<option value="${n}"${n === which ? ' selected' : ''}>${esc(what)}（第 ${i} 号记录）</option>`).join('')}</select></p>` : ''}
    <p>日志公钥：<input id="verify-key" aria-label="日志公钥"></p>
    <button id="verify-button">开始核验</button>
    <ol class="steps" id="verify-steps"></ol><p id="verify-result" data-state="idle"></p></section>`;
}

async function attachVerify(records, caseId, params) {
  const log = await getJson('/v1/log');
  document.getElementById('verify-key').value = log.verifier_key;
  const run = () => {
    const chosen = records[document.getElementById('verify-which') ? Number(document.getElementById('verify-which').value) : 0];
    return verifyRecord(chosen[0], caseId, document.getElementById('verify-key').value.trim(), params.get('proof'), chosen[1]);
  };
  document.getElementById('verify-button').onclick = run;
  if (params.get('verify') === '1') await run();
}

// ---- 征收公告: what the town posted for a 征收 (the county's notices, posted in the 乡、村、组), each checkable
async function notices() {
  const list = await getJson('/v1/notices?per_page=100');
  view.innerHTML = `<section id="notices"><h2>征收公告（${list.total}件）</h2>
    <p class="muted">依照《土地管理法实施条例》第二十六条至第三十一条在乡（镇）、村、村民小组张贴的征收公告。公告由作出决定的人民政府发布，本镇负责张贴，每份公告均可在本页核验。</p>
    ${list.items.length ? `<table><thead><tr><th>公告</th><th>文号</th><th>征收项目</th><th>发布机关</th><th>张贴期间</th></tr></thead><tbody>
    ${list.items.map((n) => `<tr class="notice"><td><a href="#/notice/${encodeURIComponent(n.case_id)}/${n.record_index}">${esc(n.kind)}</a></td><td>${esc(n.notice_no)}</td>
      <td>${esc(n.project)}</td><td>${esc(n.issuer)}</td><td>${esc(n.posted_from)} 至 ${esc(n.posted_until)}</td></tr>`).join('')}
    </tbody></table>` : '<p>暂无征收公告。</p>'}</section>`;
}

async function noticePage(caseId, index, params) {
  const list = await getJson('/v1/notices?per_page=100&case=' + encodeURIComponent(caseId));
  const n = list.items.find((x) => String(x.record_index) === String(index));
  if (!n) {
    view.innerHTML = '<section id="notice-gone"><h2>未找到该公告</h2><p>没有这一征收公告。</p></section>';
    return;
  }
  view.innerHTML = `<section id="notice" data-kind="${esc(n.kind)}"><h2>${esc(n.kind)}</h2><p class="muted">${esc(n.notice_no)}</p>
    ${dl([['发布机关', esc(n.issuer)], ['征收项目', esc(n.project)], ['村（社区）', esc(n.village)], ['张贴地点', esc((n.places || []).join('、'))],
      ['张贴期间', `${esc(n.posted_from)} 至 ${esc(n.posted_until)}`]])}</section>${verifyPanelHtml([[n.record_index, '征收公告记录']], 0)}`;
  await attachVerify([[n.record_index, '征收公告记录']], caseId, params);
}

// ---- RFC 9162 and C2SP signed notes, in the browser
const enc = new TextEncoder();
const b64 = (s) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
const concat = (...parts) => { const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0)); let i = 0; for (const p of parts) { out.set(p, i); i += p.length; } return out; };
const sha256 = async (bytes) => new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
const same = (a, b) => a.length === b.length && a.every((v, i) => v === b[i]);

async function rootFromInclusionProof(index, size, leaf, proof) {
  if (index >= size) throw new Error('索引超出树的大小');
  let fn = index, sn = size - 1, r = leaf;
  for (const p of proof) {
    if (sn === 0) throw new Error('证明过长');
    if (fn % 2 === 1 || fn === sn) {
      r = await sha256(concat([1], p, r));
      if (fn % 2 === 0) while (fn % 2 === 0 && fn !== 0) { fn = Math.floor(fn / 2); sn = Math.floor(sn / 2); }
    } else {
      r = await sha256(concat([1], r, p));
    }
    fn = Math.floor(fn / 2); sn = Math.floor(sn / 2);
  }
  if (sn !== 0) throw new Error('证明过短');
  return r;
}

// A signed-note verifier key of signature type `type` (1: the log's notes,
// 4: a witness's cosignatures): name+<8 hex key id>+<base64 key>, the base64
// possibly holding '+'; the key id is SHA-256(name, "\n", type, key)[:4].
async function parseVkey(vkey, type) {
  const first = vkey.indexOf('+');
  const name = vkey.slice(0, first), keyIdHex = vkey.slice(first + 1, first + 9);
  const keyBytes = b64(vkey.slice(first + 10));
  if (keyBytes[0] !== type || keyBytes.length !== 33) throw new Error('不是 Ed25519 公钥');
  const keyId = (await sha256(concat(enc.encode(name + '\n'), keyBytes))).slice(0, 4);
  if (Array.from(keyId, (v) => v.toString(16).padStart(2, '0')).join('') !== keyIdHex) throw new Error('公钥编号不符');
  const key = await crypto.subtle.importKey('raw', keyBytes.slice(1), { name: 'Ed25519' }, false, ['verify']);
  return { name, keyId, key };
}

// The note's text and its signature lines ("— name base64"), split.
function noteParts(note) {
  const split = note.indexOf('\n\n');
  const lines = note.slice(split + 2).split('\n').map((l) => l.match(/^\u2014 (\S+) (\S+)$/)).filter(Boolean);
  return { text: note.slice(0, split + 1), lines };
}

async function verifyNote(note, vkey) {
  const { name, keyId, key } = await parseVkey(vkey, 1);
  const { text, lines } = noteParts(note);
  for (const m of lines) {
    const sig = b64(m[2]);
    if (m[1] !== name || !same(sig.slice(0, 4), keyId)) continue;
    if (await crypto.subtle.verify({ name: 'Ed25519' }, key, sig.slice(4), enc.encode(text))) {
      const [origin, size, root] = text.split('\n');
      return { origin, size: Number(size), root: b64(root) };
    }
  }
  throw new Error('检查点签名无效');
}

// C2SP tlog-cosignature v1: key id ‖ time (8 bytes) ‖ Ed25519 over
// "cosignature/v1\ntime T\n" ‖ the checkpoint's text. Returns the time the
// witness signed, null when the note has no cosignature by it; a line by it
// that does not verify is an error (the checkpoint was altered).
async function verifyCosignature(note, vkey) {
  const found = await cosignatureOf(note, vkey);
  return found ? new Date(Number(found.time) * 1000) : null;
}

// The cosignature by `vkey` in `note`, checked: { name, time (BigInt), sig }.
async function cosignatureOf(note, vkey) {
  const { name, keyId, key } = await parseVkey(vkey, 4);
  const { text, lines } = noteParts(note);
  for (const m of lines) {
    const blob = b64(m[2]);
    if (m[1] !== name || blob.length !== 76 || !same(blob.slice(0, 4), keyId)) continue;
    let t = 0n;
    for (const byte of blob.slice(4, 12)) t = (t << 8n) | BigInt(byte);
    const message = enc.encode(`cosignature/v1\ntime ${t}\n` + text);
    if (await crypto.subtle.verify({ name: 'Ed25519' }, key, blob.slice(12), message)) return { name, time: t, stamp: blob.slice(4, 12), sig: blob.slice(12) };
    throw new Error(`监督机关 ${name} 的联署签名无效`);
  }
  return null;
}

async function verifyRecord(index, caseId, vkey, proofOverride, what = '公示记录') {
  const steps = document.getElementById('verify-steps');
  const result = document.getElementById('verify-result');
  steps.innerHTML = '';
  const step = (text, ok = true) => { steps.insertAdjacentHTML('beforeend', `<li class="${ok ? 'ok' : 'failed'}">${ok ? '✓' : '✗'} ${esc(text)}</li>`); };
  result.dataset.state = 'running';
  result.textContent = '核验中……';
  try {
    if (!crypto.subtle) throw new Error('此浏览器不提供 WebCrypto（请通过 HTTPS 访问）');
    const record = new Uint8Array(await (await fetch(`/v1/records/${index}?format=raw`)).arrayBuffer());
    const leaf = await sha256(concat([0], record));
    step(`下载第 ${index} 号记录（${record.length} 字节），计算其叶哈希`);
    const needle = enc.encode(caseId);
    const names = record.some((_, i) => same(record.slice(i, i + needle.length), needle));
    if (!names) throw new Error('该记录不属于本案');
    step(`记录属于本案（${caseId}）`);
    const p = await getJson(`/v1/records/${index}/inclusion-proof`);
    const proof = (proofOverride ? proofOverride.split(',') : p.proof).map(b64);
    const cp = await verifyNote(p.checkpoint, vkey);
    step(`检查点签名有效：${cp.origin}，共 ${cp.size} 条记录`);
    if (cp.size !== p.size) throw new Error('证明与检查点的大小不符');
    const root = await rootFromInclusionProof(index, cp.size, leaf, proof);
    if (!same(root, cp.root)) throw new Error('包含证明算出的根哈希与检查点不符');
    step('包含证明算出的根哈希与签名检查点一致');
    // The witnesses the server names are only names here: what proves a
    // cosignature is its key, which the supervising bodies publish themselves.
    let cosigned = 0;
    for (const w of (await getJson('/v1/log')).witnesses || []) {
      const when = await verifyCosignature(p.checkpoint, w.vkey);
      if (when) {
        cosigned++;
        step(`${w.name} 已联署该检查点（${when.toISOString().replace('T', ' ').slice(0, 19)} UTC，公钥编号 ${w.vkey.split('+')[1]}）`);
      } else {
        step(`${w.name} 未联署该检查点`, false);
      }
    }
    result.dataset.state = 'ok';
    result.dataset.cosigned = String(cosigned);
    result.className = 'ok';
    result.textContent = `核验通过：这条${what}在日志中，自签名检查点以来未被改动` +
      (cosigned > 0 ? `；该检查点经 ${cosigned} 个监督机关联署。` : '。');
  } catch (e) {
    step(e.message, false);
    result.dataset.state = 'failed';
    result.className = 'failed';
    result.textContent = '核验失败：' + e.message;
  }
}

// ---- 双随机抽查: every draw, re-run in this browser (docs/draws.md)
const hex = (bytes) => Array.from(bytes, (v) => v.toString(16).padStart(2, '0')).join('');
const less = (a, b) => { for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i]; return false; };

function parsePool(text) {
  const lines = text.split('\n');
  if (lines[0] !== 'lawtrail-pool/v1' || lines[lines.length - 1] !== '') throw new Error('名录库文本格式不符');
  return lines.slice(4, -1).map((l) => { const [id, name, cls, village] = l.split('\t'); return { id, name, cls, village }; });
}

// `ids` in rank order: SHA-256(label ‖ seed ‖ suffix(id)), lowest first, ties by id.
async function ranked(label, seed, ids, suffix) {
  const keyed = await Promise.all(ids.map(async (id) => ({ id, rank: await sha256(concat(enc.encode(label), seed, enc.encode(suffix(id)))) })));
  keyed.sort((x, y) => (less(x.rank, y.rank) ? -1 : less(y.rank, x.rank) ? 1 : (x.id < y.id ? -1 : x.id > y.id ? 1 : 0)));
  return keyed.map((k) => k.id);
}

async function rerunDraw(seed, objects, inspectors, teamSize, ratios) {
  let drawn = [];
  for (const cls of Object.keys(ratios).sort()) {
    const members = objects.filter((o) => o.cls === cls).map((o) => o.id);
    const take = Math.floor((members.length * ratios[cls] + 999) / 1000);
    drawn = drawn.concat((await ranked('lawtrail-draw/v1 object\n', seed, members, (id) => id)).slice(0, take));
  }
  const order = await ranked('lawtrail-draw/v1 object\n', seed, drawn, (id) => id);
  const ids = inspectors.map((i) => i.id);
  return Promise.all(order.map(async (o) => ({ object_id: o, order: await ranked('lawtrail-draw/v1 inspector\n', seed, ids, (id) => o + '\n' + id) })));
}

async function draws() {
  const list = await getJson('/v1/draws');
  view.innerHTML = `<section><h2>双随机抽查（共${list.items.length}次抽取）</h2>
    <p class="muted">每次抽取的随机种子是日志在公告所指将来时刻的检查点及各监督机关的联署签名，公告时任何人（包括本机关）都无法预知或操纵。点击任一次抽取，可在本浏览器中重新抽取并核对。</p>
    <table><thead><tr><th>抽查任务</th><th>事项</th><th>公告日期</th><th>抽中对象</th><th>状态</th></tr></thead><tbody>
    ${list.items.map((d) => `<tr class="draw" data-task="${esc(d.task_no)}"><td><a href="#/draw/${encodeURIComponent(d.task_no)}">${esc(d.task_no)}</a></td><td>${esc(d.item_code)}</td><td>${esc(d.announced_on)}</td>
      <td>${d.recorded_index === null ? '—' : esc(d.objects_drawn)}</td><td>${d.cancelled ? '已取消' : d.recorded_index === null ? '待抽取' : '已抽取'}</td></tr>`).join('')}
    </tbody></table></section>`;
}

async function drawPage(task, params) {
  const d = await getJson('/v1/draws/' + encodeURIComponent(task));
  const t = d.terms;
  const objectsText = params.get('objects') ?? d.pools.objects;
  const ratios = Object.entries(t.ratios_per_mille).map(([c, r]) => `${c}类 ${(r / 10).toFixed(1)}%`).join('，');
  const names = Object.fromEntries((() => { try { return parsePool(d.pools.inspectors); } catch { return []; } })().map((i) => [i.id, i.name]));
  const who = (id) => names[id] ? `${names[id]}（${id}）` : id;
  const OUTCOME = { NoProblem: '未发现问题', CorrectedOnSite: '当场整改', OrderedToCorrect: '责令整改', CaseOpened: '移送立案', NotFound: '查无下落' };
  const resultOf = Object.fromEntries((d.results || []).map((r) => [r.object_id, r]));
  const outcome = (id) => { const r = resultOf[id]; return r ? `<strong>${esc(OUTCOME[r.outcome] || r.outcome)}</strong>：${esc(r.summary)}<div class="muted">检查结束 ${esc(r.ended_on)}${r.published_on ? ' · 公示 ' + esc(r.published_on) : ' · 待公示'}</div>` : '<span class="muted">待检查</span>'; };
  const teams = (d.teams || []).map((c) => `<tr><td>${esc(c.name || c.object_id)}<div class="muted">${esc(c.object_id)} · ${esc(c.credit_class)}类 · ${esc(c.village)}</div><div class="check-result">${outcome(c.object_id)}</div></td><td>${c.inspectors.map((i) => esc(who(i))).join('<br>')}</td></tr>`).join('');
  view.innerHTML = `<section><h2>双随机抽查 ${esc(d.task_no)}</h2>${dl([
      ['抽查事项', esc(d.item_code)], ['事项清单版本', esc(t.list_version)], ['公告日期', esc(d.announced_on)],
      ['检查对象名录库', `${esc(t.object_pool_id)}（${esc(t.object_count)}户）`], ['执法检查人员名录库', `${esc(t.inspector_pool_id)}（${esc(t.inspector_count)}人）`],
      ['抽查比例', esc(ratios)], ['每户检查人员', esc(t.team_size) + '人'], ['随机种子', `日志第 ${esc(d.seed_tree_size)} 条记录时的检查点及 ${esc(t.witness_vkeys.length)} 个监督机关联署`]])}
    ${d.recorded_index === null ? '<p class="muted">尚未抽取。</p>' : `<h2>抽取结果（${(d.teams || []).length}户）</h2><table><thead><tr><th>检查对象及结果</th><th>检查人员</th></tr></thead><tbody>${teams}</tbody></table>`}
    ${(d.recusals_detail || []).length ? `<h2>回避</h2><ul>${d.recusals_detail.map((r) => `<li>${esc(who(r.inspector))} 对 ${esc(r.object_id)} 回避（${esc(r.reason)}），由 ${esc(who(r.replacement))} 递补</li>`).join('')}</ul>` : ''}</section>
    <section id="draw-check"><h2>核验：在本浏览器中重新抽取</h2>
    <p>日志公钥：<input id="draw-log-key" aria-label="日志公钥" value="${esc(t.log_vkey)}"></p>
    <details><summary>检查对象名录库文本（可替换为您手中的版本）</summary><textarea id="objects-text" rows="8">${esc(objectsText)}</textarea></details>
    <button id="draw-check-button">重新抽取并核对</button><ol class="steps" id="draw-steps"></ol><p id="draw-result" data-state="idle"></p></section>`;
  const run = () => checkDraw(d, document.getElementById('objects-text').value, document.getElementById('draw-log-key').value.trim());
  document.getElementById('draw-check-button').onclick = run;
  if (d.recorded_index !== null && params.get('check') !== '0') await run();
}

async function checkDraw(d, objectsText, logKey) {
  const t = d.terms;
  const steps = document.getElementById('draw-steps');
  const result = document.getElementById('draw-result');
  steps.innerHTML = '';
  const step = (text, ok = true) => steps.insertAdjacentHTML('beforeend', `<li class="${ok ? 'ok' : 'failed'}">${ok ? '✓' : '✗'} ${esc(text)}</li>`);
  result.dataset.state = 'running';
  try {
    if (!crypto.subtle) throw new Error('此浏览器不提供 WebCrypto（请通过 HTTPS 访问）');
    if (hex(await sha256(enc.encode(objectsText))) !== t.object_pool_hash) throw new Error('检查对象名录库与公告时承诺的哈希不符');
    if (hex(await sha256(enc.encode(d.pools.inspectors))) !== t.inspector_pool_hash) throw new Error('执法检查人员名录库与公告时承诺的哈希不符');
    const objects = parsePool(objectsText), inspectors = parsePool(d.pools.inspectors);
    if (objects.length !== t.object_count || inspectors.length !== t.inspector_count) throw new Error('名录库户数与公告不符');
    step(`两个名录库与公告时承诺的快照一致（${objects.length} 户、${inspectors.length} 人）`);
    const cp = await verifyNote(d.seed_checkpoint, logKey);
    if (cp.size !== d.seed_tree_size) throw new Error(`种子检查点的大小 ${cp.size} 不是公告所指的 ${d.seed_tree_size}`);
    step(`种子检查点由日志签名，大小为公告所指的 ${cp.size}`);
    const parts = [enc.encode('lawtrail-draw/v1 seed\n'), enc.encode(noteParts(d.seed_checkpoint).text)];
    for (const vkey of t.witness_vkeys) {
      const c = await cosignatureOf(d.seed_checkpoint, vkey);
      if (!c) throw new Error(`种子检查点缺少 ${vkey.split('+')[0]} 的联署`);
      parts.push(c.stamp, c.sig);
      step(`监督机关 ${c.name} 的联署有效（${new Date(Number(c.time) * 1000).toISOString().slice(0, 10)}）`);
    }
    const seed = await sha256(concat(...parts));
    const rerun = await rerunDraw(seed, objects, inspectors, t.team_size, t.ratios_per_mille);
    const recorded = d.drawn || [];
    if (rerun.length !== recorded.length) throw new Error(`记录的抽中对象 ${recorded.length} 户，重新抽取得到 ${rerun.length} 户`);
    rerun.forEach((r, i) => {
      const team = r.order.slice(0, t.team_size);
      if (r.object_id !== recorded[i].object_id || team.join() !== recorded[i].inspectors.join()) throw new Error(`第 ${i + 1} 户与重新抽取的结果不符`);
    });
    step(`重新抽取得到与记录相同的 ${rerun.length} 户及其检查人员`);
    const teams = Object.fromEntries(rerun.map((r) => [r.object_id, { team: r.order.slice(0, t.team_size), order: r.order, recused: [] }]));
    for (const r of d.recusals_detail || []) {
      const x = teams[r.object_id];
      x.recused.push(r.inspector);
      const next = x.order.find((id) => !x.team.includes(id) && !x.recused.includes(id));
      if (next !== r.replacement) throw new Error(`${r.inspector} 回避后应由 ${next} 递补，记录为 ${r.replacement}`);
      x.team[x.team.indexOf(r.inspector)] = next;
    }
    if ((d.recusals_detail || []).length) step(`${d.recusals_detail.length} 次回避的递补人员均为抽取顺序中的下一人`);
    result.dataset.state = 'ok';
    result.className = 'ok';
    result.textContent = '核验通过：本次抽取的对象和检查人员由公告时无法预知的种子决定，与记录一致。';
  } catch (e) {
    step(e.message, false);
    result.dataset.state = 'failed';
    result.className = 'failed';
    result.textContent = '核验失败：' + e.message;
  }
}

// ---- 统计年报 with charts
function barChart(title, data) {
  const keys = Object.keys(data).sort();
  const max = Math.max(1, ...keys.map((k) => data[k]));
  const w = 40, h = 160;
  const bars = keys.map((k, i) => {
    const bh = Math.round((data[k] / max) * (h - 30));
    return `<rect class="bar" x="${i * w + 8}" y="${h - 20 - bh}" width="${w - 16}" height="${bh}"><title>${esc(k)}：${data[k]}</title></rect>` +
      `<text x="${i * w + w / 2}" y="${h - 6}" text-anchor="middle">${esc(k)}</text><text x="${i * w + w / 2}" y="${h - 24 - bh}" text-anchor="middle">${data[k]}</text>`;
  }).join('');
  return `<h2>${esc(title)}</h2><svg class="chart" role="img" aria-label="${esc(title)}" viewBox="0 0 ${Math.max(1, keys.length) * w} ${h}" width="100%" height="${h}">${bars}</svg>`;
}

async function stats(params) {
  const year = params.get('year') || String(new Date().getFullYear() - 1);
  const s = await getJson('/v1/statistics/' + encodeURIComponent(year));
  const p = s['行政处罚'] || {};
  const a = s['分析'] || {};
  view.innerHTML = `<section><h2>${esc(year)}年 行政执法统计</h2>
    <form id="year-form"><input id="year" value="${esc(year)}" inputmode="numeric"><button>查看</button></form>
    ${dl([['行政处罚（宗）', esc(p['合计宗数'])], ['罚没金额（元）', esc(((p['罚没金额_分'] || 0) / 100).toFixed(2))],
      ['简易程序', esc(p['简易程序'])], ['一般程序', esc(p['一般程序'])], ['按时公示', esc((s['公示'] || {})['按时公示'])],
      ['逾期公示', esc((s['公示'] || {})['逾期公示'])], ['行政检查', esc((s['其他执法行为'] || {})['行政检查'])]])}</section>
    <section>${barChart('立案数（按月份）', a['按月份'] || {})}</section>
    <section>${barChart('处罚决定数（按月份）', a['决定按月份'] || {})}</section>
    <section>${barChart('立案数（按村社区）', a['按村社区'] || {})}</section>`;
  document.getElementById('year-form').onsubmit = (e) => { e.preventDefault(); location.hash = '#/stats?year=' + encodeURIComponent(document.getElementById('year').value.trim()); };
}

async function render() {
  const { parts, params } = route();
  try {
    if (parts[0] === 'cert') await certificate(params);
    else if (parts[0] === 'decisions') await decisions(params);
    else if (parts[0] === 'decision' && parts[1]) await decision(parts[1], params);
    else if (parts[0] === 'stats') await stats(params);
    else if (parts[0] === 'draws') await draws();
    else if (parts[0] === 'notices') await notices();
    else if (parts[0] === 'notice' && parts[1] && parts[2]) await noticePage(parts[1], parts[2], params);
    else if (parts[0] === 'draw' && parts[1]) await drawPage(parts[1], params);
    else await home();
    document.body.dataset.rendered = parts[0] || 'home';
  } catch (e) {
    view.innerHTML = `<section><p class="failed">加载失败：${esc(e.message)}</p></section>`;
    document.body.dataset.rendered = 'error';
  }
}

window.addEventListener('hashchange', render);
getJson('/v1/log').then((l) => { document.getElementById('vkey').textContent = l.verifier_key; }).catch(() => {});
render();
