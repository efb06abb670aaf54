// The organisation tree, loaded once per sign-in and shared by the pickers and the top bar.
import { reactive } from 'vue';
import { api } from './api/index.js';
import { indexTree, normaliseTree } from './logic/org_tree.js';

export const orgs = reactive({ tree: [], index: new Map(), loaded: false, error: '' });
let pending = null;

export function loadOrganisations(force = false) {
  if (orgs.loaded && !force) return Promise.resolve(orgs.tree);
  if (pending && !force) return pending;
  pending = api
    .organisations()
    .then((data) => {
      orgs.tree = normaliseTree(data);
      orgs.index = indexTree(orgs.tree);
      orgs.loaded = true;
      orgs.error = '';
      return orgs.tree;
    })
    .catch((error) => {
      orgs.error = error.status === 404 ? '组织机构接口尚未开通' : error.detail || '组织机构加载失败';
      return [];
    })
    .finally(() => {
      pending = null;
    });
  return pending;
}

export function resetOrganisations() {
  orgs.tree = [];
  orgs.index = new Map();
  orgs.loaded = false;
}
