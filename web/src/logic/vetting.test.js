import { describe, expect, it } from 'vitest';
import {
  answerTagType,
  describeBasis,
  filingBody,
  mergeIdNumbers,
  parseIdList,
  splitIdNumbers,
  validateFiling,
  vettingActions,
} from './vetting.js';

// Valid numbers (GB 11643 check digit) of the demo data.
const A = '369905196303018231';
const B = '36990019910908830X';
const C = '369900199207100157';

describe('pasted ID lists', () => {
  it.each([
    ['', []],
    [`${A}\n${C}`, [A, C]],
    [`${A}\r\n\r\n${C}\n`, [A, C]],
    [`${A}, ${C};${B}`, [A, C, B]],
    [`${A}、${C}，${B}；${A}`, [A, C, B, A]],
    [`\t${B.toLowerCase()}  `, [B]],
  ])('splits %j as the server does', (text, expected) => {
    expect(splitIdNumbers(text)).toEqual(expected);
  });

  it('keeps valid numbers once and reports the others by position', () => {
    const wrongCheck = `${A.slice(0, 17)}0`;
    expect(parseIdList(`${A}\n123\n${wrongCheck}\n${C}\n${A}`)).toEqual({
      numbers: [A, C],
      problems: [
        { line: 2, input: '123', message: '身份证号码应为18位，当前为3个字符，请核对后重新填写' },
        { line: 3, input: wrongCheck, message: '身份证号码校验码不正确（第18位与前17位不符），请核对是否有录入错误' },
        { line: 5, input: A, message: '与第1个号码重复' },
      ],
    });
  });

  it('a lower-case x check character is accepted as X', () => {
    expect(parseIdList(B.toLowerCase())).toEqual({ numbers: [B], problems: [] });
  });

  it('merges without repeats, keeping the order', () => {
    expect(mergeIdNumbers([A, C], [C, B, A])).toEqual([A, C, B]);
  });
});

describe('filing form', () => {
  const form = { purpose: 'promotion', requester: ' 中共江州市委组织部 ', request_ref: '', request_date: '', idNumbers: [A, B] };

  it('builds the request body, leaving out empty optional members', () => {
    expect(filingBody(form)).toEqual({
      purpose: 'promotion',
      requester: '中共江州市委组织部',
      candidates: [{ id_number: A }, { id_number: B }],
    });
    expect(filingBody({ ...form, request_ref: '江组函〔2026〕1号', request_date: '2026-11-20' })).toMatchObject({
      request_ref: '江组函〔2026〕1号',
      request_date: '2026-11-20',
    });
  });

  it('checks purpose, requester and candidates on their fields', () => {
    expect(validateFiling(form)).toEqual({});
    expect(validateFiling({ purpose: 'reward', requester: ' ', idNumbers: [] })).toEqual({
      purpose: '请选择征求意见的事由',
      requester: '请填写来函单位',
      candidates: '请至少添加一名人选（逐个录入、粘贴号码或上传名单）',
    });
  });
});

describe('a request on screen', () => {
  it.each([
    ['no_issue', 'success'],
    ['period_over', 'success'],
    ['period_running', 'warning'],
    ['pending_matter', 'warning'],
    ['unsuitable', 'danger'],
    [null, 'info'],
  ])('answer %s is tagged %s', (answer, type) => {
    expect(answerTagType(answer)).toBe(type);
  });

  it('describes the engine basis: restrictions, holds, records', () => {
    const basis = {
      as_of: '2026-11-28',
      actions: [
        {
          action: 'promote',
          verdict: 'blocked',
          summary: '提拔职务、晋升职级或进一步使用：受处分影响期限制，解除日期尚未确定',
          restrictions: [
            { measure_name: '留党察看', decision_number: '青纪处〔2025〕1号', from: '2025-06-16', to: null, basis: '《中国共产党纪律处分条例》第十二条' },
          ],
          holds: [{ label: '问题线索核查中', from: '2026-01-01', to: null }],
        },
      ],
      records: [{ decision_number: '江纪发〔2020〕3号', decision_date: '2020-03-01', measures: ['party.warning'] }],
    };
    expect(describeBasis(basis)).toEqual({
      asOf: '2026-11-28',
      actions: [
        {
          action: '提拔职务、晋升职级或进一步使用',
          verdict: 'blocked',
          summary: '提拔职务、晋升职级或进一步使用：受处分影响期限制，解除日期尚未确定',
          restrictions: ['留党察看（青纪处〔2025〕1号），2025-06-16 至 解除日期未定；依据：《中国共产党纪律处分条例》第十二条'],
          holds: ['问题线索核查中，自 2026-01-01'],
        },
      ],
      records: [{ text: '江纪发〔2020〕3号（2020-03-01）', measures: ['party.warning'] }],
    });
    expect(describeBasis(null)).toEqual({ asOf: '', actions: [], records: [] });
  });

  const perms = (...p) => new Set(p);
  const open = (candidates) => ({ state: 'open', candidates });

  it.each([
    ['case manager, not drafted', open([{ drafted: null, answer: null }]), perms('answer_vetting'), { draft: true, confirm: false, approve: false, issue: false, letter: false }],
    ['case manager, drafted', open([{ drafted: 'no_issue', answer: null }]), perms('answer_vetting'), { draft: true, confirm: true, approve: false, issue: false, letter: false }],
    ['leader, one unconfirmed', open([{ drafted: 'no_issue', answer: 'no_issue' }, { drafted: 'no_issue', answer: null }]), perms('approve_vetting'), { draft: false, confirm: false, approve: false, issue: false, letter: false }],
    ['leader, all confirmed', open([{ drafted: 'no_issue', answer: 'no_issue' }]), perms('approve_vetting'), { draft: false, confirm: false, approve: true, issue: false, letter: false }],
    ['case manager, approved', { state: 'approved', candidates: [{ answer: 'no_issue' }] }, perms('answer_vetting'), { draft: false, confirm: false, approve: false, issue: true, letter: false }],
    ['organisation department, issued', { state: 'issued', candidates: [{ answer: 'no_issue' }] }, perms('file_vetting_requests'), { draft: false, confirm: false, approve: false, issue: false, letter: true }],
  ])('%s', (_name, request, p, expected) => {
    expect(vettingActions(request, p)).toEqual(expected);
  });
});
