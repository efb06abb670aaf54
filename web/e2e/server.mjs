// Starts a real `kangfu serve` on a loopback port with a fresh SQLite database and one system
// administrator, for the end-to-end tests. Nothing is downloaded; the server binary and the built
// front end must already exist.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const webDir = path.resolve(here, '..');
export const repoDir = path.resolve(webDir, '..');

export const ADMIN = { username: 'admin', password: 'Kangfu-2026-pass', displayName: '系统管理员甲' };

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function run(bin, args, env) {
  const result = spawnSync(bin, args, { env: { ...process.env, ...env }, encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`${path.basename(bin)} ${args.join(' ')} 失败：${result.stderr || result.stdout}`);
  }
  return result.stdout;
}

async function waitReady(url, child, deadlineMs) {
  const until = Date.now() + deadlineMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`kangfu serve 已退出（${child.exitCode}）`);
    try {
      const response = await fetch(`${url}/readyz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('kangfu serve 未在规定时间内就绪');
}

// startServer({demo}) — demo: seed the 江州市 demo data (organisations, persons, cases) first.
export async function startServer({ demo = false } = {}) {
  const bin = process.env.KANGFU_BIN || path.join(repoDir, 'build/debug/kangfu');
  const dist = process.env.KANGFU_WEB_DIST || path.join(webDir, 'dist');
  if (!fs.existsSync(bin)) throw new Error(`找不到 ${bin}，请先构建（cmake --build --preset debug）`);
  if (!fs.existsSync(path.join(dist, 'index.html'))) {
    throw new Error(`找不到 ${dist}/index.html，请先运行 scripts/build-web.sh`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kangfu-e2e-'));
  const db = `sqlite://${path.join(dir, 'e2e.db')}`;
  run(bin, ['db', 'migrate', '--db', db]);
  // Newer `demo seed` also creates one account per role (app/demo_accounts.cpp); then the
  // database already has its administrator.
  const demoAccounts = demo && run(bin, ['demo', 'seed', '--db', db]).includes('演示账号');
  if (!demoAccounts) {
    run(bin, ['admin', 'init', '--username', ADMIN.username, '--display-name', ADMIN.displayName, '--db', db], {
      KANGFU_ADMIN_PASSWORD: ADMIN.password,
    });
  }
  const port = await freePort();
  const log = fs.openSync(path.join(dir, 'serve.log'), 'w');
  const child = spawn(
    bin,
    ['serve', '--listen', `127.0.0.1:${port}`, '--db', db, '--static-dir', dist],
    { env: { ...process.env, KANGFU_SECURE_COOKIES: 'false' }, stdio: ['ignore', log, log] },
  );
  const url = `http://127.0.0.1:${port}`;
  await waitReady(url, child, 15000);
  return {
    url,
    dir,
    db: path.join(dir, 'e2e.db'),
    demoAccounts,
    logFile: path.join(dir, 'serve.log'),
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      fs.closeSync(log);
      // KANGFU_E2E_KEEP=1 keeps the database and serve.log for a look after a failure.
      if (process.env.KANGFU_E2E_KEEP !== '1') fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

// A tiny cookie-keeping API client for setting up accounts before the browser runs.
export async function apiSession(url, username, password) {
  const response = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok) throw new Error(`登录 ${username} 失败：${await response.text()}`);
  const cookie = response.headers.get('set-cookie').split(';')[0];
  const { csrf_token: csrf } = await response.json();
  return async (method, route, body) => {
    const answer = await fetch(`${url}${route}`, {
      method,
      headers: { 'Content-Type': 'application/json', Cookie: cookie, 'X-CSRF-Token': csrf },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await answer.text();
    if (!answer.ok) throw new Error(`${method} ${route} → ${answer.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
}

// The demo accounts of app/demo_accounts.cpp that the tests log in as, and their password.
export const PASSWORD = 'Kangfu@2026';
export const ROLE_ACCOUNTS = { security: 'anquan', caseManager: 'anguan', leader: 'lingdao', visitor: 'huifang' };

// For a demo database seeded without accounts: the same accounts, made as people would make them
// (the security administrator bootstrapped by the system administrator, who then grants the
// business roles over `orgId`).
export async function createRoleAccounts(url, orgId) {
  const admin = await apiSession(url, ADMIN.username, ADMIN.password);
  const ids = {};
  for (const [username, display_name, bootstrap_role] of [
    [ROLE_ACCOUNTS.security, '安全保密管理员', 'security_admin'],
    [ROLE_ACCOUNTS.caseManager, '李明（案件监督管理室）', undefined],
    [ROLE_ACCOUNTS.leader, '郑华（委领导）', undefined],
    [ROLE_ACCOUNTS.visitor, '回访人员', undefined],
  ]) {
    const created = await admin('POST', '/api/v1/accounts', {
      username, display_name, password: PASSWORD, bootstrap_role,
    });
    ids[username] = created.id;
  }
  const security = await apiSession(url, ROLE_ACCOUNTS.security, PASSWORD);
  await security('PUT', `/api/v1/accounts/${ids[ROLE_ACCOUNTS.caseManager]}/grants`, { roles: ['case_manager'], jurisdiction_org: orgId });
  await security('PUT', `/api/v1/accounts/${ids[ROLE_ACCOUNTS.leader]}/grants`, { roles: ['leader'], jurisdiction_org: orgId });
  await security('PUT', `/api/v1/accounts/${ids[ROLE_ACCOUNTS.visitor]}/grants`, { roles: ['visitor'], jurisdiction_org: orgId });
  return ids;
}
