// Aftercare (回访、教育帮带、苗头性问题、处分决定执行、工作台): the codes of
// storage/aftercare_records.hpp with their Chinese labels, the browser-side checks of the forms
// (same wording as the server's domain checks) and the request bodies.
import { isValidDate } from './validation.js';

export const GRADES = [
  { code: 'good', label: '好' },
  { code: 'fair', label: '一般' },
  { code: 'poor', label: '较差' },
];

export const TALKED_WITH = [
  { code: 'subject', label: '回访对象本人' },
  { code: 'unit_head', label: '所在单位主要负责人' },
  { code: 'other', label: '其他人员' },
];

export const CHECKED = [
  { code: 'execution', label: '处分决定执行情况' },
  { code: 'attitude', label: '对错误的认识态度' },
  { code: 'work', label: '工作表现' },
  { code: 'thinking', label: '思想状况' },
  { code: 'life', label: '生活状况' },
];

export const ESCALATION_KINDS = [
  { code: 'negative_thinking', label: '思想消极' },
  { code: 'poor_performance', label: '履职不力' },
  { code: 'new_violation_sign', label: '新的违规违纪苗头' },
];

export const ESCALATION_OUTCOMES = [
  { code: 'handled', label: '已处置' },
  { code: 'referred', label: '已移送' },
];

// The workbench's reminder kinds (domain/aftercare/reminders ReminderKindCode), in menu order.
export const REMINDER_KINDS = [
  { code: 'visit', label: '回访' },
  { code: 'execution', label: '处分决定执行' },
  { code: 'mentor_first_talk', label: '首次谈心谈话' },
  { code: 'mentor_talk', label: '谈心谈话' },
  { code: 'mentor_report', label: '帮带情况报告' },
  { code: 'escalation', label: '苗头性问题处置' },
  { code: 'influence_ending', label: '影响期即将届满' },
  { code: 'probation_outcome', label: '留党察看期满待决定' },
  { code: 'clue_reply', label: '函询回复到期' },
];

export function codeLabel(list, code) {
  const hit = list.find((x) => x.code === code);
  return hit ? hit.label : code || '';
}

export function codeLabels(list, codes) {
  return (codes || []).map((c) => codeLabel(list, c)).join('、');
}

export function blankVisit(today) {
  return {
    plan_key: '',
    date: today,
    visitors: [],
    talked_with: ['subject'],
    others_talked: '',
    checked: [],
    findings: '',
    grade: '',
    follow_up: '',
    feedback: '',
    open_clue: false,
  };
}

// {field: message} of the record-a-visit form, in the server's field names; {} when it may be
// sent. `subjectId` is the visited person (who cannot be one of the visitors).
export function validateVisit(form, { today, subjectId, minVisitors = 2 } = {}) {
  const errors = {};
  if (!isValidDate(form.date)) errors.date = '请选择回访日期';
  else if (today && form.date > today) errors.date = '回访日期不能晚于今天，请核对。';
  const visitors = (form.visitors || []).map(Number);
  if (visitors.length < minVisitors) {
    errors.visitors = `回访人员应不少于${minVisitors}人，请补充回访人员。`;
  } else if (subjectId && visitors.includes(Number(subjectId))) {
    errors.visitors = '回访对象本人不能作为回访人员。';
  } else if (new Set(visitors).size !== visitors.length) {
    errors.visitors = '同一回访人员重复填写，请删除重复项。';
  }
  if (!(form.talked_with || []).includes('subject')) {
    errors.talked_with = '回访应与回访对象本人谈话，请在谈话对象中勾选本人。';
  }
  if ((form.talked_with || []).includes('other') && !(form.others_talked || '').trim()) {
    errors.others_talked = '请填写其他谈话人员的姓名或职务';
  }
  if (!form.grade) errors.grade = '请选择回访评价等次（好、一般、较差）。';
  return errors;
}

// The POST /visits body.
export function visitBody(personId, form) {
  const body = {
    person_id: Number(personId),
    date: form.date,
    visitors: (form.visitors || []).map(Number),
    talked_with: [...(form.talked_with || [])],
    checked: [...(form.checked || [])],
    grade: form.grade,
    open_clue: Boolean(form.open_clue),
  };
  if (form.plan_key) body.plan_key = form.plan_key;
  for (const key of ['others_talked', 'findings', 'follow_up', 'feedback']) {
    const text = (form[key] || '').trim();
    if (text) body[key] = text;
  }
  return body;
}

