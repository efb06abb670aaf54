// 问题线索、约谈/谈心谈话、澄清正名、容错纠错: code tables (the server's labels, docs/oversight.md)
// and the checks the browser makes before sending a form.

export const CLUE_SOURCES = {
  petition: '信访举报',
  inspection: '巡视巡察',
  audit: '审计',
  supervision: '监督检查',
  self_report: '主动说明',
  visit: '回访中发现',
  other: '其他',
};
export const CLUE_HANDLINGS = { inquiry: '谈话函询', verification: '初步核实', shelved: '暂存待查', closed: '予以了结' };
export const CLUE_STATES = { registered: '待处置', in_progress: '办理中', concluded: '已办结' };
export const INTERVIEW_KINDS = { routine: '常规式约谈', work: '工作式约谈', reminder: '提醒谈话', heart_to_heart: '谈心谈话' };
export const CLEARANCE_CONCLUSIONS = { untrue: '失实', false_accusation: '诬告' };
export const CLEARANCE_TRIGGERS = { party_proposal: '党组织提议', self_application: '本人申请' };
export const CLEARANCE_METHODS = { written: '书面', in_person: '当面', meeting: '会议', circular: '通报' };
export const FT_GROUNDS = {
  reform_trial: '推进改革中因缺乏经验、先行先试出现的失误错误',
  exploratory_trial: '尚无明确限制的探索性试验中的失误错误',
  unintentional_fault: '为推动发展的无意过失',
};
export const FT_DECISIONS = { exempt: '免责', mitigate: '减责' };

// What each handling method means for the person, shown beside the select.
export function handlingHint(handling) {
  if (handling === 'inquiry') return '谈话函询：自处置决定日起第15个工作日为函询回复期限。';
  if (handling === 'verification') return '初步核实：本人自处置决定日起处于“暂缓”状态，直至线索办结或改为其他处置方式。';
  if (handling === 'shelved') return '暂存待查：不影响本人状态。';
  if (handling === 'closed') return '予以了结：在处置决定当日即办结，须填写办理结论。';
  return '';
}

function after(a, b) {
  return a && b && a > b;
}

export function validateClue(form, today) {
  const e = {};
  if (!form.person_id) e.person_id = '请选择人员';
  if (!form.organ_id) e.organ_id = '请选择登记机关';
  if (!form.source) e.source = '请选择线索来源';
  if (!(form.summary || '').trim()) e.summary = '请填写线索摘要';
  if (!form.received) e.received = '请选择受理日期';
  else if (after(form.received, today)) e.received = '受理日期不能晚于今天';
  if (form.handling && !form.handling_date) e.handling_date = '请填写处置决定日期';
  if (!form.handling && form.handling_date) e.handling = '填写了处置决定日期，请选择处置方式';
  if (form.handling_date && form.received && form.handling_date < form.received) e.handling_date = '处置决定日期不能早于受理日期';
  if (after(form.handling_date, today)) e.handling_date = '处置决定日期不能晚于今天';
  if (form.replied_on) {
    if (form.handling !== 'inquiry') e.replied_on = '只有谈话函询才填写回复日期';
    else if (form.replied_on < (form.handling_date || form.received)) e.replied_on = '回复日期不能早于受理日期和处置决定日期';
  }
  if (form.concluded_on && !(form.conclusion || '').trim()) e.conclusion = '办结时请填写办理结论';
  if (form.handling === 'closed' && !(form.conclusion || '').trim()) e.conclusion = '予以了结须填写办理结论';
  return e;
}

export function clueBody(form) {
  const body = {
    organ_id: form.organ_id,
    source: form.source,
    summary: form.summary.trim(),
    received: form.received,
    handling: form.handling || null,
    handling_date: form.handling ? form.handling_date : null,
    replied_on: form.handling === 'inquiry' ? form.replied_on || null : null,
    concluded_on: form.concluded_on || null,
    conclusion: (form.conclusion || '').trim(),
  };
  if (form.id) body.version = form.version;
  else body.person_id = form.person_id;
  return body;
}

