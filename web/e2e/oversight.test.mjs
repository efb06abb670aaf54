// 重新使用, 问题线索 and 约谈 in the browser against a real server on the demo data: a clue put
// under 初步核实 sets its person on hold (暂缓) and blocks re-use; a talk recorded from the
// person's file; a re-use file walked through all five steps (a step out of order refused by the
// server, a later step disabled in the wizard); the security administrator's eligibility policy.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, test } from 'node:test';
import { openPage } from './ui.mjs';
import { PASSWORD, apiSession, startServer } from './server.mjs';

let server;
let browser;
let page;
let ui;
const consoleErrors = [];
// ready: a party member whose warning (back-dated to 2022) is long over and who was visited;
// held: a person whose clue goes under 初步核实.
const ready = { id: 0, name: '' };
const held = { id: 0, name: '' };
let fileId = 0;

async function pickPerson(formItem, name) {
  await formItem.locator('.el-select__wrapper').first().click();
  await formItem.locator('input').first().fill(name);
  await page.locator('.el-select-dropdown__item:visible', { hasText: name }).first().click();
}

async function pickOrg(formItem, name) {
  await formItem.locator('.el-select__wrapper').first().click();
  await page.locator('.el-tree-select__popper:visible').getByText(name, { exact: true }).click();
}

// An el-input puts its data-test on the native input; other components keep it on their root.
function field(name) {
  return page.locator(`input[data-test="${name}"], textarea[data-test="${name}"], [data-test="${name}"] input, [data-test="${name}"] textarea`).first();
}

function sql(query) {
  return execFileSync('sqlite3', ['-separator', '|', server.db, query], { encoding: 'utf8' }).trim();
}

const UNIQUE_PARTY_MEMBERS_WITHOUT_CASES = `SELECT id, name FROM persons p WHERE party_member = 1
  AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.person_id = p.id)
  AND NOT EXISTS (SELECT 1 FROM holds h WHERE h.person_id = p.id)
  AND (SELECT count(*) FROM persons q WHERE q.name = p.name) = 1 ORDER BY id LIMIT 4`;

before(async () => {
  server = await startServer({ demo: true });
  const rows = sql(UNIQUE_PARTY_MEMBERS_WITHOUT_CASES).split('\n').map((r) => r.split('|'));
  [ready.id, ready.name] = [Number(rows[0][0]), rows[0][1]];
  [held.id, held.name] = [Number(rows[1][0]), rows[1][1]];
  const visitors = [Number(rows[2][0]), Number(rows[3][0])];
  if (server.demoAccounts) {
    // A 党内警告 decided in 2022 (six months' influence period) and a visit after it.
    const anguan = await apiSession(server.url, 'anguan', PASSWORD);
    const organ = Number(sql("SELECT id FROM organisations WHERE name = '江州市纪委监委'"));
    await anguan('POST', '/api/v1/cases', {
      person_id: ready.id,
      organ_id: organ,
      decision_number: '江纪〔2022〕17号',
      decision_date: '2022-03-01',
      discipline: 'work',
      source: 'petition',
      measures: [{ kind: 'party.warning', effective: '2022-03-01' }],
    });
    await anguan('POST', '/api/v1/visits', {
      person_id: ready.id,
      date: '2022-09-01',
      visitors,
      talked_with: ['subject'],
      checked: ['execution'],
      findings: '认识到位，工作积极',
      grade: 'good',
    });
  }
  ({ browser, page, ui } = await openPage(server.url, consoleErrors));
});

after(async () => {
  if (browser) await browser.close();
  if (server) await server.stop();
});

