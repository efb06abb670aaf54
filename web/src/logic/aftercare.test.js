import { describe, expect, it } from 'vitest';
import {
  blankVisit,
  codeLabel,
  codeLabels,
  CHECKED,
  openPlanOptions,
  planRows,
  reportHalfYears,
  validateEscalation,
  validateResolve,
  validateVisit,
  visitBody,
  REMINDER_KINDS,
  clueIdOf,
  workbenchCards,
  workbenchLink,
} from './aftercare.js';

const TODAY = '2026-11-28';

function goodVisit() {
  return { ...blankVisit(TODAY), date: '2026-11-20', visitors: [3, 4], grade: 'good', checked: ['work'] };
}

describe('validateVisit', () => {
  it('accepts a complete visit', () => {
    expect(validateVisit(goodVisit(), { today: TODAY, subjectId: 9 })).toEqual({});
  });

  it.each([
    [{ date: '' }, 'date', '请选择回访日期'],
    [{ date: '2026-11-29' }, 'date', '回访日期不能晚于今天，请核对。'],
    [{ visitors: [3] }, 'visitors', '回访人员应不少于2人，请补充回访人员。'],
    [{ visitors: [3, 9] }, 'visitors', '回访对象本人不能作为回访人员。'],
    [{ visitors: [3, 3] }, 'visitors', '同一回访人员重复填写，请删除重复项。'],
    [{ talked_with: ['unit_head'] }, 'talked_with', '回访应与回访对象本人谈话，请在谈话对象中勾选本人。'],
    [{ talked_with: ['subject', 'other'] }, 'others_talked', '请填写其他谈话人员的姓名或职务'],
    [{ grade: '' }, 'grade', '请选择回访评价等次（好、一般、较差）。'],
  ])('%j → %s', (change, field, message) => {
    const errors = validateVisit({ ...goodVisit(), ...change }, { today: TODAY, subjectId: 9 });
    expect(errors).toEqual({ [field]: message });
  });

  it('uses the policy minimum when given', () => {
    expect(validateVisit({ ...goodVisit(), visitors: [3, 4] }, { today: TODAY, minVisitors: 3 })).toEqual({
      visitors: '回访人员应不少于3人，请补充回访人员。',
    });
  });
});

describe('visitBody', () => {
  it('sends numbers, trims texts and leaves out empty optional members', () => {
    const form = { ...goodVisit(), visitors: ['3', '4'], findings: '  表现良好 ', open_clue: true, plan_key: 'first_visit:486' };
    expect(visitBody('17', form)).toEqual({
      person_id: 17,
      date: '2026-11-20',
      visitors: [3, 4],
      talked_with: ['subject'],
      checked: ['work'],
      grade: 'good',
      open_clue: true,
      plan_key: 'first_visit:486',
      findings: '表现良好',
    });
  });
});

describe('visit plan', () => {
  const plan = {
    visits: [
      { key: 'a', title: '首次回访', from: '2026-05-01', due: '2026-10-31', fulfilled_on: '2026-09-01' },
      { key: 'b', title: '半年回访', from: '2026-06-01', due: '2026-11-27', fulfilled_on: null },
      { key: 'c', title: '期满回访', from: '2026-11-01', due: '2026-12-31', fulfilled_on: null },
      { key: 'd', title: '年度回访', from: '2027-01-01', due: '2027-06-30', fulfilled_on: null },
    ],
  };

  it('gives each planned visit its state', () => {
    expect(planRows(plan, TODAY).map((r) => [r.key, r.state, r.state_label])).toEqual([
      ['a', 'done', '已回访'],
      ['b', 'overdue', '已逾期'],
      ['c', 'due', '待回访'],
      ['d', 'planned', '未到期'],
    ]);
  });

  it('offers only the visits not yet fulfilled', () => {
    expect(openPlanOptions(plan).map((o) => o.value)).toEqual(['b', 'c', 'd']);
    expect(openPlanOptions(plan)[0].label).toBe('半年回访（2026-06-01 至 2026-11-27）');
    expect(openPlanOptions(null)).toEqual([]);
  });
});

