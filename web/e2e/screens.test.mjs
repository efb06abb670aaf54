// 党风廉政意见回复 from the request (a spreadsheet, a typed number, a pasted list) to the
// downloaded letter (organisation department → case manager → leader → case manager →
// organisation department), the security auditor's audit log with its verification banner and
// nothing else, and the system administrator's holiday calendar and aftercare policy. Every
// request reaches a real server on the demo data.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { SHOTS, openPage } from './ui.mjs';
import { PASSWORD, apiSession, startServer } from './server.mjs';

let server;
let browser;
let page;
let ui;
const consoleErrors = [];
// Two demo persons: one with a recorded case, one without (read from the seeded database).
const withCase = { name: '', id_number: '' };
const withoutCase = { name: '', id_number: '' };
let requestId = 0;
// The case manager's own wording of the second candidate's answer.
const REWORDED = '经集体研究，另有群众反映的问题尚在了解，待查清后再作答复。';

function sql(query) {
  return execFileSync('sqlite3', ['-separator', '|', server.db, query], { encoding: 'utf8' }).trim();
}

async function candidates() {
  const anguan = await apiSession(server.url, 'anguan', PASSWORD);
  return (await anguan('GET', `/api/v1/vetting-requests/${requestId}`)).candidates;
}

before(async () => {
  server = await startServer({ demo: true });
  [withCase.name, withCase.id_number] = sql(
    'SELECT name, id_number FROM persons p WHERE EXISTS (SELECT 1 FROM cases c WHERE c.person_id = p.id) ORDER BY id LIMIT 1',
  ).split('|');
  [withoutCase.name, withoutCase.id_number] = sql(
    'SELECT name, id_number FROM persons p WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE c.person_id = p.id) ORDER BY id LIMIT 1',
  ).split('|');
  ({ browser, page, ui } = await openPage(server.url, consoleErrors));
});

after(async () => {
  if (browser) await browser.close();
  if (server) await server.stop();
});

test('the organisation department files a vetting request from a pasted list', async (t) => {
  if (!server.demoAccounts) {
    t.skip('演示数据没有组织人事部门账号');
    return;
  }
  await ui.loginAs('zuzhibu');
  const menu = await ui.menuText();
  assert.match(menu, /党风廉政意见回复/);
  for (const hidden of ['处分处理登记', '回访帮带待办', '统计分析', '审计', '系统管理']) assert.doesNotMatch(menu, new RegExp(hidden));
  await page.locator('.el-menu.menu').getByText('党风廉政意见回复').click();
  await page.waitForURL(/\/vetting$/);
  await page.locator('[data-test=vetting-new]').click();
  await page.waitForURL(/\/vetting\/new$/);
  const form = page.locator('[data-test=vetting-form]');
  // Nothing filled in: refused in the browser, on the fields.
  await page.locator('[data-test=vetting-submit]').click();
  await ui.item(form, '来函单位').locator('.el-form-item__error', { hasText: '请填写来函单位' }).waitFor();
  await ui.item(form, '人选').locator('.el-form-item__error', { hasText: '请至少添加一名人选' }).waitFor();
  await ui.pickOption(ui.item(form, '事由'), '提拔');
  await ui.item(form, '来函单位').locator('input').fill('中共江州市委组织部');
  await ui.item(form, '来函文号').locator('input').fill('江组函〔2026〕88号');
  // A spreadsheet read by the server, a number typed in, then a pasted list.
  await page.locator('[data-test=candidate-upload] input[type=file]').setInputFiles({
    name: '人选名单.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`姓名,身份证号码\n${withCase.name},${withCase.id_number}\n`),
  });
  await page.getByText('从“人选名单.csv”读取 1 个号码').waitFor();
  const single = page.locator('[data-test=candidate-single] input');
  await single.fill(withCase.id_number);
  await single.press('Enter');
  await ui.item(form, '逐个录入').locator('.el-form-item__error', { hasText: '该号码已在人选名单中' }).waitFor();
  await single.fill('');
  await page.locator('[data-test=candidate-paste] textarea').fill(`${withCase.id_number}\n123\n${withoutCase.id_number}、${withCase.id_number}`);
  await page.locator('[data-test=candidate-paste-add]').click();
  const problems = page.locator('[data-test=candidate-problems]');
  await problems.getByText('第2个“123”：身份证号码应为18位').waitFor();
  await problems.getByText(`第4个“${withCase.id_number}”：与第1个号码重复`).waitFor();
  const list = page.locator('[data-test=candidate-list]');
  await list.getByText(withoutCase.id_number).waitFor();
  assert.equal(await list.locator('.el-table__row').count(), 2);
  await ui.shot('20-vetting-new');
  await page.locator('[data-test=vetting-submit]').click();
  await page.waitForURL(/\/vetting\/\d+$/);
  requestId = Number(new URL(page.url()).pathname.split('/').pop());
  const request = page.locator('[data-test=vetting-request]');
  await request.locator('[data-test=vetting-state]', { hasText: '办理中' }).waitFor();
  const table = page.locator('[data-test=candidate-table]');
  await table.getByText(withCase.name, { exact: true }).waitFor();
  await table.getByText(withoutCase.name, { exact: true }).waitFor();
  // No case facts for the organisation department: no drafts, answers only once issued.
  assert.doesNotMatch(await table.innerText(), /引擎草拟/);
  // Both the answer and its wording, for each of the two candidates.
  assert.equal(await table.getByText('回复后可见').count(), 4);
  await ui.logout();
});

