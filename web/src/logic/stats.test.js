import { describe, expect, it } from 'vitest';
import { formCounts, serverShares, sharePercent, trendSeries, unitSeries } from './stats.js';

describe('formCounts', () => {
  it.each([
    [{ items: [{ form: 1, count: 5 }, { form: 3, count: 2 }, { form: 9, count: 1 }] }, [5, 0, 2, 0]],
    [[{ form: 2, cases: 4 }], [0, 4, 0, 0]],
    [{ forms: { 1: 3, 2: 2, 3: 1, 4: 0 } }, [3, 2, 1, 0]],
    [{ forms: [7, 6, 5, 4] }, [7, 6, 5, 4]],
    [{ form1: 1, form2: 2, form3: 3, form4: 4 }, [1, 2, 3, 4]],
    [null, [0, 0, 0, 0]],
  ])('%#', (data, expected) => expect(formCounts(data)).toEqual(expected));
});

describe('sharePercent', () => {
  it('rounds to one decimal and handles zero', () => {
    expect(sharePercent([1, 1, 1, 0])).toEqual([33.3, 33.3, 33.3, 0]);
    expect(sharePercent([0, 0, 0, 0])).toEqual([0, 0, 0, 0]);
  });
});

describe('series', () => {
  it('per unit', () => {
    const data = { items: [{ unit_name: '甲局', forms: { 1: 2, 2: 1 } }, { name: '乙局', count: 4 }] };
    expect(unitSeries(data)).toEqual({ names: ['甲局', '乙局'], series: [[2, 4], [1, 0], [0, 0], [0, 0]] });
  });
  it('per month', () => {
    const data = { items: [{ month: '2026-01', forms: [1, 0, 0, 0] }, { month: '2026-02', forms: [0, 2, 1, 0] }] };
    expect(trendSeries(data)).toEqual({ months: ['2026-01', '2026-02'], series: [[1, 0], [0, 2], [0, 1], [0, 0]] });
  });
});

// The shapes of src/api/stats_api.hpp.
const share = (percent) => ({ numerator: 0, denominator: 0, percent });
const figures = (counts) => ({
  total: counts.reduce((a, b) => a + b, 0),
  unclassified: 0,
  forms: counts.map((count, i) => ({ form: i + 1, label: '', count, share: share(String(count)) })),
});

describe('the statistics API shapes', () => {
  it('forms and the server shares', () => {
    const data = { org: { id: 2, name: '江州市' }, period: { label: '2026年' }, figures: figures([236, 114, 26, 24]) };
    expect(formCounts(data)).toEqual([236, 114, 26, 24]);
    expect(serverShares({ figures: { forms: [{ form: 1, share: share('59.0') }, { form: 2, share: share('28.5') }] } })).toEqual([59, 28.5, 0, 0]);
    expect(serverShares({ items: [] })).toBeNull();
  });

  it('by unit, with the organisation itself as 本级 when it has cases', () => {
    const data = {
      units: [
        { rank: 1, org: { id: 7, name: '甲局' }, figures: figures([3, 1, 0, 0]) },
        { rank: 2, org: { id: 8, name: '乙局' }, figures: figures([1, 0, 0, 1]) },
      ],
      own: figures([0, 2, 0, 0]),
      total: figures([4, 3, 0, 1]),
    };
    expect(unitSeries(data)).toEqual({ names: ['甲局', '乙局', '本级'], series: [[3, 1, 0], [1, 0, 2], [0, 0, 0], [0, 1, 0]] });
    expect(unitSeries({ ...data, own: figures([0, 0, 0, 0]) }).names).toEqual(['甲局', '乙局']);
  });

  it('trend', () => {
    const data = { months: [{ month: '2026-01', figures: figures([1, 0, 0, 0]) }, { month: '2026-02', figures: figures([0, 2, 1, 0]) }] };
    expect(trendSeries(data)).toEqual({ months: ['2026-01', '2026-02'], series: [[1, 0], [0, 2], [0, 1], [0, 0]] });
  });
});