describe('reportHalfYears', () => {
  it('lists the begun half-years without a report, newest first', () => {
    const assignment = { start: '2025-08-10', end: null, reports: [{ year: 2025, half: 2 }] };
    expect(reportHalfYears(assignment, TODAY).map((h) => h.label)).toEqual(['2026年下半年', '2026年上半年']);
  });

  it('stops at the end of the mentoring', () => {
    const assignment = { start: '2025-03-01', end: '2025-12-31', reports: [] };
    expect(reportHalfYears(assignment, TODAY)).toEqual([
      { year: 2025, half: 2, label: '2025年下半年' },
      { year: 2025, half: 1, label: '2025年上半年' },
    ]);
  });

  it('is empty for an assignment starting later', () => {
    expect(reportHalfYears({ start: '2027-01-01', reports: [] }, TODAY)).toEqual([]);
  });
});

describe('escalations', () => {
  it.each([
    [{ kind: '', opened_on: TODAY }, { kind: '请选择苗头性问题的类别' }],
    [{ kind: 'negative_thinking', opened_on: '' }, { opened_on: '请选择发现日期' }],
    [{ kind: 'negative_thinking', opened_on: '2026-12-01' }, { opened_on: '发现日期不能晚于今天' }],
    [{ kind: 'negative_thinking', opened_on: TODAY }, {}],
  ])('open %j', (form, expected) => {
    expect(validateEscalation(form, TODAY)).toEqual(expected);
  });

  it.each([
    [{ outcome: 'handled', resolution: '已谈话提醒', resolved_on: '2026-11-20' }, {}],
    [{ outcome: '', resolution: ' ', resolved_on: '2026-11-20' }, { outcome: '请选择处置结果', resolution: '请填写处置情况' }],
    [
      { outcome: 'referred', resolution: '移送', resolved_on: '2026-11-01' },
      { resolved_on: '处置日期应在发现日期（2026-11-10）至今天之间' },
    ],
  ])('resolve %j', (form, expected) => {
    expect(validateResolve(form, '2026-11-10', TODAY)).toEqual(expected);
  });
});

describe('workbench', () => {
  it('counts total, overdue and each kind with items', () => {
    const bench = { total: 810, overdue: 788, by_kind: { visit: 196, execution: 614, mentor_talk: 0 } };
    expect(workbenchCards(bench)).toEqual([
      { key: 'total', label: '待办合计', count: 810 },
      { key: 'overdue', label: '其中已逾期', count: 788 },
      { key: 'visit', label: '回访', count: 196 },
      { key: 'execution', label: '处分决定执行', count: 614 },
    ]);
    expect(workbenchCards(null)).toEqual([]);
  });

  it('links an item to the tab of its kind', () => {
    expect(workbenchLink({ kind: 'visit', subject_id: 5 })).toEqual({ path: '/persons/5', query: { tab: 'visits' } });
    expect(workbenchLink({ kind: 'mentor_report', subject_id: 5 })).toEqual({ path: '/persons/5', query: { tab: 'mentoring' } });
    expect(workbenchLink({ kind: 'probation_outcome', subject_id: 7 })).toEqual({ path: '/persons/7', query: { tab: 'file' } });
  });

  it('labels a 函询回复 item and links it to the clue on the file\'s 监督执纪 tab', () => {
    expect(codeLabel(REMINDER_KINDS, 'clue_reply')).toBe('函询回复到期');
    expect(workbenchCards({ total: 3, overdue: 1, by_kind: { clue_reply: 2, visit: 1 } })).toEqual([
      { key: 'total', label: '待办合计', count: 3 },
      { key: 'overdue', label: '其中已逾期', count: 1 },
      { key: 'visit', label: '回访', count: 1 },
      { key: 'clue_reply', label: '函询回复到期', count: 2 },
    ]);
    expect(workbenchLink({ kind: 'clue_reply', subject_id: 9, ref: '42' })).toEqual({ path: '/persons/9', query: { tab: 'oversight', clue: '42' } });
    expect(workbenchLink({ kind: 'clue_reply', subject_id: 9, ref: 'clue-042' })).toEqual({ path: '/persons/9', query: { tab: 'oversight', clue: '42' } });
    expect(workbenchLink({ kind: 'clue_reply', subject_id: 9, ref: '' })).toEqual({ path: '/persons/9', query: { tab: 'oversight' } });
  });

  it.each([
    ['17', '17'],
    ['clue-17', '17'],
    [17, '17'],
    ['', ''],
    [undefined, ''],
    ['clue', ''],
  ])('clue id of ref %j is %j', (ref, id) => {
    expect(clueIdOf(ref)).toBe(id);
  });

  it('joins code labels', () => {
    expect(codeLabels(CHECKED, ['work', 'life', 'x'])).toBe('工作表现、生活状况、x');
  });
});