test('the case manager drafts, confirms one answer and changes the other with a reason', async (t) => {
  if (!requestId) {
    t.skip('没有征求意见事项');
    return;
  }
  await ui.loginAs('anguan');
  assert.match(await ui.menuText(), /党风廉政意见回复/);
  // The audit log is not the case manager's: the address alone does not open it.
  await ui.expectRefused('/audit');
  await page.goto(`${server.url}/vetting`);
  await page.locator('[data-test=vetting-table]').getByText('中共江州市委组织部').first().click();
  await page.waitForURL(new RegExp(`/vetting/${requestId}$`));
  await page.locator('[data-test=vetting-draft]').click();
  const table = page.locator('[data-test=candidate-table]');
  await table.getByText('引擎草拟').waitFor();
  const [first, second] = await candidates();
  assert.ok(first.drafted && second.drafted, '每名人选都应有草拟意见');
  // The engine's reasons behind the first draft.
  await table.locator('.el-table__expand-icon').first().click();
  const basis = page.locator(`[data-test=basis-${first.id}]`);
  await basis.getByText(/起草依据（\d{4}-\d{2}-\d{2} 的影响期结论）/).waitFor();
  await basis.getByText('提拔职务、晋升职级或进一步使用').first().waitFor();
  await page.locator(`[data-test=confirm-${first.id}]`).click();
  await page.locator(`[data-test=answer-${first.id}]`, { hasText: first.drafted_label }).waitFor();
  // Changing the draft needs a reason.
  await page.locator(`[data-test=change-${second.id}]`).click();
  const dialog = page.getByRole('dialog', { name: /改变答复意见/ });
  const other = second.drafted === 'unsuitable' ? '影响期未满，建议暂缓使用' : '不宜使用';
  await ui.pickOption(ui.item(dialog, '答复意见'), other);
  await page.locator('[data-test=change-save]').click();
  await ui.item(dialog, '改变理由').locator('.el-form-item__error', { hasText: '请写明改变的理由' }).waitFor();
  await page.locator('[data-test=change-reason] textarea').fill('经集体研究，另有群众反映问题尚在了解');
  // The wording the letter prints starts as the engine's draft; a blank one is refused.
  const statement = page.locator('[data-test=change-statement] textarea');
  assert.equal(await statement.inputValue(), second.drafted_statement);
  await statement.fill('  ');
  await page.locator('[data-test=change-save]').click();
  await ui.item(dialog, '有关情况').locator('.el-form-item__error', { hasText: '请填写有关情况' }).waitFor();
  await statement.fill(REWORDED);
  await page.locator('[data-test=change-save]').click();
  await dialog.waitFor({ state: 'hidden' });
  await page.locator(`[data-test=answer-${second.id}]`, { hasText: other }).waitFor();
  await table.getByText('改变理由：经集体研究，另有群众反映问题尚在了解').waitFor();
  await page.locator(`[data-test=statement-${second.id}]`, { hasText: REWORDED }).waitFor();
  await page.locator(`[data-test=statement-${first.id}]`, { hasText: first.drafted_statement }).waitFor();
  // Approval is the leader's.
  assert.equal(await page.locator('[data-test=vetting-approve]').count(), 0);
  await ui.shot('21-vetting-confirmed');
  await ui.logout();
});

