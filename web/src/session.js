// The signed-in account (reactive), shared by the layout, the router guard and the screens.
import { reactive } from 'vue';
import { api, client } from './api/index.js';
import { can } from './logic/permissions.js';

export const session = reactive({
  account: null,
  checked: false, // whether /auth/me has been asked since the page loaded
});

function adopt(result) {
  session.account = result ? result.account : null;
  client.setCsrfToken(result ? result.csrf_token : '');
}

export async function login(username, password) {
  adopt(await api.login(username, password));
  session.checked = true;
  return session.account;
}

// Restores the session from the cookie; resolves to the account or null.
export async function restore() {
  if (session.checked) return session.account;
  try {
    adopt(await api.me());
  } catch {
    adopt(null);
  }
  session.checked = true;
  return session.account;
}

export async function logout() {
  try {
    await api.logout();
  } finally {
    clear();
  }
}

export function clear() {
  adopt(null);
  session.checked = true;
}

export function hasPermission(permission) {
  return can(session.account, permission);
}
