// What each role may see, mirroring app/actor.cpp (RoleAllows). The server enforces every rule;
// this only decides which menus and buttons to show.

export const ROLE_LABELS = {
  case_manager: '案件监督管理',
  visitor: '回访人员',
  org_department: '组织人事部门',
  unit_committee: '单位党组织',
  mentor: '教育帮带责任人',
  leader: '领导',
  sysadmin: '系统管理员',
  security_admin: '安全保密管理员',
  auditor: '安全审计员',
};

const AFTERCARE_CASE = ['read_aftercare', 'plan_visits', 'write_visits', 'confirm_execution', 'assign_mentors', 'open_escalations'];
const ROLE_PERMISSIONS = {
  case_manager: [
    'read_case_facts', 'write_cases', 'read_status', 'read_organisations', 'read_statistics', ...AFTERCARE_CASE, 'answer_vetting',
    'read_reuse', 'give_reuse_opinion', 'read_oversight', 'write_oversight', 'read_interviews', 'write_interviews',
  ],
  visitor: ['read_case_facts', 'read_status', 'read_organisations', 'read_aftercare', 'write_visits', 'open_escalations'],
  unit_committee: [
    'read_case_facts', 'read_status', 'read_organisations', 'read_aftercare', 'confirm_execution',
    'assign_mentors', 'write_mentoring', 'open_escalations', 'resolve_escalations', 'read_reuse', 'read_interviews',
    'write_interviews',
  ],
  mentor: ['read_case_facts', 'read_status', 'read_organisations', 'read_aftercare', 'write_mentoring', 'open_escalations'],
  org_department: ['read_status', 'read_organisations', 'file_vetting_requests', 'run_reuse', 'read_reuse'],
  leader: [
    'read_case_facts', 'read_status', 'read_organisations', 'read_statistics', 'read_aftercare', 'approve_vetting',
    'read_reuse', 'approve_reuse', 'read_oversight', 'read_interviews',
  ],
  sysadmin: ['manage_accounts', 'read_organisations', 'manage_aftercare_data'],
  security_admin: ['grant_roles', 'read_organisations', 'manage_reuse_policy'],
  auditor: ['read_audit_log'],
};

// The role codes of an account as the server returns them: [{code, label}] or [code].
export function roleCodes(account) {
  if (!account || !Array.isArray(account.roles)) return [];
  return account.roles.map((r) => (typeof r === 'string' ? r : r && r.code)).filter(Boolean);
}

export function permissionsOf(account) {
  const set = new Set();
  for (const code of roleCodes(account)) {
    for (const p of ROLE_PERMISSIONS[code] || []) set.add(p);
  }
  return set;
}

export function can(account, permission) {
  return permissionsOf(account).has(permission);
}

// A route or menu entry is shown when it needs no permission or the account has any of those
// it lists in `meta.anyOf`.
export function allowed(account, meta) {
  if (!meta || !meta.anyOf || meta.anyOf.length === 0) return true;
  const mine = permissionsOf(account);
  return meta.anyOf.some((p) => mine.has(p));
}

// The menu tree filtered for an account; groups without visible children disappear.
export function filterMenu(menu, account) {
  const out = [];
  for (const item of menu) {
    if (!allowed(account, item)) continue;
    if (item.children) {
      const children = filterMenu(item.children, account);
      if (children.length === 0) continue;
      out.push({ ...item, children });
    } else {
      out.push(item);
    }
  }
  return out;
}

// Any of these shows 党风廉政意见回复: filing (组织人事部门), answering (案件监督管理), approving (领导).
export const VETTING_PERMISSIONS = ['file_vetting_requests', 'answer_vetting', 'approve_vetting'];

// 数据字典 (code lists, read-only) is shown to the administrators of 系统管理: the system
// administrator and the security administrator (whose re-use policy names measures). The server
// lets every authenticated account read the lists; this only decides the menu.
export const DICTIONARY_PERMISSIONS = ['manage_accounts', 'grant_roles', 'manage_aftercare_data', 'manage_reuse_policy'];

// The menu of the whole application (paths are router paths).
export const MENU = [
  { path: '/dashboard', title: '工作台', icon: 'HomeFilled' },
  {
    path: '/persons',
    title: '干部档案',
    icon: 'User',
    anyOf: ['read_case_facts', 'read_status'],
  },
  { path: '/cases/new', title: '处分处理登记', icon: 'EditPen', anyOf: ['write_cases'] },
  { path: '/aftercare', title: '回访帮带待办', icon: 'Calendar', anyOf: ['read_aftercare'] },
  {
    path: '/vetting',
    title: '党风廉政意见回复',
    icon: 'Stamp',
    anyOf: VETTING_PERMISSIONS,
  },
  { path: '/reuse', title: '重新使用', icon: 'Promotion', anyOf: ['read_reuse'] },
  {
    path: '/oversight',
    title: '监督执纪',
    icon: 'View',
    anyOf: ['read_oversight', 'read_interviews'],
    children: [
      { path: '/oversight/clues', title: '问题线索', anyOf: ['read_oversight'] },
      { path: '/oversight/interviews', title: '约谈/谈心谈话', anyOf: ['read_interviews'] },
      { path: '/oversight/clearances', title: '澄清正名', anyOf: ['read_oversight'] },
      { path: '/oversight/fault-tolerance', title: '容错纠错', anyOf: ['read_oversight'] },
    ],
  },
  { path: '/statistics', title: '统计分析', icon: 'PieChart', anyOf: ['read_statistics'] },
  {
    path: '/system',
    title: '系统管理',
    icon: 'Setting',
    anyOf: ['manage_accounts', 'grant_roles', 'manage_aftercare_data', 'manage_reuse_policy'],
    children: [
      { path: '/system/accounts', title: '账号管理', anyOf: ['manage_accounts', 'grant_roles'] },
      { path: '/system/reuse-policy', title: '重新使用分类管理', anyOf: ['manage_reuse_policy'] },
      { path: '/system/aftercare-policy', title: '回访政策', anyOf: ['manage_aftercare_data'] },
      { path: '/system/holidays', title: '节假日日历', anyOf: ['manage_aftercare_data'] },
      { path: '/system/dictionaries', title: '数据字典', anyOf: DICTIONARY_PERMISSIONS },
    ],
  },
  { path: '/audit', title: '审计', icon: 'Document', anyOf: ['read_audit_log'] },
];

// Where to go after login: the first visible leaf.
export function homePath(account) {
  const menu = filterMenu(MENU, account);
  for (const item of menu) {
    if (item.children && item.children.length) return item.children[0].path;
    if (!item.children) return item.path;
  }
  return '/dashboard';
}
