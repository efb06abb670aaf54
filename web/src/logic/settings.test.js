import { describe, expect, it } from 'vitest';
import {
  addDays,
  calendarBody,
  calendarFieldTarget,
  checkPolicy,
  checkYear,
  expandRange,
  nextYear,
  settingFieldProp,
  weekdayLabel,
} from './settings.js';

describe('holiday calendar', () => {
  it.each([
    ['2027-01-01', '星期五'],
    ['2027-02-06', '星期六'],
    ['2027-02-07', '星期日'],
    ['2027-13-01', ''],
  ])('%s is a %s', (date, label) => {
    expect(weekdayLabel(date)).toBe(label);
  });

  it('expands a span of days, both ends included, across a month end', () => {
    expect(expandRange('2027-01-30', '2027-02-02')).toEqual(['2027-01-30', '2027-01-31', '2027-02-01', '2027-02-02']);
    expect(expandRange('2027-02-02', '2027-02-01')).toEqual([]);
    expect(expandRange('2027-02-02', '')).toEqual([]);
    expect(expandRange('2027-01-01', '2027-12-31')).toHaveLength(60);
  });

  it('adds days sorted and once', () => {
    expect(addDays(['2027-10-03', '2027-10-01'], ['2027-10-02', '2027-10-01'])).toEqual(['2027-10-01', '2027-10-02', '2027-10-03']);
  });

  it('accepts a well-formed notice, weekend days off included', () => {
    expect(checkYear('2027', { off: ['2027-01-01', '2027-01-02', '2027-01-03'], work: ['2027-02-20'] })).toEqual({});
  });

  it('reports each fault on the server field', () => {
    expect(
      checkYear('2027', {
        off: ['2027-05-01', '2026-12-31', '2027-05-01', '2027-02-30'],
        work: ['2027-05-03', '2027-05-01', '2027-05-08'],
      }),
    ).toEqual({
      'years.2027.off[1]': '2026-12-31 不属于2027年，请在该年份下填写。',
      'years.2027.off[2]': '2027-05-01 已在放假日期中列出，同一天不能重复列出。',
      'years.2027.off[3]': '“2027-02-30”不是有效的日期，请按“YYYY-MM-DD”填写。',
      'years.2027.work[0]': '2027-05-03 是星期一，本来就是工作日，调休上班日只能是周六或周日。',
      'years.2027.work[1]': '2027-05-01 已在放假日期中列出，同一天不能重复列出。',
    });
    expect(checkYear('27', { off: [], work: [] })).toEqual({ 'years.27': '“27”不是有效的年份，年份应为四位数字，如“2025”。' });
  });

  it('the next year follows the last covered one', () => {
    expect(nextYear({ 2024: {}, 2026: {}, 2025: {} })).toBe(2027);
    expect(nextYear({}, new Date(Date.UTC(2026, 10, 28)))).toBe(2026);
  });

  it('keeps the document and writes the years sorted', () => {
    const doc = { source: '国务院办公厅通知', note: '说明', years: { 2026: { off: [], work: [] } } };
    expect(calendarBody(doc, { 2027: { off: ['2027-01-02', '2027-01-01'], work: [] }, 2026: { off: [], work: ['2026-01-04'] } })).toEqual({
      source: '国务院办公厅通知',
      note: '说明',
      years: { 2026: { off: [], work: ['2026-01-04'] }, 2027: { off: ['2027-01-01', '2027-01-02'], work: [] } },
    });
  });

  it.each([
    ['body.years.2027.work[0]', { year: '2027', list: 'work', index: 0 }],
    ['body.years.2027.off', { year: '2027', list: 'off', index: null }],
    ['body.years.27x', { year: '27x', list: null, index: null }],
    ['body.years', null],
    ['body', null],
  ])('server field %s points at %j', (field, target) => {
    expect(calendarFieldTarget(field)).toEqual(target);
  });
});

describe('aftercare policy', () => {
  it.each([
    ['body.visit.min_visitors', 'visit.min_visitors'],
    ['body.visit.rules[1].due_months', 'visit.rules.1.due_months'],
    ['body', ''],
    ['version', 'version'],
  ])('server field %s is form prop %s', (field, prop) => {
    expect(settingFieldProp(field)).toBe(prop);
  });

  const policy = () => ({
    visit: { min_visitors: 2, max_visits_per_year: null, coverage_target_percent: null, coverage_lookback_years: 2, rules: [{ id: 'first_visit', title: '首次回访' }] },
    mentoring: { first_talk_within_months: 1, talks_per_half_year: 1, half_year_report: true, report_due_days_after_half_year: 15 },
    escalation: { deadline_working_days: 15 },
  });

  it('accepts the shipped values', () => {
    expect(checkPolicy(policy())).toEqual({});
  });

  it('reports values out of range on their fields with the server wording', () => {
    const p = policy();
    p.visit.min_visitors = 0;
    p.visit.max_visits_per_year = 0;
    p.visit.coverage_target_percent = 101;
    p.mentoring.report_due_days_after_half_year = -1;
    p.escalation.deadline_working_days = null;
    p.visit.rules[0].title = ' ';
    expect(checkPolicy(p)).toEqual({
      'visit.min_visitors': '策略字段“visit.min_visitors”至少为1。',
      'visit.max_visits_per_year': '策略字段“visit.max_visits_per_year”至少为1（不限制时请留空）。',
      'visit.coverage_target_percent': '策略字段“visit.coverage_target_percent”应在0至100之间。',
      'mentoring.report_due_days_after_half_year': '策略字段“mentoring.report_due_days_after_half_year”不能为负数。',
      'escalation.deadline_working_days': '策略字段“escalation.deadline_working_days”至少为1。',
      'visit.rules.0.title': '策略规则“first_visit”缺少中文名称。',
    });
  });
});
