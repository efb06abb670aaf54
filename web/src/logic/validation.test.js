import { describe, expect, it } from 'vitest';
import {
  caseBody,
  checkIdNumber,
  checkPassword,
  isValidDate,
  previewBody,
  previewReady,
  serverErrorsToProps,
  toFormProp,
  validateCase,
} from './validation.js';

// The shape of GET /api/v1/catalogue (codec CatalogueSummaryToJson).
const catalogue = {
  measures: [
    { code: 'party.warning', name: '警告（党纪）', form: 2 },
    {
      code: 'party.probation',
      name: '留党察看',
      form: 3,
      effect: 'probation',
      probation_terms: [12, 24],
    },
    { code: 'org.suspension', name: '停职检查', form: 2, effect: 'hold_while_in_force' },
    { code: 'gov.demerit', name: '记过', form: 2, stated_period: true },
  ],
};

function validForm() {
  return {
    person_id: 7,
    organ_id: 2,
    decision_number: ' 某纪发〔2026〕1号 ',
    decision_date: '2026-03-01',
    discipline: 'integrity',
    source: 'petition',
    measures: [{ kind: 'party.warning', effective: '2026-03-02' }],
  };
}

describe('isValidDate', () => {
  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2026-13-01', false],
    ['2026-04-31', false],
    ['2026-4-1', false],
    ['', false],
  ])('%s → %s', (text, ok) => expect(isValidDate(text)).toBe(ok));
});

describe('checkIdNumber', () => {
  it.each([
    ['11010519491231002X', ''],
    ['110105194912310021', '身份证号码校验码不正确（第18位与前17位不符），请核对是否有录入错误'],
    ['1101051949123100', '身份证号码应为18位，当前为16个字符，请核对后重新填写'],
    ['1101A519491231002X', '身份证号码前17位只能是数字，第5位不是数字，请核对'],
    ['11010519491231002x', '身份证号码第18位（校验码）只能是数字或大写字母X，请核对'],
    ['110105194902300020', '身份证号码第7至14位的出生日期“19490230”不是有效日期，请核对'],
    ['', '请填写身份证号码'],
  ])('%s', (text, message) => expect(checkIdNumber(text)).toBe(message));
});

describe('validateCase', () => {
  it('accepts a complete case', () => {
    expect(validateCase(validForm(), catalogue)).toEqual({});
  });

  it('names every missing header field', () => {
    expect(validateCase({ measures: [] }, catalogue)).toEqual({
      person_id: '请选择受处分（处理）人员',
      organ_id: '请选择作出决定的机关',
      decision_number: '请填写处理决定的文号（如 某纪发〔2026〕1号）',
      decision_date: '请选择决定日期',
      discipline: '请选择违反的纪律类别',
      source: '请选择问题线索来源',
      measures: '一个案件至少须包含一项处分处理措施',
    });
  });

  it.each([
    [{ kind: '', effective: '2026-03-02' }, 'measures[0].kind', '请选择处分处理措施'],
    [{ kind: 'x.y', effective: '2026-03-02' }, 'measures[0].kind', '未知的处分处理措施“x.y”，请从措施目录中选择'],
    [{ kind: 'party.warning', effective: '' }, 'measures[0].effective', '请选择生效日期'],
    [{ kind: 'party.probation', effective: '2026-03-02' }, 'measures[0].term_months', '留党察看须填写察看期限：12 或 24 个月'],
    [{ kind: 'party.probation', effective: '2026-03-02', term_months: 18 }, 'measures[0].term_months', '留党察看期限只能是一年或二年（12 或 24 个月）'],
    [{ kind: 'org.suspension', effective: '2026-03-02', ended: '2026-03-02' }, 'measures[0].ended', '停职检查的解除日期须晚于生效日期'],
    [{ kind: 'gov.demerit', effective: '2026-03-02', period_months: 60 }, 'measures[0].period_months', '决定载明的处分期应为 1 至 48 之间的整数（月）'],
  ])('measure %o → %s', (measure, field, message) => {
    const form = { ...validForm(), measures: [measure] };
    expect(validateCase(form, catalogue)).toEqual({ [field]: message });
  });
});

