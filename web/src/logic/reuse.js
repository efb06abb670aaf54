// 重新使用: the five steps in order, which step the user may open, and each step's form checked
// before it is sent (the server checks everything again; docs/reuse.md).

export const STEPS = [
  { step: 1, title: '提出意见', label: '组织人事部门提出意见并征求纪检监察机关意见' },
  { step: 2, title: '了解表现', label: '深入了解影响期内现实表现和工作业绩' },
  { step: 3, title: '征求上级意见', label: '书面征求上一级组织人事部门意见' },
  { step: 4, title: '集体讨论', label: '党委（党组）集体讨论决定' },
  { step: 5, title: '适当公开', label: '适当方式公开' },
];

export const FILE_STATES = { open: '办理中', reused: '已重新使用', not_reused: '决定不重新使用', withdrawn: '已撤回' };

export const FIVE_LOOKS = [
  { key: 'time', label: '看时间' },
  { key: 'cause', label: '看原因' },
  { key: 'performance', label: '看表现' },
  { key: 'sanction_type', label: '看处分类型' },
  { key: 'nature', label: '看错误性质' },
];

export const EVALUATION = [
  { key: 'good', label: '好' },
  { key: 'fairly_good', label: '较好' },
  { key: 'average', label: '一般' },
  { key: 'poor', label: '差' },
];

export const LEVELS = { allowed: '可以提出', override: '须写明特别理由并经领导批准', excluded: '不得提出' };

export function fileStateTagType(state) {
  return { open: 'primary', reused: 'success', not_reused: 'warning', withdrawn: 'info' }[state] || 'info';
}

// The state of step n for a file: 'done' (recorded), 'current' (the next one to record),
// 'waiting' (an earlier step is missing) or 'closed' (the file is no longer open).
export function stepState(file, n) {
  const done = new Set(((file && file.steps) || []).map((s) => s.step));
  if (done.has(n)) return 'done';
  if (!file || file.state !== 'open') return 'closed';
  return n === file.next_step ? 'current' : 'waiting';
}

// Why step n cannot be recorded now ('' when it can): the order of the steps, the commission's
// opinion before step 2, the leader's approval of an override before step 1.
export function stepBlocker(file, n) {
  const state = stepState(file, n);
  if (state === 'done') return `第${n}步已办理`;
  if (state === 'closed') return '事项已办结，不能再办理';
  if (state === 'waiting') {
    const first = STEPS[file.next_step - 1];
    return `须按程序依次办理：请先完成第${file.next_step}步“${first ? first.label : ''}”`;
  }
  if (n === 1 && file.override_pending) return '较重处分的特别理由尚待领导批准';
  if (n === 2 && !commissionOpinion(file)) return '须待纪检监察机关对第1步提出意见';
  return '';
}

// The commission's opinion on step 1, or null.
export function commissionOpinion(file) {
  const first = ((file && file.steps) || []).find((s) => s.step === 1);
  return (first && first.details && first.details.commission) || null;
}

// Whether the precondition check is shown before this step (before step 1 and step 4).
export function checksPreconditions(n) {
  return n === 1 || n === 4;
}

export function emptyStepForm(n, today) {
  return {
    step: n,
    organ: '',
    date: today,
    opinion: '',
    documentMode: 'generate',
    document_id: null,
    attitude: '',
    five_looks: Object.fromEntries(FIVE_LOOKS.map((f) => [f.key, ''])),
    evaluation: Object.fromEntries(EVALUATION.map((f) => [f.key, 0])),
    meeting: '',
    decision: 'reuse',
    responsible: '',
    publicity: '',
  };
}