test('the leader approves', async (t) => {
  if (!requestId) {
    t.skip('没有征求意见事项');
    return;
  }
  await ui.loginAs('lingdao');
  await page.goto(`${server.url}/vetting/${requestId}`);
  await page.locator('[data-test=vetting-approve]').click();
  await page.locator('[data-test=vetting-state]', { hasText: '已审批' }).waitFor();
  assert.equal(await page.locator('[data-test=vetting-draft]').count(), 0);
  await ui.logout();
});

test('the case manager issues the reply letter', async (t) => {
  if (!requestId) {
    t.skip('没有征求意见事项');
    return;
  }
  await ui.loginAs('anguan');
  await page.goto(`${server.url}/vetting/${requestId}`);
  await page.locator('[data-test=vetting-issue]').click();
  const dialog = page.getByRole('dialog', { name: '出具回复函' });
  await page.locator('[data-test=issue-save]').click();
  await ui.item(dialog, '发文字号').locator('.el-form-item__error', { hasText: '请填写回复函的发文字号' }).waitFor();
  await page.locator('[data-test=issue-number] input').fill('江纪函〔2026〕66号');
  await page.locator('[data-test=issue-save]').click();
  await dialog.waitFor({ state: 'hidden' });
  await page.locator('[data-test=vetting-state]', { hasText: '已回复' }).waitFor();
  await page.locator('[data-test=vetting-letter]').waitFor();
  await ui.logout();
});

test('the organisation department sees the answers and downloads the letter', async (t) => {
  if (!requestId) {
    t.skip('没有征求意见事项');
    return;
  }
  await ui.loginAs('zuzhibu');
  await page.goto(`${server.url}/vetting`);
  await page.locator('[data-test=vetting-table]').getByText('江纪函〔2026〕66号').waitFor();
  await page.goto(`${server.url}/vetting/${requestId}`);
  const table = page.locator('[data-test=candidate-table]');
  const [first, second] = await candidates();
  await page.locator(`[data-test=answer-${first.id}]`, { hasText: first.answer_label }).waitFor();
  await page.locator(`[data-test=statement-${second.id}]`, { hasText: REWORDED }).waitFor();
  assert.doesNotMatch(await table.innerText(), /改变理由|引擎草拟/);
  await ui.shot('22-vetting-issued');
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test=vetting-letter]').click()]);
  assert.match(download.suggestedFilename(), /\.docx$/);
  fs.mkdirSync(SHOTS, { recursive: true });
  const file = path.join(SHOTS, 'vetting-reply.docx');
  await download.saveAs(file);
  const bytes = fs.readFileSync(file);
  assert.equal(bytes.subarray(0, 4).toString('latin1'), 'PK\u0003\u0004', '.docx 应为 zip 文件');
  const xml = execFileSync('unzip', ['-p', file, 'word/document.xml'], { encoding: 'utf8' });
  assert.match(xml, new RegExp(withCase.name));
  assert.match(xml, /江纪函〔2026〕66号/);
  // The letter prints each confirmed wording beside its answer.
  assert.ok(xml.includes(REWORDED), '回复函应包含改写后的有关情况');
  assert.ok(xml.includes(first.statement), '回复函应包含沿用草拟的有关情况');
  await ui.logout();
});