export function validateInterview(form, today) {
  const e = {};
  if (!form.organ_id) e.organ_id = '请选择组织谈话的组织';
  if (!form.kind) e.kind = '请选择谈话类型';
  if (!form.date) e.date = '请选择谈话日期';
  else if (after(form.date, today)) e.date = '谈话日期不能晚于今天';
  if (!form.interviewers.some((i) => (i.name || '').trim())) e.interviewers = '请至少填写一名谈话人';
  if (!form.persons.length) e.persons = '请选择谈话对象';
  for (const p of form.persons) {
    if (p.principal_leader && !p.led_org_id) e.persons = '“一把手”须选择其主持工作的组织';
  }
  if (!(form.topics || '').trim()) e.topics = '请填写谈话内容';
  return e;
}

export function interviewBody(form) {
  const body = {
    organ_id: form.organ_id,
    kind: form.kind,
    date: form.date,
    interviewers: form.interviewers
      .filter((i) => (i.name || '').trim())
      .map((i) => ({ name: i.name.trim(), post: (i.post || '').trim() })),
    persons: form.persons.map((p) => ({
      person_id: p.person_id,
      principal_leader: Boolean(p.principal_leader),
      led_org_id: p.principal_leader ? p.led_org_id : null,
    })),
    topics: form.topics.trim(),
    follow_up: (form.follow_up || '').trim(),
  };
  if (form.id) body.version = form.version;
  return body;
}

export function validateClearance(form, today) {
  const e = {};
  if (!form.person_id) e.person_id = '请选择人员';
  if (!form.organ_id) e.organ_id = '请选择登记机关';
  const items = form.allegations.map((a) => a.trim());
  if (items.length === 0 || items.some((a) => !a)) e.allegations = '请逐项列明予以澄清的具体问题，每项不能为空';
  if (!form.conclusion) e.conclusion = '请选择核查结论';
  if (!form.trigger) e.trigger = '请选择启动方式';
  if (!(form.approver || '').trim()) e.approver = '请填写批准机关或负责人';
  if (!(form.audience || '').trim()) e.audience = '请填写澄清范围';
  if (!form.date) e.date = '请选择日期';
  else if (after(form.date, today)) e.date = '日期不能晚于今天';
  if (form.referred && form.conclusion !== 'false_accusation') e.referred = '只有诬告才填写“已移交查处”';
  return e;
}

export function clearanceBody(form) {
  const body = {
    organ_id: form.organ_id,
    clue_id: form.clue_id || null,
    allegations: form.allegations.map((a) => a.trim()),
    conclusion: form.conclusion,
    trigger: form.trigger,
    approver: form.approver.trim(),
    methods: Array.from(new Set(['written', ...form.methods])),
    audience: form.audience.trim(),
    date: form.date,
    referred: form.conclusion === 'false_accusation' && Boolean(form.referred),
  };
  if (form.id) body.version = form.version;
  else body.person_id = form.person_id;
  return body;
}

export function validateFaultTolerance(form, today) {
  const e = {};
  if (!form.person_id) e.person_id = '请选择人员';
  if (!form.organ_id) e.organ_id = '请选择登记机关';
  if (!form.measure_id && !form.clue_id && !(form.allegation || '').trim()) e.allegation = '请填写所针对的问题（或填写措施、线索编号）';
  if (!form.ground) e.ground = '请选择“三个区分开来”的依据';
  if (!form.decision) e.decision = '请选择决定';
  if (!(form.approver || '').trim()) e.approver = '请填写批准机关或负责人';
  if (!form.date) e.date = '请选择日期';
  else if (after(form.date, today)) e.date = '日期不能晚于今天';
  return e;
}

export function faultToleranceBody(form) {
  const body = {
    organ_id: form.organ_id,
    measure_id: form.measure_id || null,
    clue_id: form.clue_id || null,
    allegation: (form.allegation || '').trim(),
    ground: form.ground,
    decision: form.decision,
    approver: form.approver.trim(),
    date: form.date,
    reason: (form.reason || '').trim(),
  };
  if (form.id) body.version = form.version;
  else body.person_id = form.person_id;
  return body;
}