// The planned visits of GET /persons/{id}/visit-plan with a state for the table:
// done (fulfilled), overdue (not fulfilled and past due), due (from ≤ today ≤ due), planned.
export function planRows(plan, today) {
  return ((plan && plan.visits) || []).map((v) => {
    let state = 'planned';
    if (v.fulfilled_on) state = 'done';
    else if (v.due && today > v.due) state = 'overdue';
    else if (!v.from || v.from <= today) state = 'due';
    return { ...v, state, state_label: PLAN_STATES[state] };
  });
}

const PLAN_STATES = { done: '已回访', overdue: '已逾期', due: '待回访', planned: '未到期' };

// The planned visits a new visit may fulfil (not yet fulfilled), as select options.
export function openPlanOptions(plan) {
  return ((plan && plan.visits) || [])
    .filter((v) => !v.fulfilled_on)
    .map((v) => ({ value: v.key, label: `${v.title}（${v.from} 至 ${v.due}）` }));
}

// Half-years a report may be filed for: begun by today, overlapping the mentoring period, and
// without a report yet; newest first.
export function reportHalfYears(assignment, today) {
  if (!assignment || !isValidDate(assignment.start) || !isValidDate(today)) return [];
  const filed = new Set((assignment.reports || []).map((r) => `${r.year}-${r.half}`));
  const out = [];
  let year = Number(assignment.start.slice(0, 4));
  let half = Number(assignment.start.slice(5, 7)) <= 6 ? 1 : 2;
  const end = assignment.end && assignment.end < today ? assignment.end : today;
  for (;;) {
    const begins = `${year}-${half === 1 ? '01' : '07'}-01`;
    if (begins > end) break;
    if (!filed.has(`${year}-${half}`)) {
      out.push({ year, half, label: `${year}年${half === 1 ? '上半年' : '下半年'}` });
    }
    if (half === 2) {
      year += 1;
      half = 1;
    } else {
      half = 2;
    }
  }
  return out.reverse();
}

// {field: message} of the open-an-escalation form.
export function validateEscalation(form, today) {
  const errors = {};
  if (!form.kind) errors.kind = '请选择苗头性问题的类别';
  if (!isValidDate(form.opened_on)) errors.opened_on = '请选择发现日期';
  else if (today && form.opened_on > today) errors.opened_on = '发现日期不能晚于今天';
  return errors;
}

// {field: message} of the resolve form; `openedOn` is the escalation's opening date.
export function validateResolve(form, openedOn, today) {
  const errors = {};
  if (!form.outcome) errors.outcome = '请选择处置结果';
  if (!(form.resolution || '').trim()) errors.resolution = '请填写处置情况';
  if (!isValidDate(form.resolved_on)) errors.resolved_on = '请选择处置日期';
  else if ((openedOn && form.resolved_on < openedOn) || (today && form.resolved_on > today)) {
    errors.resolved_on = `处置日期应在发现日期（${openedOn}）至今天之间`;
  }
  return errors;
}

// The count cards of the workbench: total, overdue, then each kind that has items.
export function workbenchCards(bench) {
  if (!bench) return [];
  const cards = [
    { key: 'total', label: '待办合计', count: bench.total || 0 },
    { key: 'overdue', label: '其中已逾期', count: bench.overdue || 0 },
  ];
  const byKind = bench.by_kind || {};
  for (const kind of REMINDER_KINDS) {
    if (byKind[kind.code]) cards.push({ key: kind.code, label: kind.label, count: byKind[kind.code] });
  }
  return cards;
}

// The clue id of a clue_reply item's `ref` ("12" or "clue-12" → "12"); "" when it has none.
export function clueIdOf(ref) {
  const m = /(\d+)$/.exec(String(ref ?? ''));
  return m ? String(Number(m[1])) : '';
}

// Where a workbench item is worked on: the subject's file, on the tab of its kind. A 函询回复
// item (clue_reply, `ref` = the clue's id) opens the file's 监督执纪 tab with that clue marked.
export function workbenchLink(item) {
  if (item.kind === 'clue_reply') {
    const clue = clueIdOf(item.ref);
    return { path: `/persons/${item.subject_id}`, query: clue ? { tab: 'oversight', clue } : { tab: 'oversight' } };
  }
  const tab = {
    visit: 'visits',
    execution: 'file',
    mentor_first_talk: 'mentoring',
    mentor_talk: 'mentoring',
    mentor_report: 'mentoring',
    escalation: 'escalations',
    influence_ending: 'file',
    probation_outcome: 'file',
  }[item.kind];
  return { path: `/persons/${item.subject_id}`, query: tab ? { tab } : {} };
}
