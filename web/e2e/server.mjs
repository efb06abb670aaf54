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

export async function startServer() {
  const bin = process.env.KANGFU_BIN || path.join(repoDir, 'build/debug/kangfu');
  const dist = process.env.KANGFU_WEB_DIST || path.join(webDir, 'dist');
  if (!fs.existsSync(bin)) throw new Error(`找不到 ${bin}，请先构建（cmake --build --preset debug）`);
  if (!fs.existsSync(path.join(dist, 'index.html'))) {
    throw new Error(`找不到 ${dist}/index.html，请先运行 scripts/build-web.sh`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kangfu-e2e-'));
  const db = `sqlite://${path.join(dir, 'e2e.db')}`;
  run(bin, ['db', 'migrate', '--db', db]);
  run(bin, ['admin', 'init', '--username', ADMIN.username, '--display-name', ADMIN.displayName, '--db', db], {
    KANGFU_ADMIN_PASSWORD: ADMIN.password,
  });
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
    logFile: path.join(dir, 'serve.log'),
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      fs.closeSync(log);
    },
  };
}