test('the security auditor sees the audit log, verified, and no case menus', async (t) => {
  if (!server.demoAccounts) {
    t.skip('演示数据没有安全审计员账号');
    return;
  }
  await ui.loginAs('shenji');
  const menu = await ui.menuText();
  assert.match(menu, /审计/);
  for (const hidden of ['干部档案', '处分处理登记', '回访帮带待办', '党风廉政意见回复', '统计分析', '系统管理']) {
    assert.doesNotMatch(menu, new RegExp(hidden), `安全审计员不应看到 ${hidden}`);
  }
  await page.locator('.el-menu.menu').getByText('审计').click();
  await page.waitForURL(/\/audit$/);
  await page.locator('[data-test=audit-verify-status]', { hasText: '审计日志完整，哈希链校验通过' }).waitFor();
  const checkpoint = await page.locator('[data-test=audit-checkpoint]').innerText();
  assert.match(checkpoint, /^\d+:[0-9a-f]{64}$/);
  const table = page.locator('[data-test=audit-table]');
  await table.locator('.el-table__row').first().waitFor();
  // The vetting run above, by its actor.
  await page.getByPlaceholder('用户名').fill('anguan');
  await ui.pickOption(ui.item(page.locator('.filters'), '操作类型'), '党风廉政意见回复');
  await page.locator('[data-test=audit-search]').click();
  await table.getByText('确认答复意见').first().waitFor();
  await table.getByText('出具回复函').first().waitFor();
  const rows = await table.locator('.el-table__row').allInnerTexts();
  assert.ok(rows.every((r) => /anguan/.test(r) && /vetting\./.test(r)), rows.join('\n'));
  // Verifying again with the checkpoint just given.
  await page.getByPlaceholder('序号:64位校验值（可不填）').fill(checkpoint);
  await page.locator('[data-test=audit-verify-run]').click();
  await page.locator('[data-test=audit-verify-status]', { hasText: '审计日志完整' }).waitFor();
  await ui.shot('23-audit');
  await ui.logout();
});

test('the system administrator adds a year to the holiday calendar and edits the policy', async (t) => {
  if (!server.demoAccounts) {
    t.skip('演示数据没有系统管理员账号');
    return;
  }
  await ui.loginAs('xitong');
  const menu = await ui.menuText();
  assert.match(menu, /系统管理/);
  assert.doesNotMatch(menu, /审计|党风廉政意见回复|干部档案/);
  await page.goto(`${server.url}/system/holidays`);
  await page.locator('[data-test=calendar-years]').getByText('2026年').waitFor();
  await page.locator('[data-test=calendar-add-year]').click();
  const prompt = page.getByRole('dialog', { name: '新增年度' });
  assert.equal(await prompt.locator('input').inputValue(), '2027');
  await prompt.getByRole('button', { name: /确定|OK/ }).click();
  await page.locator('[data-test=calendar-years]').getByText('2027年（新增）').waitFor();
  // 元旦: 2027-01-01 (Friday) to 01-03.
  const range = page.locator('[data-test=calendar-off-range-2027]');
  const [start, end] = await range.locator('input').all();
  await start.fill('2027-01-01');
  await end.fill('2027-01-03');
  await end.press('Enter');
  await page.locator('[data-test=calendar-add-off-2027]').click();
  const off = page.locator('[data-test=calendar-off-2027]');
  await off.getByText('2027-01-01 星期五').waitFor();
  await off.getByText('2027-01-03 星期日').waitFor();
  // A Monday is not a 调休 working day: flagged before anything is sent.
  const day = page.locator('[data-test=calendar-work-day-2027] input');
  await day.fill('2027-01-04');
  await day.press('Enter');
  await page.locator('[data-test=calendar-add-work-2027]').click();
  await page.getByText('2027-01-04 是星期一，本来就是工作日，调休上班日只能是周六或周日。').waitFor();
  await page.locator('[data-test=calendar-save]').click();
  await page.locator('[data-test=calendar-error]').waitFor();
  await page.locator('[data-test=calendar-work-2027] .el-tag', { hasText: '2027-01-04' }).locator('.el-tag__close').click();
  await day.fill('2027-02-20');
  await day.press('Enter');
  await page.locator('[data-test=calendar-add-work-2027]').click();
  await page.locator('[data-test=calendar-work-2027]').getByText('2027-02-20 星期六').waitFor();
  await page.locator('[data-test=calendar-save]').click();
  await page.getByText('节假日日历已保存并生效').waitFor();
  await page.locator('[data-test=calendar-card]').getByText('已由管理员修改（第 1 版）').waitFor();
  await page.locator('[data-test=calendar-years]').getByText('2027年', { exact: true }).waitFor();
  const xitong = await apiSession(server.url, 'xitong', PASSWORD);
  const stored = await xitong('GET', '/api/v1/aftercare/settings/calendar');
  assert.deepEqual(stored.body.years['2027'], { off: ['2027-01-01', '2027-01-02', '2027-01-03'], work: ['2027-02-20'] });
  assert.ok(stored.body.years['2026'].off.length > 0, '已有年度保持不变');
  await ui.shot('24-holidays');

  // The policy: a visit rule whose window closes before it opens is refused by the server, on
  // that rule's row.
  await page.goto(`${server.url}/system/aftercare-policy`);
  const due = page.locator('[data-test=rule-0-due] input');
  await due.waitFor();
  await due.fill('0');
  await due.press('Enter');
  await page.locator('[data-test=policy-save]').click();
  await page.locator('[data-test=rule-0-error]', { hasText: '截止月数应大于开始月数' }).waitFor();
  await page.locator('[data-test=policy-error]').waitFor();
  await due.fill('6');
  await due.press('Enter');
  const visitors = page.locator('[data-test=policy-min-visitors] input');
  await visitors.fill('3');
  await visitors.press('Enter');
  await page.locator('[data-test=policy-save]').click();
  await page.getByText('回访政策已保存并生效').waitFor();
  const policy = await xitong('GET', '/api/v1/aftercare/settings/policy');
  assert.equal(policy.version, 1);
  assert.equal(policy.body.visit.min_visitors, 3);
  assert.equal(policy.body.visit.rules[0].due_months, 6);
  await ui.shot('25-policy');
  await ui.logout();
});

