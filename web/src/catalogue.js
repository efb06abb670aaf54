// The measure catalogue (GET /api/v1/catalogue), loaded once.
import { reactive } from 'vue';
import { api } from './api/index.js';

export const catalogue = reactive({ data: null, error: '' });
let pending = null;

export function loadCatalogue() {
  if (catalogue.data) return Promise.resolve(catalogue.data);
  if (!pending) {
    pending = api
      .catalogue()
      .then((data) => {
        catalogue.data = data;
        catalogue.error = '';
        return data;
      })
      .catch((error) => {
        catalogue.error = error.detail || '措施目录加载失败';
        return null;
      })
      .finally(() => {
        pending = null;
      });
  }
  return pending;
}

export function kindName(code) {
  const list = (catalogue.data && catalogue.data.measures) || [];
  const hit = list.find((k) => k.code === code);
  return hit ? hit.name : code;
}
