// Each role logs in to a server holding the demo data and sees only its own menus; the case
// manager adds a person, records a case (live preview, server errors on the right field), sees the
// restriction in the person file and confirms an item of the execution checklist; the visitor
// records a visit; the workbench shows its counts; the statistics draw their charts. Every
// request reaches the real server.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, test } from 'node:test';
import { openPage } from './ui.mjs';
import { PASSWORD, ROLE_ACCOUNTS, apiSession, createRoleAccounts, startServer } from './server.mjs';

let server;
let browser;
let page;
let ui;
const consoleErrors = [];
const subject = { name: '测试对象甲', id_number: idNumber('19800512', 917), id: 0 };
const EFFECTIVE = beijingDate(-7);

// A valid 18-digit identity number (GB 11643 check digit) born on `birth` (YYYYMMDD).
function idNumber(birth, serial) {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const body = `369901${birth}${String(serial).padStart(3, '0')}`;
  const sum = [...body].reduce((n, d, i) => n + Number(d) * weights[i], 0);
  return body + '10X98765432'[sum % 11];
}

// Beijing dates relative to today, as the server counts them.
function beijingDate(offsetDays = 0) {
  return new Date(Date.now() + 8 * 3600 * 1000 + offsetDays * 86400 * 1000).toISOString().slice(0, 10);
}

async function typeDate(formItem, value) {
  const input = formItem.locator('input').first();
  await input.fill(value);
  await input.press('Enter');
}

before(async () => {
  server = await startServer({ demo: true });
  if (!server.demoAccounts) {
    // The demo city (江州市), as app/demo_accounts.cpp grants.
    const city = execFileSync('sqlite3', [server.db, "SELECT id FROM organisations WHERE level = 'city' ORDER BY id LIMIT 1"], { encoding: 'utf8' }).trim();
    await createRoleAccounts(server.url, Number(city));
  }
  ({ browser, page, ui } = await openPage(server.url, consoleErrors));
});

after(async () => {
  if (browser) await browser.close();
  if (server) await server.stop();
});

test('each role sees only its menus', async () => {
  const expected = {
    [ROLE_ACCOUNTS.security]: { has: ['工作台', '系统管理'], not: ['干部档案', '处分处理登记', '统计分析', '回访帮带待办'] },
    [ROLE_ACCOUNTS.leader]: { has: ['工作台', '干部档案', '回访帮带待办', '重新使用', '监督执纪', '统计分析'], not: ['处分处理登记', '系统管理'] },
    [ROLE_ACCOUNTS.caseManager]: { has: ['工作台', '干部档案', '处分处理登记', '回访帮带待办', '重新使用', '监督执纪', '统计分析'], not: ['系统管理'] },
    [ROLE_ACCOUNTS.visitor]: { has: ['工作台', '干部档案', '回访帮带待办'], not: ['处分处理登记', '重新使用', '监督执纪', '统计分析', '系统管理'] },
  };
  for (const [username, { has, not }] of Object.entries(expected)) {
    await ui.loginAs(username);
    const text = await ui.menuText();
    for (const title of has) assert.match(text, new RegExp(title), `${username} 应看到 ${title}`);
    for (const title of not) assert.doesNotMatch(text, new RegExp(title), `${username} 不应看到 ${title}`);
    if (username !== ROLE_ACCOUNTS.security) {
      // The jurisdiction's name comes from the real organisation tree (江州市).
      await page.locator('[data-test=account-org]', { hasText: '江州市' }).waitFor();
    }
    await ui.logout();
  }
});