// {field: message} for a step's form before it is sent; the keys are the server's field names
// (five_looks.nature, evaluation, ...), so the server's errors land on the same form items.
export function validateStep(form, today) {
  const errors = {};
  if (!form.organ.trim()) errors.organ = '请填写办理机关';
  if (!form.date) errors.date = '请选择办理日期';
  else if (today && form.date > today) errors.date = '办理日期不能晚于今天';
  if (!form.opinion.trim()) errors.opinion = form.step === 4 && form.decision === 'not_reuse' ? '请写明不重新使用的理由' : '请填写意见';
  if (form.documentMode === 'upload' && !form.document_id) errors.document_id = '请上传文书，或选择当场生成函件';
  if (form.step === 2) {
    if (!form.attitude.trim()) errors.attitude = '请填写本人对错误的认识和态度';
    for (const f of FIVE_LOOKS) {
      if (!String(form.five_looks[f.key] || '').trim()) errors[`five_looks.${f.key}`] = `请填写“${f.label}”`;
    }
    const counts = EVALUATION.map((f) => form.evaluation[f.key]);
    if (counts.some((c) => !Number.isInteger(c) || c < 0)) errors.evaluation = '民主测评票数应为不小于0的整数';
    else if (counts.reduce((a, b) => a + b, 0) === 0) errors.evaluation = '请填写民主测评票数';
  }
  if (form.step === 4) {
    if (!form.meeting.trim()) errors.meeting = '请填写会议名称和日期';
    if (!['reuse', 'not_reuse'].includes(form.decision)) errors.decision = '请选择集体讨论结论';
    if (responsibleNames(form.responsible).length === 0) errors.responsible = '请至少填写一名用人责任人';
  }
  if (form.step === 5 && !form.publicity.trim()) errors.publicity = '请填写公开方式和范围';
  return errors;
}

// The named responsible persons typed in one line, separated by 、，, ; or spaces.
export function responsibleNames(text) {
  return String(text || '')
    .split(/[、，,;；\s]+/)
    .map((r) => r.trim())
    .filter(Boolean);
}

// The request body of POST /reuse-files/{id}/steps for a form.
export function stepBody(form) {
  const body = { step: form.step, organ: form.organ.trim(), date: form.date, opinion: form.opinion.trim() };
  if (form.documentMode === 'upload') body.document_id = form.document_id;
  else body.generate_letter = true;
  if (form.step === 2) {
    body.attitude = form.attitude.trim();
    body.five_looks = Object.fromEntries(FIVE_LOOKS.map((f) => [f.key, String(form.five_looks[f.key] || '').trim()]));
    body.evaluation = { ...form.evaluation };
  }
  if (form.step === 4) {
    body.meeting = form.meeting.trim();
    body.decision = form.decision;
    body.responsible = responsibleNames(form.responsible);
  }
  if (form.step === 5) body.publicity = form.publicity.trim();
  return body;
}

// The share of 好 and 较好 votes, in whole percent, or null without votes.
export function goodShare(evaluation) {
  if (!evaluation) return null;
  const total = EVALUATION.reduce((sum, f) => sum + (Number(evaluation[f.key]) || 0), 0);
  if (!total) return null;
  return Math.round(((Number(evaluation.good) || 0) + (Number(evaluation.fairly_good) || 0)) * 100 / total);
}

const FORM_LABELS = { 1: '第一种形态', 2: '第二种形态', 3: '第三种形态', 4: '第四种形态' };

// The rows of the policy editor's measure table: each code of the policy's `measures` with its
// catalogue name and four-forms class, in catalogue order; codes the catalogue does not list (or
// every code, while the catalogue is unavailable) follow in code order, named by their code.
export function policyMeasureRows(policyMeasures, catalogueMeasures) {
  const codes = new Set(Object.keys(policyMeasures || {}));
  const rows = [];
  for (const m of catalogueMeasures || []) {
    if (!codes.has(m.code)) continue;
    rows.push({ code: m.code, name: m.name, form_label: FORM_LABELS[m.form] || '' });
    codes.delete(m.code);
  }
  for (const code of [...codes].sort()) rows.push({ code, name: code, form_label: '' });
  return rows;
}