test('the case manager registers a clue, puts it under 初步核实 and the person is on hold', async (t) => {
  if (!server.demoAccounts) {
    t.skip('演示数据没有演示账号');
    return;
  }
  await ui.loginAs('anguan');
  const menu = await page.locator('.el-menu.menu').innerText();
  for (const shown of ['重新使用', '监督执纪']) assert.match(menu, new RegExp(shown));
  await page.goto(`${server.url}/oversight/clues`);
  await page.locator('[data-test=oversight-new]').click();
  const form = page.locator('[data-test=clue-form]');
  // Nothing filled in: refused in the browser, on the fields.
  await page.locator('[data-test=clue-save]').click();
  await ui.item(form, '人员').locator('.el-form-item__error', { hasText: '请选择人员' }).waitFor();
  await ui.item(form, '线索摘要').locator('.el-form-item__error', { hasText: '请填写线索摘要' }).waitFor();
  await pickPerson(ui.item(form, '人员'), held.name);
  await pickOrg(ui.item(form, '登记机关'), '江州市纪委监委');
  await ui.pickOption(ui.item(form, '线索来源'), '信访举报');
  await ui.item(form, '线索摘要').locator('textarea').fill('反映其在项目验收中收受礼金');
  await ui.shot('30-clue-new');
  await page.locator('[data-test=clue-save]').click();
  const table = page.locator('[data-test=oversight-table]');
  await table.getByText('反映其在项目验收中收受礼金').waitFor();
  await table.getByText('待处置').first().waitFor();
  // 谈话函询 first: the reply due date is shown.
  const clueId = Number(sql(`SELECT id FROM clues WHERE person_id = ${held.id}`));
  await page.locator(`[data-test=oversight-edit-${clueId}]`).click();
  await ui.pickOption(ui.item(form, '处置方式'), '谈话函询');
  await page.locator('[data-test=clue-handling-hint]', { hasText: '第15个工作日' }).waitFor();
  const handlingDate = ui.item(form, '处置决定日期').locator('input');
  await handlingDate.fill(sql("SELECT date('now', '+8 hours')"));
  await handlingDate.press('Enter');
  await page.locator('[data-test=clue-save]').click();
  await table.getByText(/期限 \d{4}-\d{2}-\d{2}/).waitFor();
  // Then 初步核实: the person goes on hold.
  await page.locator(`[data-test=oversight-edit-${clueId}]`).click();
  await ui.pickOption(ui.item(form, '处置方式'), '初步核实');
  await page.locator('[data-test=clue-handling-hint]', { hasText: '暂缓' }).waitFor();
  await page.locator('[data-test=clue-save]').click();
  await table.getByText('本人暂缓').waitFor();
  await ui.shot('31-clues');
  await page.goto(`${server.url}/persons/${held.id}`);
  await page.locator('[data-test=status-card] .el-tag', { hasText: '暂缓' }).first().waitFor();
  await ui.shot('32-person-on-hold');
  await ui.logout();
});

test('the case manager records a talk from the person file', async (t) => {
  if (!server.demoAccounts) {
    t.skip('演示数据没有演示账号');
    return;
  }
  await ui.loginAs('anguan');
  await page.goto(`${server.url}/persons/${held.id}`);
  await page.locator('[data-test=file-tabs]').getByText('谈话、线索、澄清与容错').click();
  const panel = page.locator('[data-test=person-oversight]');
  await panel.locator('[data-test=person-clues]').getByText('反映其在项目验收中收受礼金').waitFor();
  await page.locator('[data-test=person-new-interview]').click();
  const form = page.locator('[data-test=interview-form]');
  await page.locator('[data-test=interview-save]').click();
  await ui.item(form, '谈话类型').locator('.el-form-item__error', { hasText: '请选择谈话类型' }).waitFor();
  await ui.item(form, '谈话内容').locator('.el-form-item__error', { hasText: '请填写谈话内容' }).waitFor();
  await ui.pickOption(ui.item(form, '谈话类型'), '提醒谈话');
  await pickOrg(ui.item(form, '组织谈话的组织'), '江州市纪委监委');
  await field('interviewer-name-0').fill('郑华');
  await field('interviewer-post-0').fill('市纪委副书记');
  await field('interview-topics').fill('就群众反映的问题进行提醒，要求如实说明');
  await page.locator('[data-test=interview-save]').click();
  await panel.locator('[data-test=person-interviews]').getByText('就群众反映的问题进行提醒，要求如实说明').waitFor();
  await panel.locator('[data-test=person-interviews]').getByText('提醒谈话').waitFor();
  await ui.shot('33-person-talks');
  await page.goto(`${server.url}/oversight/interviews`);
  await page.locator('[data-test=oversight-table]').getByText('就群众反映的问题进行提醒，要求如实说明').waitFor();
  await ui.shot('34-interviews');
  for (const [route, name] of [['clearances', '35-clearances'], ['fault-tolerance', '36-fault-tolerance']]) {
    await page.goto(`${server.url}/oversight/${route}`);
    await page.locator('[data-test=oversight-table]').waitFor();
    await ui.shot(name);
  }
  await ui.logout();
});

