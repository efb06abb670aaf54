// Display helpers shared by the screens.
export const DISCIPLINES = [
  { code: 'political', label: '政治纪律' },
  { code: 'organisational', label: '组织纪律' },
  { code: 'integrity', label: '廉洁纪律' },
  { code: 'masses', label: '群众纪律' },
  { code: 'work', label: '工作纪律' },
  { code: 'life', label: '生活纪律' },
];

export const SOURCES = [
  { code: 'self_report', label: '主动说明问题' },
  { code: 'petition', label: '信访举报' },
  { code: 'inspection', label: '巡视巡察' },
  { code: 'audit', label: '审计' },
  { code: 'supervision', label: '监督检查' },
  { code: 'other', label: '其他' },
];

export const ACTIONS = [
  { code: 'promote', label: '提拔职务、晋升职级或进一步使用' },
  { code: 'equal_post', label: '担任与原任职务相当或者更高的职务' },
  { code: 'leadership_post', label: '安排领导职务' },
  { code: 'salary_step', label: '晋升工资档次' },
  { code: 'party_rights', label: '行使表决权、选举权和被选举权' },
  { code: 'readmit', label: '重新入党' },
];

export const HOLD_KINDS = { clue_verification: '问题线索核查中', case_review: '立案审查调查中' };

export const FORM_NAMES = { 1: '第一种形态', 2: '第二种形态', 3: '第三种形态', 4: '第四种形态' };

export function verdictTagType(verdict) {
  if (verdict === 'blocked') return 'danger';
  if (verdict === 'hold') return 'warning';
  return 'success';
}

export function labelOf(list, code) {
  const hit = list.find((x) => x.code === code);
  return hit ? hit.label : code || '';
}

export function yesNo(v) {
  return v ? '是' : '否';
}

// Today in Beijing as YYYY-MM-DD (the users' civil date, whatever the browser's zone).
export function todayBeijing(now = new Date()) {
  const shifted = new Date(now.getTime() + 8 * 3600 * 1000);
  return shifted.toISOString().slice(0, 10);
}