test('the case manager adds a person', async () => {
  await ui.loginAs(ROLE_ACCOUNTS.caseManager);
  await page.goto(`${server.url}/persons`);
  await page.getByRole('button', { name: '新增人员' }).click();
  const dialog = page.getByRole('dialog', { name: '新增人员' });
  await ui.item(dialog, '姓名').locator('input').fill(subject.name);
  await ui.item(dialog, '身份证号码').locator('input').fill(subject.id_number.slice(0, 17) + (subject.id_number[17] === '0' ? '1' : '0'));
  await ui.item(dialog, '所在单位').locator('.el-select__wrapper, .el-select').first().click();
  await page.locator('.el-tree-select__popper:visible').getByText('江州市财政局', { exact: true }).click();
  await ui.item(dialog, '职务').locator('input').fill('预算科科长');
  await dialog.getByRole('button', { name: '保存' }).click();
  await ui.item(dialog, '身份证号码').locator('.el-form-item__error', { hasText: '校验码不正确' }).waitFor();
  await ui.item(dialog, '身份证号码').locator('input').fill(subject.id_number);
  await dialog.getByRole('button', { name: '保存' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await page.getByPlaceholder('姓名关键字').fill(subject.name);
  await page.getByRole('button', { name: '搜索' }).click();
  const table = page.locator('[data-test=person-table]');
  await table.getByText(subject.id_number).waitFor();
  assert.match(await table.innerText(), /江州市财政局/);
  await table.getByText(subject.name).click();
  await page.waitForURL(/\/persons\/\d+$/);
  subject.id = Number(new URL(page.url()).pathname.split('/').pop());
  // No case yet: every action is allowed today.
  await page.locator('[data-test=status-card]').getByText('不受影响').first().waitFor();
  assert.doesNotMatch(await page.locator('[data-test=status-card]').innerText(), /影响期未满/);
});

test('case entry previews as the user types and shows server errors on the field', async () => {
  await page.getByRole('button', { name: '登记处分处理' }).click();
  await page.waitForURL(new RegExp(`/cases/new\\?person=${subject.id}$`));
  const form = page.locator('[data-test=case-form]');
  await ui.item(form, '受处分人员').getByText(subject.name).waitFor();
  const measure = page.locator('[data-test=measure-0]');
  await ui.pickOption(ui.item(measure, '措施'), '留党察看');
  await typeDate(ui.item(measure, '生效日期'), EFFECTIVE);
  await ui.item(measure, '察看期限').getByText('12 个月').click();
  const preview = page.locator('[data-test=case-preview]');
  await preview.getByText('第三种形态').waitFor();
  await preview.getByText(/条例》第十二条/).first().waitFor();
  await ui.item(form, '决定文号').locator('input').fill('江纪发〔2026〕99号');
  await typeDate(ui.item(form, '决定日期'), EFFECTIVE);
  await ui.pickOption(ui.item(form, '违反纪律'), '廉洁纪律');
  await ui.pickOption(ui.item(form, '线索来源'), '信访举报');
  await ui.item(form, '决定机关').locator('.el-select__wrapper, .el-select').first().click();
  await page.locator('.el-tree-select__popper:visible').getByText('江州市纪委监委', { exact: true }).click();
  // An extension two years on lies outside the one-year probation: refused on that field.
  await typeDate(ui.item(measure, '延长察看期'), beijingDate(720));
  await page.locator('[data-test=case-submit]').click();
  await ui.item(measure, '延长察看期').locator('.el-form-item__error', { hasText: '延长察看期的决定日期须在原察看期内' }).waitFor();
  await ui.shot('11-case-entry-error');
  await ui.item(measure, '延长察看期').locator('input').fill('');
  await ui.item(measure, '延长察看期').locator('input').press('Enter');
  await page.locator('[data-test=case-submit]').click();
  await page.waitForURL(new RegExp(`/persons/${subject.id}$`));
});

test('the person file shows the restriction and the status on another date', async () => {
  const status = page.locator('[data-test=status-card]');
  await status.getByText('影响期未满').first().waitFor();
  await status.getByText(/留党察看（江纪发〔2026〕99号）/).first().waitFor();
  await status.getByText(/条例》第十二条/).first().waitFor();
  assert.match(await page.locator('[data-test=timeline-card]').innerText(), new RegExp(`留党察看[\\s\\S]*${EFFECTIVE}`));
  await ui.shot('10-person-file');
  // The day before the decision took effect nothing was restricted.
  const date = status.locator('.el-date-editor input');
  await date.fill(beijingDate(-8));
  await date.press('Enter');
  await status.getByText(`影响期结论（${beijingDate(-8)}）`).waitFor();
  await page.waitForFunction(() => !/影响期未满/.test(document.querySelector('[data-test=status-card]').innerText));
  await status.getByText('不受影响').first().waitFor();
});

test('the case manager confirms an item of the execution checklist', async () => {
  await page.locator('[data-test=timeline-card]').getByRole('button', { name: '执行情况' }).click();
  const dialog = page.locator('[data-test=execution-dialog]');
  const list = dialog.locator('[data-test=execution-list]');
  await list.getByText('向受处分处理人员本人及其所在党组织宣布决定').waitFor();
  const open = await list.getByText('未落实').count();
  assert.ok(open >= 2, `执行事项 ${open} 项`);
  await dialog.locator('[data-test=confirm-announce]').click();
  await ui.item(dialog, '说明').locator('input').fill('已在单位党员大会上宣布');
  await dialog.locator('[data-test=execution-save]').click();
  await list.getByText(/已落实（anguan）：已在单位党员大会上宣布/).waitFor();
  await page.waitForFunction((n) => document.querySelectorAll('[data-test=execution-list] .el-tag--warning').length === n, open - 1);
  await ui.shot('13-execution');
  await dialog.getByRole('button', { name: /关闭|Close/ }).click();
});

test('the case manager reschedules a planned visit with a reason', async () => {
  await page.locator('[data-test=file-tabs]').getByText('回访', { exact: true }).click();
  const plan = page.locator('[data-test=visit-plan]');
  const row = plan.locator('.el-table__row', { hasText: '留党察看期满时回访' });
  await row.getByRole('button', { name: '调整' }).click();
  const dialog = page.getByRole('dialog', { name: '调整回访计划' });
  await dialog.getByRole('button', { name: '保存' }).click();
  await ui.item(dialog, '调整理由').locator('.el-form-item__error', { hasText: '调整回访计划须填写理由。' }).waitFor();
  await ui.item(dialog, '调整理由').locator('textarea').fill('本人将外出学习，提前安排');
  await dialog.getByRole('button', { name: '保存' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await page.locator('[data-test=plan-edits]').getByText(/anguan 改期“留党察看期满时回访”.*理由：本人将外出学习，提前安排/).waitFor();
  await ui.logout();
});

test('the visitor records a visit with two visitors and sees it listed', async () => {
  await ui.loginAs(ROLE_ACCOUNTS.visitor);
  await page.goto(`${server.url}/persons/${subject.id}?tab=visits`);
  const panel = page.locator('[data-test=visits-panel]');
  await panel.locator('[data-test=visit-plan]').getByText('待回访').first().waitFor();
  await panel.locator('[data-test=visit-list]').getByText('暂无回访记录').waitFor();
  await page.locator('[data-test=visit-new]').click();
  const dialog = page.getByRole('dialog', { name: '登记回访' });
  await dialog.getByText('好', { exact: true }).click();
  // One visitor is not enough: refused in the browser with the server's wording.
  const visitors = ui.item(dialog, '回访人员');
  const input = visitors.locator('input').first();
  await visitors.locator('.el-select__wrapper').click();
  await input.fill('丁');
  const options = page.locator('.el-select-dropdown__item:visible');
  await options.first().waitFor();
  const first = (await options.first().innerText()).split('（')[0];
  await options.first().click();
  await dialog.locator('.el-dialog__header').click(); // closes the drop-down
  await page.locator('[data-test=visit-save]').click();
  await visitors.locator('.el-form-item__error', { hasText: '回访人员应不少于2人' }).waitFor();
  await visitors.locator('.el-select__wrapper').click();
  await input.fill('丁');
  // The remote search answers after a debounce: wait for an option other than the one chosen
  // (the old list may still be showing), and for the second tag before saving.
  const others = options.filter({ hasNotText: first });
  await others.first().waitFor();
  const second = (await others.first().innerText()).split('（')[0];
  await others.first().click();
  await visitors.locator('.el-tag').nth(1).waitFor();
  await dialog.locator('.el-dialog__header').click();
  await ui.item(dialog, '了解内容').getByText('工作表现').click();
  await ui.item(dialog, '回访情况').locator('textarea').fill('认识深刻，工作积极');
  await page.locator('[data-test=visit-save]').click();
  await dialog.waitFor({ state: 'hidden' });
  const list = panel.locator('[data-test=visit-list]');
  await list.getByText('认识深刻，工作积极').waitFor();
  const row = await list.innerText();
  assert.match(row, new RegExp(beijingDate(0)));
  assert.match(row, new RegExp(`${first}、${second}`));
  assert.match(row, /好/);
  assert.match(row, /huifang/);
  await panel.locator('[data-test=visit-plan]').getByText('已回访').first().waitFor();
  await ui.shot('14-visits');
});

test('the visitor reports a warning sign; the mentoring tab offers no assignment to the visitor', async () => {
  await page.locator('[data-test=file-tabs]').getByText('苗头性问题').click();
  const panel = page.locator('[data-test=escalations-panel]');
  await panel.locator('[data-test=escalation-list]').getByText('暂无苗头性问题').waitFor();
  assert.equal(await panel.getByRole('button', { name: '处置' }).count(), 0);
  await page.locator('[data-test=escalation-new]').click();
  const dialog = page.getByRole('dialog', { name: '报告苗头性问题' });
  await dialog.getByRole('button', { name: '报告' }).click();
  await ui.item(dialog, '类别').locator('.el-form-item__error', { hasText: '请选择苗头性问题的类别' }).waitFor();
  await dialog.getByText('思想消极', { exact: true }).click();
  await ui.item(dialog, '情况描述').locator('textarea').fill('回访中发现其情绪低落');
  await dialog.getByRole('button', { name: '报告' }).click();
  await dialog.waitFor({ state: 'hidden' });
  const list = panel.locator('[data-test=escalation-list]');
  await list.getByText('回访中发现其情绪低落').waitFor();
  assert.match(await list.innerText(), /思想消极[\s\S]*待处置/);
  await page.locator('[data-test=file-tabs]').getByText('教育帮带').click();
  await page.locator('[data-test=mentoring-panel]').getByText('尚未确定教育帮带责任人').waitFor();
  assert.equal(await page.locator('[data-test=mentor-new]').count(), 0);
  await ui.logout();
});

test('the unit committee assigns a mentor, records a talk and a report, and resolves a warning sign', async (t) => {
  if (!server.demoAccounts) {
    t.skip('演示数据没有单位党组织账号');
    return;
  }
  // A subject of the committee's unit with a case, and a leader of that unit as mentor.
  const danwei = await apiSession(server.url, 'danwei', PASSWORD);
  const { items } = await danwei('GET', '/api/v1/persons?page_size=100');
  let mentee = null;
  for (const p of items) {
    if (!mentee && (await danwei('GET', `/api/v1/persons/${p.id}`)).cases.length) mentee = p;
  }
  const mentor = items.find((p) => p.leading_cadre && p.id !== mentee.id);
  assert.ok(mentee && mentor, '演示单位应有受处分人员和领导干部');
  await ui.loginAs('danwei');
  await page.goto(`${server.url}/persons/${mentee.id}?tab=mentoring`);
  const panel = page.locator('[data-test=mentoring-panel]');
  await panel.getByText('尚未确定教育帮带责任人').waitFor();
  await page.locator('[data-test=mentor-new]').click();
  const dialog = page.getByRole('dialog', { name: '确定教育帮带责任人' });
  const picker = ui.item(dialog, '帮带责任人');
  await picker.locator('.el-select__wrapper').click();
  await picker.locator('input').first().fill(mentor.name);
  await page.locator('.el-select-dropdown__item:visible', { hasText: mentor.name }).first().click();
  await dialog.getByRole('button', { name: '保存' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await panel.getByText(`帮带责任人：${mentor.name}`).waitFor();
  await panel.getByRole('button', { name: '登记谈心谈话' }).click();
  const talk = page.getByRole('dialog', { name: '登记谈心谈话' });
  await ui.item(talk, '谈话内容').locator('textarea').fill('首次谈心谈话，帮助其正确认识错误');
  await talk.getByRole('button', { name: '保存' }).click();
  await talk.waitFor({ state: 'hidden' });
  await panel.getByText('首次谈心谈话，帮助其正确认识错误').waitFor();
  await panel.getByRole('button', { name: '登记帮带情况报告' }).click();
  const report = page.getByRole('dialog', { name: '登记帮带情况报告' });
  await ui.item(report, '报告摘要').locator('textarea').fill('思想稳定，工作积极');
  await report.getByRole('button', { name: '保存' }).click();
  await report.waitFor({ state: 'hidden' });
  await panel.getByText('思想稳定，工作积极').waitFor();
  // The first talk is recorded in the compliance summary.
  await panel.locator('.el-descriptions').getByText(beijingDate(0), { exact: true }).waitFor();
  await ui.shot('16-mentoring');
  // The committee reports a warning sign and resolves it.
  await page.locator('[data-test=file-tabs]').getByText('苗头性问题').click();
  await page.locator('[data-test=escalation-new]').click();
  const open = page.getByRole('dialog', { name: '报告苗头性问题' });
  await open.getByText('履职不力', { exact: true }).click();
  await open.getByRole('button', { name: '报告' }).click();
  await open.waitFor({ state: 'hidden' });
  const list = page.locator('[data-test=escalation-list]');
  await list.getByRole('button', { name: '处置' }).click();
  const resolve = page.getByRole('dialog', { name: '处置苗头性问题' });
  await resolve.getByText('已处置', { exact: true }).click();
  await ui.item(resolve, '处置情况').locator('textarea').fill('已约谈提醒，限期改进');
  await resolve.getByRole('button', { name: '保存' }).click();
  await resolve.waitFor({ state: 'hidden' });
  await list.getByText(/已处置：已约谈提醒，限期改进/).waitFor();
  assert.equal(await list.getByRole('button', { name: '处置' }).count(), 0);
  await ui.logout();
});

test('the workbench shows the counts and the due items', async () => {
  await ui.loginAs(ROLE_ACCOUNTS.caseManager);
  await page.goto(`${server.url}/dashboard`);
  const bench = page.locator('[data-test=workbench]');
  const total = bench.locator('[data-test=bench-total] .stat-number');
  await total.waitFor();
  await page.waitForFunction((el) => Number(el.textContent) > 0, await total.elementHandle());
  const count = (name) => bench.locator(`[data-test=bench-${name}] .stat-number`).innerText().then(Number);
  const [all, overdue, visits, execution] = await Promise.all([count('total'), count('overdue'), count('visit'), count('execution')]);
  assert.ok(overdue <= all && visits > 0 && execution > 0, `${all} ${overdue} ${visits} ${execution}`);
  await bench.locator('[data-test=bench-items] .el-table__row').first().waitFor();
  await ui.shot('15-workbench');
  // The full list, filtered to the new subject's remaining execution item.
  await page.goto(`${server.url}/aftercare`);
  const full = page.locator('[data-test=workbench]');
  await full.locator('[data-test=bench-execution]').click();
  await full.locator('[data-test=bench-items]').getByText('处分决定执行').first().waitFor();
  await page.waitForFunction(() => [...document.querySelectorAll('[data-test=bench-items] .el-table__row')].every((r) => r.innerText.includes('处分决定执行')));
});

test('the statistics screen draws its charts', async () => {
  await page.goto(`${server.url}/statistics`);
  for (const chart of ['chart-forms', 'chart-trend', 'chart-units', 'chart-indicators', 'chart-ranking']) {
    const canvas = page.locator(`[data-test=${chart}] canvas`).first();
    await canvas.waitFor();
    // ECharts animates; wait until something has been painted.
    await page.waitForFunction((el) => {
      const { width, height } = el;
      const data = el.getContext('2d').getImageData(0, 0, width, height).data;
      for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) return true;
      return false;
    }, await canvas.elementHandle());
  }
  // The shares are the server's (largest remainder, one decimal), for this year in the jurisdiction.
  const anguan = await apiSession(server.url, ROLE_ACCOUNTS.caseManager, PASSWORD);
  const { figures } = await anguan('GET', `/api/v1/statistics/forms?period=${beijingDate(0).slice(0, 4)}`);
  assert.ok(figures.total > 0, '演示数据本年度应有处分处理');
  const text = await page.locator('[data-test=chart-forms]').innerText();
  for (const f of figures.forms) assert.match(text, new RegExp(`${f.label}：${f.count} 人次（${f.share.percent}%）`));
  assert.match(await page.locator('[data-test=chart-units]').innerText(), /各单位处分处理人次/);
  // The work indicators: every one listed, the ranking table filled, and its export a workbook link.
  const indicators = await anguan('GET', `/api/v1/statistics/indicators?period=${beijingDate(0).slice(0, 4)}`);
  const listed = await page.locator('[data-test=indicator-list]').innerText();
  for (const i of indicators.indicators) assert.match(listed, new RegExp(i.label));
  await page.locator('[data-test=ranking-table] .el-table__row').first().waitFor();
  assert.match(await page.locator('[data-test=export-ranking]').getAttribute('href'), /indicators\/by-unit\?.*format=xlsx.*indicator=visit_coverage/);
  await page.waitForTimeout(1500); // let the chart animations finish before the screenshot
  await ui.shot('12-statistics');
});

test('no console errors during the run', () => {
  // Expected resource errors: 401 from the session check before each login, 400 from the case
  // (and its preview) the test makes the server refuse.
  const unexpected = consoleErrors.filter((e) => !/status of (400|401) /.test(e));
  assert.deepEqual(unexpected, []);
});