test('the organisation department opens a re-use file: a held person is blocked, a ready one is not', async (t) => {
  if (!server.demoAccounts) {
    t.skip('演示数据没有演示账号');
    return;
  }
  await ui.loginAs('zuzhibu');
  const menu = await page.locator('.el-menu.menu').innerText();
  assert.match(menu, /重新使用/);
  assert.doesNotMatch(menu, /监督执纪|问题线索/);
  await page.locator('.el-menu.menu').getByText('重新使用').click();
  await page.waitForURL(/\/reuse$/);
  await page.locator('[data-test=reuse-new]').click();
  const form = page.locator('[data-test=reuse-open-form]');
  await pickPerson(ui.item(form, '人员'), held.name);
  await page.locator('[data-test="pre-reuse.on_hold"]', { hasText: '不满足' }).waitFor();
  await page.locator('[data-test=reuse-ready]', { hasText: '尚不满足' }).waitFor();
  await ui.shot('40-reuse-blocked');
  await pickPerson(ui.item(form, '人员'), ready.name);
  await page.locator('[data-test=reuse-ready]', { hasText: '均已满足' }).waitFor();
  await page.locator('[data-test=reuse-level]', { hasText: '可以提出' }).waitFor();
  await page.locator('[data-test=reuse-open-submit]').click();
  await page.waitForURL(/\/reuse\/\d+$/);
  fileId = Number(new URL(page.url()).pathname.split('/').pop());
  await page.locator('[data-test=reuse-state]', { hasText: '办理中' }).waitFor();
  // The wizard refuses to skip: later steps are disabled; the server refuses them too.
  assert.equal(await page.locator('[data-test=reuse-step-tab-2]').isDisabled(), true);
  assert.equal(await page.locator('[data-test=reuse-step-tab-5]').isDisabled(), true);
  const zuzhibu = await apiSession(server.url, 'zuzhibu', PASSWORD);
  await assert.rejects(
    zuzhibu('POST', `/api/v1/reuse-files/${fileId}/steps`, { step: 3, organ: '中共江州市委组织部', opinion: '越步', generate_letter: true }),
    /→ 422 .*reuse\.step_out_of_order.*请先完成第1步/,
  );
  // Step 1: checked in the browser first, then recorded with a generated letter.
  await page.locator('[data-test=reuse-check]').getByText('均已满足').waitFor();
  await page.locator('[data-test=step-submit]').click();
  const stepForm = page.locator('[data-test=reuse-step-form]');
  await ui.item(stepForm, '办理机关').locator('.el-form-item__error', { hasText: '请填写办理机关' }).waitFor();
  await field('step-organ').fill('中共江州市委组织部');
  await field('step-opinion').fill('该同志影响期已满，表现良好，拟提出重新使用意见');
  await ui.shot('41-reuse-step1');
  await page.locator('[data-test=step-submit]').click();
  // Step 2 waits for the commission.
  await page.locator('[data-test=reuse-blocker]', { hasText: '须待纪检监察机关对第1步提出意见' }).waitFor();
  assert.equal(await page.locator('[data-test=step-submit]').isDisabled(), true);
  await ui.logout();
});

test('the case manager gives the commission opinion', async (t) => {
  if (!fileId) {
    t.skip('没有重新使用事项');
    return;
  }
  await ui.loginAs('anguan');
  await page.goto(`${server.url}/reuse/${fileId}`);
  await page.locator('[data-test=reuse-step-tab-1]').click();
  const opinion = page.locator('[data-test=reuse-opinion-form]');
  await ui.item(opinion, '纪检监察机关').locator('input').fill('中共江州市纪律检查委员会');
  await field('reuse-opinion-text').fill('未发现影响使用的问题，同意重新使用');
  await page.locator('[data-test=reuse-opinion-submit]').click();
  await page.locator('[data-test=reuse-commission]').getByText(/同意。未发现影响使用的问题/).waitFor();
  // Running the steps is the organisation department's.
  assert.equal(await page.locator('[data-test=step-submit]').count(), 0);
  await ui.logout();
});