describe('caseBody', () => {
  it('sends only the members each kind takes, trimmed and typed', () => {
    const form = {
      ...validForm(),
      person_id: '7',
      measures: [
        { kind: 'party.probation', effective: '2026-03-02', term_months: '12', extended_on: '', ended: '2026-05-01' },
        { kind: 'gov.demerit', effective: '2026-03-02', period_months: '', term_months: 12 },
        { kind: 'org.suspension', effective: '2026-03-02', ended: '2026-04-01' },
      ],
    };
    expect(caseBody(form, catalogue)).toEqual({
      person_id: 7,
      organ_id: 2,
      decision_number: '某纪发〔2026〕1号',
      decision_date: '2026-03-01',
      discipline: 'integrity',
      source: 'petition',
      measures: [
        { kind: 'party.probation', effective: '2026-03-02', term_months: 12 },
        { kind: 'gov.demerit', effective: '2026-03-02' },
        { kind: 'org.suspension', effective: '2026-03-02', ended: '2026-04-01' },
      ],
    });
  });
});

describe('previewReady', () => {
  it.each([
    [validForm(), true],
    [{ ...validForm(), person_id: null }, false],
    [{ ...validForm(), measures: [] }, false],
    [{ ...validForm(), measures: [{ kind: 'party.warning', effective: '2026-02-30' }] }, false],
  ])('%#', (form, ready) => expect(previewReady(form)).toBe(ready));
});

describe('server errors on form fields', () => {
  it('maps bracketed paths to form props', () => {
    expect(toFormProp('measures[12].outcome.date')).toBe('measures.12.outcome.date');
    expect(toFormProp('decision_number')).toBe('decision_number');
  });

  it('keeps the first message per field and collects unknown fields under ""', () => {
    const known = new Set(['decision_number', 'measures.0.term_months']);
    const errors = [
      { field: 'measures[0].term_months', message: 'A' },
      { field: 'measures[0].term_months', message: 'B' },
      { field: 'decision_number', message: 'C' },
      { field: 'organ_id', message: 'D' },
      { field: '', message: 'E' },
    ];
    expect(serverErrorsToProps(errors, known)).toEqual({
      'measures.0.term_months': 'A',
      decision_number: 'C',
      '': 'D；E',
    });
  });
});

describe('checkPassword', () => {
  it.each([
    ['', 'zhang', '请填写密码'],
    ['Ab1!', 'zhang', '密码长度至少为 10 个字符'],
    ['abcdefghij1', 'zhang', '密码须至少包含小写字母、大写字母、数字、其他符号中的三类'],
    ['Zhang-2026-x', 'zhang', '密码不能包含用户名'],
    ['Kangfu-2026-x', 'zhang', ''],
  ])('%s', (password, user, message) => expect(checkPassword(password, user)).toBe(message));
});

describe('previewBody', () => {
  it('fills the header stand-ins the preview does not depend on', () => {
    const form = {
      person_id: 7,
      measures: [
        { kind: 'party.warning', effective: '2026-03-05' },
        { kind: 'gov.demerit', effective: '2026-03-02' },
      ],
    };
    expect(previewBody(form, catalogue, 1, '2026-11-27')).toEqual({
      person_id: 7,
      organ_id: 1,
      decision_number: '（预览）',
      decision_date: '2026-03-02',
      discipline: 'political',
      source: 'other',
      measures: [
        { kind: 'party.warning', effective: '2026-03-05' },
        { kind: 'gov.demerit', effective: '2026-03-02' },
      ],
    });
  });

  it('keeps what the user has typed', () => {
    const body = previewBody(validForm(), catalogue, 1, '2026-11-27');
    expect(body).toMatchObject({ organ_id: 2, decision_number: '某纪发〔2026〕1号', decision_date: '2026-03-01', discipline: 'integrity', source: 'petition' });
  });
});
