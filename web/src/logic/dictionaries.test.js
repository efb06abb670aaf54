import { describe, expect, it } from 'vitest';
import { catalogueTitle, filterLists, filterMeasures, probationText, restrictionText } from './dictionaries.js';

// The shape of GET /api/v1/dictionaries (src/api/dictionary_api.hpp).
const WARNING = {
  code: 'party.warning',
  name: '警告（党纪）',
  family_label: '党纪处分',
  form_label: '第二种形态',
  restrictions: [{ action: 'promote', action_label: '提拔职务、晋升职级或进一步使用', months: 12 }],
  probation_terms: [],
  basis: '《中国共产党纪律处分条例》第十条',
};
const PROBATION = {
  code: 'party.probation',
  name: '留党察看',
  family_label: '党纪处分',
  form_label: '第三种形态',
  restrictions: [],
  probation_terms: [12, 24],
  basis: '《中国共产党纪律处分条例》第四十条',
};
const EXPULSION = {
  code: 'party.expulsion',
  name: '开除党籍',
  form_label: '第四种形态',
  restrictions: [
    { action: 'readmit', action_label: '重新入党', months: 60 },
    { action: 'leadership_post', action_label: '安排领导职务', months: null },
  ],
  basis: '条例第四十一条',
};
const LISTS = [
  { code: 'clue_handlings', title: '问题线索处置方式', kind: 'system', items: [{ code: 'inquiry', label: '谈话函询' }, { code: 'verification', label: '初步核实' }] },
  { code: 'visit_grades', title: '回访评价等次', kind: 'system', items: [{ code: 'good', label: '好' }, { code: 'poor', label: '较差' }] },
];

describe('dictionary texts', () => {
  it.each([
    [WARNING, '提拔职务、晋升职级或进一步使用 12个月'],
    [PROBATION, '无'],
    [EXPULSION, '重新入党 60个月；安排领导职务 无期限'],
    [null, '无'],
  ])('restrictions of %#', (measure, text) => {
    expect(restrictionText(measure)).toBe(text);
  });

  it('lists the probation terms', () => {
    expect(probationText(PROBATION)).toBe('12个月、24个月');
    expect(probationText(WARNING)).toBe('');
  });

  it.each([
    [{ title: '处分处理措施目录', version: 1 }, '处分处理措施目录（第 1 版）'],
    [{ title: '处分处理措施目录', version: null }, '处分处理措施目录（非系统内置版本）'],
    [null, ''],
  ])('title of %j', (header, text) => {
    expect(catalogueTitle(header)).toBe(text);
  });
});

describe('dictionary search', () => {
  it.each([
    ['', ['party.warning', 'party.probation', 'party.expulsion']],
    ['  留党 ', ['party.probation']],
    ['PARTY.W', ['party.warning']],
    ['第十条', ['party.warning']],
    ['第四种', ['party.expulsion']],
    ['没有', []],
  ])('measures matching %j', (keyword, codes) => {
    expect(filterMeasures([WARNING, PROBATION, EXPULSION], keyword).map((m) => m.code)).toEqual(codes);
  });

  it('keeps the matching items of each list and drops empty lists', () => {
    expect(filterLists(LISTS, '函询')).toEqual([{ ...LISTS[0], items: [LISTS[0].items[0]], count: 1 }]);
    expect(filterLists(LISTS, 'poor').map((l) => [l.code, l.count])).toEqual([['visit_grades', 1]]);
  });

  it('keeps a whole list whose title matches, and every list for no keyword', () => {
    expect(filterLists(LISTS, '回访').map((l) => [l.code, l.count])).toEqual([['visit_grades', 2]]);
    expect(filterLists(LISTS, '').map((l) => l.count)).toEqual([2, 2]);
    expect(filterLists(LISTS, '不存在')).toEqual([]);
    expect(filterLists(null, 'x')).toEqual([]);
  });
});
