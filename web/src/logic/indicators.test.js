import { describe, expect, it } from 'vitest';
import { detailText, indicatorCards, indicatorExportUrl, rankingRows, rankingSeries, rateSeries } from './indicators.js';

// The shapes of src/api/indicators_api.hpp.
const overview = {
  indicators: [
    { code: 'visit_coverage', label: '回访覆盖率', kind: 'rate', numerator: 1, denominator: 2, percent: '50.0', target_percent: null, details: [] },
    { code: 'visit_recent', label: '近年受处分人员回访率', kind: 'rate', numerator: 2, denominator: 3, percent: '66.7', target_percent: 30, details: [] },
    { code: 'mentoring_talks', label: '教育帮带谈心谈话合规率', kind: 'rate', numerator: 0, denominator: 0, percent: null, target_percent: null, details: [] },
    {
      code: 'overdue_work', label: '逾期事项', kind: 'count', numerator: 7, denominator: 0, percent: null, target_percent: null,
      details: [{ code: 'visit', label: '逾期未回访', value: 1 }, { code: 'execution', label: '处分决定执行逾期', value: 5 }],
    },
  ],
};

describe('indicatorCards', () => {
  it('reads rates, counts, targets and details', () => {
    const cards = indicatorCards(overview);
    expect(cards.map((c) => [c.code, c.percent, c.fraction, c.target])).toEqual([
      ['visit_coverage', 50, '1 / 2', null],
      ['visit_recent', 66.7, '2 / 3', 30],
      ['mentoring_talks', null, '0 / 0', null],
      ['overdue_work', null, '7', null],
    ]);
    expect(cards[3].details).toBe('逾期未回访 1；处分决定执行逾期 5');
  });
  it('accepts nothing', () => {
    expect(indicatorCards(null)).toEqual([]);
    expect(detailText(undefined)).toBe('');
  });
  it('gives the bars of the rates only', () => {
    expect(rateSeries(indicatorCards(overview))).toEqual({
      names: ['回访覆盖率', '近年受处分人员回访率', '教育帮带谈心谈话合规率'],
      values: [50, 66.7, null],
    });
  });
});

describe('ranking', () => {
  const byUnit = {
    indicator: { code: 'visit_coverage', kind: 'rate' },
    order: 'worst_first',
    units: [
      { rank: 1, org: { name: '乙市' }, value: { numerator: 0, denominator: 1, percent: '0.0' } },
      { rank: 2, org: { name: '甲市' }, value: { numerator: 1, denominator: 1, percent: '100.0' } },
      { rank: null, org: { name: '丙市' }, value: { numerator: 0, denominator: 0, percent: null } },
    ],
    own: { numerator: 1, denominator: 2, percent: '50.0' },
  };
  it('keeps the server order, marks the unranked and adds 本级', () => {
    expect(rankingRows(byUnit).map((r) => [r.rank, r.name, r.shown])).toEqual([
      [1, '乙市', '0.0%'],
      [2, '甲市', '100.0%'],
      ['—', '丙市', '无应办事项'],
      ['—', '本级', '50.0%'],
    ]);
    expect(rankingSeries(rankingRows(byUnit))).toEqual({ names: ['乙市', '甲市'], values: [0, 100] });
  });
  it('ranks counts by the count', () => {
    const counts = {
      indicator: { code: 'overdue_work', kind: 'count' },
      units: [{ rank: 1, org: { name: '乙市' }, value: { numerator: 4, denominator: 0, percent: null } }],
      own: { numerator: 0, denominator: 0, percent: null },
    };
    const rows = rankingRows(counts);
    expect(rows.map((r) => [r.rank, r.name, r.shown, r.denominator])).toEqual([[1, '乙市', '4', null]]);
    expect(rankingSeries(rows)).toEqual({ names: ['乙市'], values: [4] });
    expect(rankingRows({})).toEqual([]);
  });
});

describe('indicatorExportUrl', () => {
  it('builds both downloads and drops empty parameters', () => {
    expect(indicatorExportUrl(null, { period: '2025', org: undefined })).toBe('/api/v1/statistics/indicators?period=2025&format=xlsx');
    expect(indicatorExportUrl('overdue_work', { period: '2025', org: 7 })).toBe(
      '/api/v1/statistics/indicators/by-unit?period=2025&org=7&format=xlsx&indicator=overdue_work',
    );
  });
});
