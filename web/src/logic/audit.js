// The security auditor's view of the audit log (GET /api/v1/audit, api/audit_api.hpp): the
// Chinese names of the recorded actions and the query the filter form sends.

export const ACTION_LABELS = {
  'auth.login': '登录',
  'auth.logout': '退出登录',
  'account.create': '新增账号',
  'account.disable': '停用账号',
  'account.enable': '启用账号',
  'account.grant': '授予角色和管辖范围',
  'account.password': '重置密码',
  'person.create': '新增人员',
  'person.update': '修改人员',
  'person.read': '查阅干部档案',
  'person.list': '查询人员列表',
  'person.status': '查询影响期结论',
  'person.preview': '预览处分处理',
  'case.create': '登记处分处理',
  'case.read': '查阅案件',
  'measure.outcome': '登记留党察看期满结果',
  'measure.revoke': '撤销措施',
  'hold.open': '登记在办事项',
  'hold.close': '办结在办事项',
  'statistics.read': '查看统计',
  'workbench.read': '查看工作台',
  'execution.read': '查阅执行情况',
  'execution.confirm': '确认执行事项',
  'visit_plan.read': '查阅回访计划',
  'visit_plan.edit': '调整回访计划',
  'visit.read': '查阅回访记录',
  'visit.create': '登记回访',
  'mentor.read': '查阅教育帮带',
  'mentor.assign': '确定帮带责任人',
  'mentor.talk': '登记谈心谈话',
  'mentor.report': '登记帮带情况报告',
  'escalation.read': '查阅苗头性问题',
  'escalation.open': '报告苗头性问题',
  'escalation.resolve': '处置苗头性问题',
  'aftercare.setting': '修改回访政策或节假日日历',
  'vetting.file': '征求党风廉政意见',
  'vetting.read': '查阅征求意见',
  'vetting.draft': '起草答复意见',
  'vetting.confirm': '确认答复意见',
  'vetting.approve': '审批答复意见',
  'vetting.issue': '出具回复函',
  'vetting.letter': '下载回复函',
  'audit.read': '查阅审计日志',
  'audit.verify': '核查审计日志',
};

// The action groups offered as a filter (a trailing "." matches every action of the group).
export const ACTION_GROUPS = [
  { value: 'auth.', label: '登录与退出' },
  { value: 'account.', label: '账号管理' },
  { value: 'person.', label: '人员与影响期' },
  { value: 'case.', label: '处分处理' },
  { value: 'vetting.', label: '党风廉政意见回复' },
  { value: 'aftercare.', label: '回访政策与日历' },
  { value: 'audit.', label: '审计日志' },
];

export function actionLabel(action) {
  return ACTION_LABELS[action] || action;
}

// "2026-11-27T08:00:00Z" as Beijing time "2026-11-27 16:00:00".
export function beijingTime(at) {
  const ms = Date.parse(at);
  if (!Number.isFinite(ms)) return at || '';
  return new Date(ms + 8 * 3600 * 1000).toISOString().slice(0, 19).replace('T', ' ');
}

// The query of GET /api/v1/audit from the filter form; empty filters are left out.
export function auditQuery(filters, page, pageSize) {
  const query = { page, page_size: pageSize };
  for (const key of ['actor', 'action', 'object_type', 'object_id']) {
    const value = (filters[key] || '').trim();
    if (value) query[key] = value;
  }
  const [from, to] = filters.range || [];
  if (from) query.from = from;
  if (to) query.to = to;
  if (filters.success === 'true' || filters.success === 'false') query.success = filters.success;
  return query;
}
