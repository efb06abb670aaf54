import { describe, expect, it } from 'vitest';
import { emptyStepForm, goodShare, policyMeasureRows, stepBlocker, stepBody, stepState, validateStep } from './reuse.js';

const file = (next, steps, extra = {}) => ({ state: 'open', next_step: next, steps: steps.map((step) => ({ step, details: {} })), ...extra });

describe('step gating', () => {
  it.each([
    [file(1, []), [ 'current', 'waiting', 'waiting', 'waiting', 'waiting']],
    [file(3, [1, 2]), ['done', 'done', 'current', 'waiting', 'waiting']],
    [{ state: 'reused', next_step: 0, steps: [1, 2, 3, 4, 5].map((step) => ({ step })) }, ['done', 'done', 'done', 'done', 'done']],
    [{ state: 'withdrawn', next_step: 2, steps: [{ step: 1 }] }, ['done', 'closed', 'closed', 'closed', 'closed']],
  ])('%j', (f, expected) => {
    expect([1, 2, 3, 4, 5].map((n) => stepState(f, n))).toEqual(expected);
  });

  it('refuses a later step until the previous is done, with the first missing step named', () => {
    expect(stepBlocker(file(1, []), 3)).toBe('须按程序依次办理：请先完成第1步“组织人事部门提出意见并征求纪检监察机关意见”');
    expect(stepBlocker(file(1, []), 1)).toBe('');
    expect(stepBlocker(file(4, [1, 2, 3]), 2)).toBe('第2步已办理');
    expect(stepBlocker({ state: 'withdrawn', next_step: 1, steps: [] }, 1)).toBe('事项已办结，不能再办理');
  });

  it('waits for the leader before step 1 and the commission before step 2', () => {
    expect(stepBlocker(file(1, [], { override_pending: true }), 1)).toBe('较重处分的特别理由尚待领导批准');
    expect(stepBlocker(file(2, [1]), 2)).toBe('须待纪检监察机关对第1步提出意见');
    const opined = { state: 'open', next_step: 2, steps: [{ step: 1, details: { commission: { result: 'disagree' } } }] };
    expect(stepBlocker(opined, 2)).toBe('');
  });
});

describe('step forms', () => {
  const today = '2026-11-28';

  it('an empty step 2 form lists every missing field under the server names', () => {
    expect(validateStep(emptyStepForm(2, today), today)).toEqual({
      organ: '请填写办理机关',
      opinion: '请填写意见',
      attitude: '请填写本人对错误的认识和态度',
      'five_looks.time': '请填写“看时间”',
      'five_looks.cause': '请填写“看原因”',
      'five_looks.performance': '请填写“看表现”',
      'five_looks.sanction_type': '请填写“看处分类型”',
      'five_looks.nature': '请填写“看错误性质”',
      evaluation: '请填写民主测评票数',
    });
  });

  it.each([
    [{ date: '2026-11-29' }, { date: '办理日期不能晚于今天' }],
    [{ documentMode: 'upload' }, { document_id: '请上传文书，或选择当场生成函件' }],
    [{ step: 4, meeting: '常委会', responsible: '  ' }, { responsible: '请至少填写一名用人责任人' }],
    [{ step: 4, meeting: '', responsible: '李四', decision: 'not_reuse', opinion: '' }, { meeting: '请填写会议名称和日期', opinion: '请写明不重新使用的理由' }],
    [{ step: 5 }, { publicity: '请填写公开方式和范围' }],
  ])('%j → %j', (change, expected) => {
    const form = { ...emptyStepForm(change.step || 1, today), organ: '组织部', opinion: '同意', ...change };
    expect(validateStep(form, today)).toEqual(expected);
  });

  it('refuses negative or fractional votes', () => {
    const form = { ...emptyStepForm(2, today), organ: 'a', opinion: 'b', attitude: 'c', evaluation: { good: 1, fairly_good: -1, average: 0, poor: 0 } };
    for (const k of Object.keys(form.five_looks)) form.five_looks[k] = 'x';
    expect(validateStep(form, today)).toEqual({ evaluation: '民主测评票数应为不小于0的整数' });
  });

  it('builds each step body', () => {
    const form = { ...emptyStepForm(4, today), organ: ' 市委组织部 ', opinion: ' 同意 ', meeting: '常委会', responsible: '李四、 赵六，' };
    expect(stepBody(form)).toEqual({
      step: 4, organ: '市委组织部', date: today, opinion: '同意', generate_letter: true, meeting: '常委会', decision: 'reuse', responsible: ['李四', '赵六'],
    });
    expect(stepBody({ ...emptyStepForm(5, today), organ: 'a', opinion: 'b', publicity: '公示', documentMode: 'upload', document_id: 7 })).toEqual({
      step: 5, organ: 'a', date: today, opinion: 'b', document_id: 7, publicity: '公示',
    });
  });

  it('good share', () => {
    expect(goodShare({ good: 30, fairly_good: 8, average: 2, poor: 0 })).toBe(95);
    expect(goodShare({ good: 0, fairly_good: 0, average: 0, poor: 0 })).toBe(null);
  });
});

describe('re-use policy editor', () => {
  const CATALOGUE = [
    { code: 'first.admonishment', name: '诫勉', form: 1 },
    { code: 'party.warning', name: '警告（党纪）', form: 2 },
    { code: 'party.probation', name: '留党察看', form: 3 },
  ];

  it('names the policy measures in catalogue order, unknown codes last', () => {
    const policy = { 'party.probation': 'override', 'old.code': 'allowed', 'first.admonishment': 'allowed', 'a.code': 'excluded' };
    expect(policyMeasureRows(policy, CATALOGUE)).toEqual([
      { code: 'first.admonishment', name: '诫勉', form_label: '第一种形态' },
      { code: 'party.probation', name: '留党察看', form_label: '第三种形态' },
      { code: 'a.code', name: 'a.code', form_label: '' },
      { code: 'old.code', name: 'old.code', form_label: '' },
    ]);
  });

  it('shows the codes while the catalogue is unavailable', () => {
    expect(policyMeasureRows({ 'party.warning': 'allowed' }, null)).toEqual([{ code: 'party.warning', name: 'party.warning', form_label: '' }]);
    expect(policyMeasureRows(null, CATALOGUE)).toEqual([]);
  });
});
