// 党风廉政意见回复: the codes and labels of app/vetting_service.cpp, the reading of a pasted list
// of ID numbers (the same separators as codec SplitIdNumbers), and what a screen shows of a
// request and of the engine's draft. The server decides everything again.
import { checkIdNumber } from './validation.js';
import { ACTIONS, labelOf } from './format.js';

export const PURPOSES = [
  { code: 'promotion', label: '提拔' },
  { code: 'further_use', label: '进一步使用' },
  { code: 'rank_promotion', label: '晋升职级' },
  { code: 'commendation', label: '评优评先' },
  { code: 'nomination', label: '推荐党代表、人大代表、政协委员' },
  { code: 'transfer', label: '交流任职' },
];

export const ANSWERS = [
  { code: 'no_issue', label: '未发现影响使用的问题' },
  { code: 'period_over', label: '有处分记录但影响期已满，无影响使用的问题' },
  { code: 'period_running', label: '影响期未满，建议暂缓使用' },
  { code: 'pending_matter', label: '有正在核查的问题线索或正在审查调查，建议暂缓使用（待查清后再作答复）' },
  { code: 'unsuitable', label: '不宜使用' },
];

export const STATES = { open: '办理中', approved: '已审批', issued: '已回复' };

// Element Plus tag type of an answer class: green when nothing stands in the way.
export function answerTagType(answer) {
  if (answer === 'no_issue' || answer === 'period_over') return 'success';
  if (answer === 'unsuitable') return 'danger';
  if (answer) return 'warning';
  return 'info';
}

export function stateTagType(state) {
  if (state === 'issued') return 'success';
  if (state === 'approved') return 'primary';
  return 'warning';
}

// Splits pasted text at whitespace, commas, semicolons and 、，； — a column copied from a
// spreadsheet or a list typed in a document. Empty tokens are dropped; "x" becomes "X".
export function splitIdNumbers(text) {
  return String(text || '')
    .split(/[\s,;、，；]+/u)
    .map((t) => t.trim().toUpperCase())
    .filter(Boolean);
}

// Reads a pasted list: {numbers: [valid, unique, in order], problems: [{line, input, message}]},
// `line` counting from 1 over the tokens as the server numbers them. Checks the GB 11643 format
// and check digit and repeated numbers; whether the person exists is the server's answer.
export function parseIdList(text) {
  const numbers = [];
  const problems = [];
  const seen = new Map();
  splitIdNumbers(text).forEach((input, i) => {
    const line = i + 1;
    const message = checkIdNumber(input);
    if (message) {
      problems.push({ line, input, message });
    } else if (seen.has(input)) {
      problems.push({ line, input, message: `与第${seen.get(input)}个号码重复` });
    } else {
      seen.set(input, line);
      numbers.push(input);
    }
  });
  return { numbers, problems };
}

// Adds numbers to an existing list without repeats; returns the merged list.
export function mergeIdNumbers(existing, added) {
  const out = [...existing];
  for (const n of added) if (!out.includes(n)) out.push(n);
  return out;
}

// The POST /vetting-requests body from the form.
export function filingBody(form) {
  const body = {
    purpose: form.purpose,
    requester: (form.requester || '').trim(),
    candidates: form.idNumbers.map((id_number) => ({ id_number })),
  };
  const ref = (form.request_ref || '').trim();
  if (ref) body.request_ref = ref;
  if (form.request_date) body.request_date = form.request_date;
  return body;
}

// Local checks of the filing form: {field: message} with the server's field names.
export function validateFiling(form) {
  const errors = {};
  if (!PURPOSES.some((p) => p.code === form.purpose)) errors.purpose = '请选择征求意见的事由';
  if (!(form.requester || '').trim()) errors.requester = '请填写来函单位';
  if (!form.idNumbers || form.idNumbers.length === 0) {
    errors.candidates = '请至少添加一名人选（逐个录入、粘贴号码或上传名单）';
  }
  return errors;
}

// The lines of the engine's reasons for a candidate's draft (basis of the server), for display:
// [{action, verdict, summary, restrictions: [text], holds: [text]}] and the records behind it.
export function describeBasis(basis) {
  if (!basis || typeof basis !== 'object') return { asOf: '', actions: [], records: [] };
  const actions = (basis.actions || []).map((a) => ({
    action: labelOf(ACTIONS, a.action) || a.action,
    verdict: a.verdict,
    summary: a.summary || '',
    restrictions: (a.restrictions || []).map(
      (r) =>
        `${r.measure_name}（${r.decision_number}），${r.from} 至 ${r.to || '解除日期未定'}；依据：${r.basis}`,
    ),
    holds: (a.holds || []).map((h) => `${h.label}，自 ${h.from}${h.to ? ` 至 ${h.to}` : ''}`),
  }));
  const records = (basis.records || []).map((r) => ({
    text: `${r.decision_number}（${r.decision_date}）`,
    measures: r.measures || [],
  }));
  return { asOf: basis.as_of || '', actions, records };
}

// Which steps the signed-in account may take on a request now.
export function vettingActions(request, perms) {
  const state = request && request.state;
  const candidates = (request && request.candidates) || [];
  const drafted = candidates.length > 0 && candidates.every((c) => c.drafted);
  const confirmed = candidates.length > 0 && candidates.every((c) => c.answer);
  return {
    draft: perms.has('answer_vetting') && state === 'open',
    confirm: perms.has('answer_vetting') && state === 'open' && drafted,
    approve: perms.has('approve_vetting') && state === 'open' && confirmed,
    issue: perms.has('answer_vetting') && state === 'approved',
    letter: state === 'issued',
  };
}
