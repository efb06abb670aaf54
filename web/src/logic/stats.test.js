import { describe, expect, it } from 'vitest';
import { formCounts, sharePercent, trendSeries, unitSeries } from './stats.js';

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