test('the system administrator reads the data dictionary; the case manager has no 系统管理', async (t) => {
  if (!server.demoAccounts) {
    t.skip('演示数据没有系统管理员账号');
    return;
  }
  await ui.loginAs('xitong');
  await page.locator('.el-menu.menu').getByText('系统管理').click();
  await page.locator('.el-menu.menu').getByText('数据字典').click();
  await page.waitForURL(/\/system\/dictionaries$/);
  // The measure catalogue: rule data, read-only, with its version, sources and each article.
  const note = page.locator('[data-test=dictionary-rule-note]');
  await note.getByText('处分处理措施目录（第 1 版）：只读').waitFor();
  assert.match(await note.innerText(), /只随规则版本发布更新/);
  assert.match(await page.locator('[data-test=dictionary-sources]').innerText(), /《中国共产党纪律处分条例》/);
  const measures = page.locator('[data-test=dictionary-measures]');
  const probation = measures.locator('tr', { hasText: 'party.probation' });
  await probation.waitFor();
  const row = await probation.innerText();
  for (const text of ['留党察看', '党纪处分', '第三种形态', '12个月、24个月', '《中国共产党纪律处分条例》']) {
    assert.match(row, new RegExp(text.replace(/[()（）]/g, '.')), `留党察看一行应含 ${text}`);
  }
  assert.match(await measures.locator('tr', { hasText: 'party.warning' }).innerText(), /提拔职务、晋升职级或进一步使用 12个月/);
  assert.equal(await page.locator('[data-test=dictionaries] input, [data-test=dictionaries] textarea').count(), 1, '只有筛选框，没有可编辑的字段');
  await ui.shot('26-dictionary-measures');
  // The code lists: the clue handling methods, found by a search.
  await page.getByRole('tab', { name: /代码表/ }).click();
  await page.locator('input[data-test=dictionary-search], [data-test=dictionary-search] input').fill('函询');
  const lists = page.locator('[data-test=dictionary-lists]');
  await lists.getByText('问题线索处置方式').click();
  const items = page.locator('[data-test=dictionary-items]');
  await items.getByText('谈话函询').waitFor();
  assert.match(await items.innerText(), /inquiry/);
  await page.locator('input[data-test=dictionary-search], [data-test=dictionary-search] input').fill('');
  await lists.getByText('工作台待办类别').click();
  await items.getByText('留党察看期满待决定').waitFor();
  await ui.shot('27-dictionary-lists');
  await ui.logout();

  await ui.loginAs('anguan');
  const menu = await ui.menuText();
  assert.doesNotMatch(menu, /系统管理|数据字典/);
  await ui.expectRefused('/system/dictionaries');
  await ui.logout();
});

test('no console errors during the run', () => {
  // Expected resource errors: 401 from the session check before each login, 400 from the policy
  // the test makes the server refuse.
  const unexpected = consoleErrors.filter((e) => !/status of (400|401) /.test(e));
  assert.deepEqual(unexpected, []);
});