test('the organisation department records steps 2 to 5 and the file ends as re-used', async (t) => {
  if (!fileId) {
    t.skip('没有重新使用事项');
    return;
  }
  await ui.loginAs('zuzhibu');
  await page.goto(`${server.url}/reuse/${fileId}`);
  const stepForm = page.locator('[data-test=reuse-step-form]');
  // Step 2: the five looks, the votes and the attitude.
  await field('step-organ').waitFor();
  await field('step-organ').fill('中共江州市委组织部');
  await page.locator('[data-test=step-submit]').click();
  await ui.item(stepForm, '看错误性质').locator('.el-form-item__error', { hasText: '请填写“看错误性质”' }).waitFor();
  await field('step-attitude').fill('认识深刻，主动整改');
  for (const [key, text] of [['time', '2022年3月受处分，影响期已届满'], ['cause', '工作失职'], ['performance', '影响期内表现良好'], ['sanction_type', '党内警告'], ['nature', '一般性失职错误']]) {
    await field(`step-look-${key}`).fill(text);
  }
  for (const [key, votes] of [['good', '30'], ['fairly_good', '8'], ['average', '2']]) {
    const input = field(`step-vote-${key}`);
    await input.fill(votes);
    await input.press('Tab');
  }
  await stepForm.getByText('好和较好占 95%').waitFor();
  await field('step-opinion').fill('经深入了解，现实表现和工作业绩良好');
  await ui.shot('42-reuse-step2');
  await page.locator('[data-test=step-submit]').click();
  await page.getByRole('heading', { name: /^第3步：/ }).waitFor();
  await page.locator('[data-test=reuse-evidence]').getByText('合计 40，好和较好占 95%').waitFor();
  await page.locator('[data-test=reuse-evidence]').getByText('2022-09-01：好').waitFor();
  // 年度考核 registered beside the evidence.
  await ui.pickOption(page.locator('[data-test=reuse-evidence] .assess'), '优秀');
  await page.locator('[data-test=reuse-assessment-add]').click();
  await page.locator('[data-test=reuse-evidence]').getByText(`${Number(sql("SELECT strftime('%Y', 'now', '+8 hours')")) - 1}年：优秀`).waitFor();
  // Step 3.
  await field('step-organ').fill('中共江州市委组织部');
  await field('step-opinion').fill('书面征求上一级组织部门意见，同意');
  await page.locator('[data-test=step-submit]').click();
  await page.getByRole('heading', { name: /^第4步：/ }).waitFor();
  // Step 4: preconditions checked again, then the collective decision.
  await page.locator('[data-test=reuse-check]').getByText('均已满足').waitFor();
  await field('step-organ').fill('中共江州市委');
  await field('step-meeting').fill('2026年市委常委会第30次会议');
  await page.locator('[data-test=step-submit]').click();
  await ui.item(stepForm, '用人责任人').locator('.el-form-item__error', { hasText: '请至少填写一名用人责任人' }).waitFor();
  await field('step-responsible').fill('王建国、李红');
  await field('step-opinion').fill('集体讨论决定重新使用');
  await ui.shot('43-reuse-step4');
  await page.locator('[data-test=step-submit]').click();
  await page.getByRole('heading', { name: /^第5步：/ }).waitFor();
  // Step 5.
  await field('step-organ').fill('中共江州市委组织部');
  await field('step-publicity').fill('在本单位范围内公示5个工作日');
  await field('step-opinion').fill('公示期满无异议');
  await page.locator('[data-test=step-submit]').click();
  await page.locator('[data-test=reuse-state]', { hasText: '已重新使用' }).waitFor();
  const file = await (await apiSession(server.url, 'zuzhibu', PASSWORD))('GET', `/api/v1/reuse-files/${fileId}`);
  assert.equal(file.state, 'reused');
  assert.deepEqual(file.steps.map((s) => s.step), [1, 2, 3, 4, 5]);
  assert.equal(file.documents.length, 5, '每步一份生成的函件');
  assert.deepEqual(file.steps[3].details.responsible, ['王建国', '李红']);
  assert.equal(file.steps[0].details.commission.result, 'agree');
  // A recorded step is shown read-only.
  await page.locator('[data-test=reuse-step-tab-4]').click();
  await page.locator('[data-test=reuse-step-4-done]').getByText('王建国').waitFor();
  await ui.shot('44-reuse-done');
  await page.goto(`${server.url}/reuse`);
  await page.locator('[data-test=reuse-table]').getByText('已重新使用').waitFor();
  await ui.shot('45-reuse-list');
  await ui.logout();
});

test('the security administrator sees the eligibility policy and nothing of the files', async (t) => {
  if (!server.demoAccounts) {
    t.skip('演示数据没有安全保密管理员账号');
    return;
  }
  await ui.loginAs('anquan');
  const menu = await page.locator('.el-menu.menu').innerText();
  assert.doesNotMatch(menu, /重新使用事项|监督执纪|干部档案/);
  await page.goto(`${server.url}/system/reuse-policy`);
  const table = page.locator('[data-test=reuse-policy-measures]');
  // Measures by their Chinese names (the catalogue is readable by every account), code beneath.
  await table.locator('[data-test="measure-name-party.removal_from_post"]', { hasText: '撤销党内职务' }).waitFor();
  assert.match(await table.locator('tr', { hasText: 'party.warning' }).innerText(), /警告（党纪）/);
  await ui.pickOption(page.locator('[data-test="level-party.warning"]').locator('..'), '须写明特别理由并经领导批准');
  await page.locator('[data-test=reuse-policy-save]').click();
  await page.getByText('分类管理规定已保存并生效').waitFor();
  const anquan = await apiSession(server.url, 'anquan', PASSWORD);
  const policy = await anquan('GET', '/api/v1/reuse-policy');
  assert.equal(policy.version, 1);
  assert.equal(policy.policy.measures['party.warning'], 'override');
  await ui.shot('46-reuse-policy');
  await ui.logout();
});

test('no console errors during the run', () => {
  // Expected: 401 from the session check before each login.
  const unexpected = consoleErrors.filter((e) => !/status of 401 /.test(e));
  assert.deepEqual(unexpected, []);
});
