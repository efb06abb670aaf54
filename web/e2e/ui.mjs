// What the end-to-end specs do on a page: full-page screenshots into build/web-e2e (or
// KANGFU_E2E_SHOTS), signing in and out through the login screen, and finding Element Plus form
// items and select options. One Ui per page.
import fs from 'node:fs';
import path from 'node:path';
import { launch, watchConsole } from './browser.mjs';
import { PASSWORD, repoDir } from './server.mjs';

export const SHOTS = process.env.KANGFU_E2E_SHOTS || path.join(repoDir, 'build/web-e2e');

// A fresh browser with one page on the server at `baseUrl`; the page's console errors and page
// errors are pushed to `consoleErrors` (the specs fail on any).
export async function openPage(baseUrl, consoleErrors) {
  const browser = await launch();
  const page = await browser.context.newPage();
  watchConsole(page, consoleErrors);
  return { browser, page, ui: new Ui(page, baseUrl) };
}

export class Ui {
  constructor(page, baseUrl) {
    this.page = page;
    this.baseUrl = baseUrl;
  }

  async shot(name) {
    fs.mkdirSync(SHOTS, { recursive: true });
    await this.page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  }

  // Signs in from the login screen and waits for the signed-in account's name in the top bar.
  async loginAs(username, password = PASSWORD) {
    await this.page.goto(`${this.baseUrl}/login`);
    await this.page.getByPlaceholder('用户名').fill(username);
    await this.page.getByPlaceholder('密码').fill(password);
    await this.page.locator('[data-test=login-submit]').click();
    await this.page.locator('[data-test=account-name]').waitFor();
  }

  // Signs out from the account menu and waits for the login screen.
  async logout() {
    await this.page.locator('[data-test=account-name]').click();
    await this.page.getByRole('menuitem', { name: '退出登录' }).click();
    await this.page.waitForURL(/\/login/);
  }

  // Opens `path` by its address and expects the router to refuse it: the warning shows, then the
  // guard's redirect lands elsewhere. The warning appears before the redirect finishes, so the
  // address is awaited rather than read at once.
  async expectRefused(path) {
    await this.page.goto(`${this.baseUrl}${path}`);
    await this.page.getByText('当前账号没有访问该页面的权限').waitFor();
    await this.page.waitForURL((url) => !url.pathname.startsWith(path));
  }

  async menuText() {
    return this.page.locator('.el-menu.menu').innerText();
  }

  // The form item in `scope` whose label is exactly `label`.
  item(scope, label) {
    const labelled = this.page.locator('.el-form-item__label', { hasText: new RegExp(`^${label}$`) });
    return scope.locator('.el-form-item').filter({ has: labelled }).first();
  }

  // Opens the select in `formItem` and picks the first visible option containing `text`.
  async pickOption(formItem, text) {
    await formItem.locator('.el-select__wrapper, .el-select').first().click();
    await this.page.locator('.el-select-dropdown__item:visible', { hasText: text }).first().click();
  }
}
