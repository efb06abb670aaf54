import { createRouter, createWebHistory } from 'vue-router';
import { ElMessage } from 'element-plus';
import { onUnauthorized } from './api/index.js';
import { DICTIONARY_PERMISSIONS, VETTING_PERMISSIONS, allowed, homePath } from './logic/permissions.js';
import { clear, restore, session } from './session.js';
import Layout from './layout/AppLayout.vue';

const routes = [
  { path: '/login', name: 'login', component: () => import('./views/LoginView.vue'), meta: { public: true, title: '登录' } },
  {
    path: '/',
    component: Layout,
    redirect: () => homePath(session.account),
    children: [
      { path: 'dashboard', component: () => import('./views/DashboardView.vue'), meta: { title: '工作台' } },
      {
        path: 'persons',
        component: () => import('./views/PersonListView.vue'),
        meta: { title: '干部档案', anyOf: ['read_case_facts', 'read_status'] },
      },
      {
        path: 'persons/:id',
        component: () => import('./views/PersonFileView.vue'),
        meta: { title: '干部档案详情', anyOf: ['read_case_facts', 'read_status'], parent: '/persons' },
      },
      {
        path: 'cases/new',
        component: () => import('./views/CaseEntryView.vue'),
        meta: { title: '处分处理登记', anyOf: ['write_cases'] },
      },
      {
        path: 'aftercare',
        component: () => import('./views/AftercareView.vue'),
        meta: { title: '回访帮带待办', anyOf: ['read_aftercare'] },
      },
      {
        path: 'statistics',
        component: () => import('./views/StatisticsView.vue'),
        meta: { title: '统计分析', anyOf: ['read_statistics'] },
      },
      {
        path: 'vetting',
        component: () => import('./views/VettingListView.vue'),
        meta: { title: '党风廉政意见回复', anyOf: VETTING_PERMISSIONS },
      },
      {
        path: 'vetting/new',
        component: () => import('./views/VettingNewView.vue'),
        meta: { title: '征求意见', anyOf: ['file_vetting_requests'], parent: '/vetting' },
      },
      {
        path: 'vetting/:id(\\d+)',
        component: () => import('./views/VettingDetailView.vue'),
        meta: { title: '办理', anyOf: VETTING_PERMISSIONS, parent: '/vetting' },
      },
      {
        path: 'reuse',
        component: () => import('./views/ReuseListView.vue'),
        meta: { title: '重新使用', anyOf: ['read_reuse'] },
      },
      {
        path: 'reuse/:id(\\d+)',
        component: () => import('./views/ReuseDetailView.vue'),
        meta: { title: '重新使用事项', anyOf: ['read_reuse'], parent: '/reuse' },
      },
      ...[
        ['clues', '问题线索', 'read_oversight'],
        ['interviews', '约谈/谈心谈话', 'read_interviews'],
        ['clearances', '澄清正名', 'read_oversight'],
        ['fault-tolerance', '容错纠错', 'read_oversight'],
      ].map(([kind, title, permission]) => ({
        path: `oversight/${kind}`,
        component: () => import('./views/OversightListView.vue'),
        meta: { title, anyOf: [permission], kind, group: '监督执纪' },
      })),
      {
        path: 'system/reuse-policy',
        component: () => import('./views/ReusePolicyView.vue'),
        meta: { title: '重新使用分类管理', anyOf: ['manage_reuse_policy'], group: '系统管理' },
      },
      {
        path: 'audit',
        component: () => import('./views/AuditView.vue'),
        meta: { title: '审计', anyOf: ['read_audit_log'] },
      },
      {
        path: 'system/aftercare-policy',
        component: () => import('./views/AftercarePolicyView.vue'),
        meta: { title: '回访政策', anyOf: ['manage_aftercare_data'], group: '系统管理' },
      },
      {
        path: 'system/holidays',
        component: () => import('./views/HolidayCalendarView.vue'),
        meta: { title: '节假日日历', anyOf: ['manage_aftercare_data'], group: '系统管理' },
      },
      {
        path: 'system/dictionaries',
        component: () => import('./views/DictionaryView.vue'),
        meta: { title: '数据字典', anyOf: DICTIONARY_PERMISSIONS, group: '系统管理' },
      },
      {
        path: 'system/accounts',
        component: () => import('./views/AccountsView.vue'),
        meta: { title: '账号管理', anyOf: ['manage_accounts', 'grant_roles'], group: '系统管理' },
      },
      { path: ':rest(.*)*', component: () => import('./views/NotFoundView.vue'), meta: { title: '页面不存在' } },
    ],
  },
];

export const router = createRouter({ history: createWebHistory(), routes });

router.beforeEach(async (to) => {
  if (to.meta.public) return true;
  const account = await restore();
  if (!account) return { path: '/login', query: to.fullPath !== '/' ? { redirect: to.fullPath } : {} };
  if (!allowed(account, to.meta)) {
    ElMessage.warning('当前账号没有访问该页面的权限');
    return homePath(account);
  }
  return true;
});

router.afterEach((to) => {
  document.title = `${to.meta.title ? `${to.meta.title} - ` : ''}干部处分处理影响期管理系统`;
});

// Any 401 from the server (expired or revoked session) sends the user back to the login page.
onUnauthorized((error) => {
  if (!session.account) return;
  clear();
  ElMessage.error(error.detail || '登录已失效，请重新登录');
  const current = router.currentRoute.value;
  router.replace({ path: '/login', query: { redirect: current.fullPath } });
});
