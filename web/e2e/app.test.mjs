// End-to-end: the built front end against a real server on loopback, in headless Chromium.
// Run: npm run e2e (after scripts/build-web.sh and building build/debug/kangfu).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openPage } from './ui.mjs';
import { ADMIN, startServer } from './server.mjs';

let server;
let browser;
let page;
let ui;
const consoleErrors = [];
const failedResponses = [];
// Chromium logs every 4xx answer as "Failed to load resource"; those are checked by URL below
// instead: the refused login (401) and the locked account (429).
const expectedErrors = [/Failed to load resource: the server responded with a status of (401|429)/];

before(async () => {
  server = await startServer();
  ({ browser, page, ui } = await openPage(server.url, consoleErrors));
  page.on('response', (response) => {
    if (response.status() >= 400) {
      failedResponses.push(`${response.status()} ${new URL(response.url()).pathname}`);
    }
  });
});

after(async () => {
  if (browser) await browser.close();
  if (server) await server.stop();
});

test('a wrong password is refused with the server\'s Chinese message', async () => {
  await page.goto(`${server.url}/`);
  await page.waitForURL(/\/login/);
  await page.getByPlaceholder('用户名').fill(ADMIN.username);
  await page.getByPlaceholder('密码').fill('Wrong-password-1');
  await page.locator('[data-test=login-submit]').click();
  const notice = page.locator('[data-test=login-error]');
  await notice.waitFor();
  assert.match(await notice.innerText(), /用户名或密码错误，请核对后重新输入/);
  await ui.shot('01-login-error');
});

test('the administrator logs in and sees only the menus of the role', async () => {
  await page.getByPlaceholder('用户名').fill(ADMIN.username);
  await page.getByPlaceholder('密码').fill(ADMIN.password);
  await page.getByPlaceholder('密码').press('Enter'); // the keyboard alone signs in
  await page.waitForURL(/\/dashboard/);
  await page.locator('[data-test=account-name]').waitFor();
  // The top bar shows who is signed in by name (the account's display name).
  assert.equal(await page.locator('[data-test=account-name]').innerText(), ADMIN.displayName);
  const menu = await page.locator('.el-menu.menu').innerText();
  assert.match(menu, /工作台/);
  assert.match(menu, /系统管理/);
  assert.doesNotMatch(menu, /处分处理登记/);
  assert.doesNotMatch(menu, /统计分析/);
  await page.locator('[data-test=count-accounts] .stat-number').filter({ hasText: '1' }).waitFor();
  await ui.shot('02-dashboard');
  // A fresh load of the workbench (signed in): printed, not a pass/fail timing.
  await page.goto(`${server.url}/dashboard`);
  await page.locator('[data-test=count-accounts] .stat-number').filter({ hasText: '1' }).waitFor();
  const timing = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    return { interactive: Math.round(nav.domInteractive), ready: Math.round(performance.now()) };
  });
  console.log(`工作台加载：domInteractive ${timing.interactive} ms，数据显示 ${timing.ready} ms`);
});

test('the accounts screen lists the administrator and validates a new password', async () => {
  await page.goto(`${server.url}/system/accounts`);
  const table = page.locator('[data-test=account-table]');
  await table.getByText(ADMIN.displayName).waitFor();
  await page.locator('[data-test=account-new]').click();
  const dialog = page.getByRole('dialog', { name: '新增账号' });
  await dialog.getByLabel('用户名').fill('zhangsan');
  await dialog.getByLabel('初始密码').fill('short');
  await dialog.getByRole('button', { name: '保存' }).click();
  await dialog.getByText('密码长度至少为 10 个字符').waitFor();
  await dialog.getByLabel('初始密码').fill('Zhangsan-2026');
  await dialog.getByRole('button', { name: '保存' }).click();
  await dialog.getByText('密码不能包含用户名').waitFor();
  await dialog.getByLabel('初始密码').fill('Kangfu-2026-z');
  await dialog.getByRole('button', { name: '保存' }).click();
  await table.getByRole('cell', { name: 'zhangsan', exact: true }).first().waitFor();
  await ui.shot('03-accounts');
});

test('a session that ends on the server sends the user back to the login page', async () => {
  await page.context().clearCookies();
  await page.getByRole('button', { name: '刷新' }).click();
  await page.waitForURL(/\/login\?redirect=(%2F|\/)system(%2F|\/)accounts/);
  await page.getByPlaceholder('用户名').fill(ADMIN.username);
  await page.getByPlaceholder('密码').fill(ADMIN.password);
  await page.locator('[data-test=login-submit]').click();
  await page.waitForURL((url) => url.pathname === '/system/accounts');
});

test('a route the role may not open sends it back to its home', async () => {
  await page.goto(`${server.url}/cases/new`);
  await page.waitForURL(/\/dashboard/);
});

test('logging out returns to the login page and protects the screens', async () => {
  await page.locator('[data-test=account-name]').click();
  await page.getByText('退出登录').click();
  await page.waitForURL(/\/login/);
  await page.goto(`${server.url}/system/accounts`);
  await page.waitForURL(/\/login\?redirect=/);
});

test('the fifth wrong password locks the account and says until when', async () => {
  const notice = page.locator('[data-test=login-error]');
  for (let attempt = 1; attempt <= 5; attempt += 1) {
    await page.getByPlaceholder('用户名').fill('zhangsan');
    await page.getByPlaceholder('密码').fill(`Wrong-password-${attempt}`);
    await page.locator('[data-test=login-submit]').click();
    await page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login'));
    await notice.waitFor();
  }
  await notice.getByText('账号已锁定', { exact: true }).waitFor();
  assert.match(await notice.innerText(), /锁定至 .*（北京时间）|分钟后再试/);
  await ui.shot('04-login-locked');
});

test('no console errors during the run', () => {
  const unexpected = consoleErrors.filter((e) => !expectedErrors.some((re) => re.test(e)));
  assert.deepEqual(unexpected, []);
  const unexpectedResponses = failedResponses.filter(
    (r) =>
      r !== '401 /api/v1/auth/login' &&
      r !== '401 /api/v1/auth/me' && // the session check before signing in
      r !== '401 /api/v1/accounts' && // the session ended on the server
      r !== '429 /api/v1/auth/login', // the locked account
  );
  assert.deepEqual(unexpectedResponses, []);
  if (failedResponses.length) console.log(`预期内的失败响应：${[...new Set(failedResponses)].join('，')}`);
});
