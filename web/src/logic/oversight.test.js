import { describe, expect, it } from 'vitest';
import { clearanceBody, clueBody, handlingHint, validateClearance, validateClue, validateInterview } from './oversight.js';

const today = '2026-11-28';
const clue = (change) => ({ person_id: 1, organ_id: 2, source: 'petition', summary: '反映问题', received: '2026-11-02', handling: '', handling_date: null, replied_on: null, concluded_on: null, conclusion: '', ...change });

describe('clue form', () => {
  it.each([
    [{}, {}],
    [{ person_id: null, summary: ' ', received: '2026-11-29' }, { person_id: '请选择人员', summary: '请填写线索摘要', received: '受理日期不能晚于今天' }],
    [{ handling: 'verification' }, { handling_date: '请填写处置决定日期' }],
    [{ handling_date: '2026-11-03' }, { handling: '填写了处置决定日期，请选择处置方式' }],
    [{ handling: 'inquiry', handling_date: '2026-11-01' }, { handling_date: '处置决定日期不能早于受理日期' }],
    [{ handling: 'inquiry', handling_date: '2026-11-05', replied_on: '2026-11-04' }, { replied_on: '回复日期不能早于受理日期和处置决定日期' }],
    [{ handling: 'shelved', handling_date: '2026-11-05', replied_on: '2026-11-06' }, { replied_on: '只有谈话函询才填写回复日期' }],
    [{ handling: 'closed', handling_date: '2026-11-05' }, { conclusion: '予以了结须填写办理结论' }],
    [{ concluded_on: '2026-11-20' }, { conclusion: '办结时请填写办理结论' }],
  ])('%j → %j', (change, expected) => {
    expect(validateClue(clue(change), today)).toEqual(expected);
  });

  it('sends the person only when registering and the version only when changing', () => {
    expect(clueBody(clue({ handling: 'verification', handling_date: '2026-11-05', replied_on: '2026-11-06' }))).toEqual({
      person_id: 1, organ_id: 2, source: 'petition', summary: '反映问题', received: '2026-11-02', handling: 'verification',
      handling_date: '2026-11-05', replied_on: null, concluded_on: null, conclusion: '',
    });
    const body = clueBody(clue({ id: 9, version: 3 }));
    expect(body.version).toBe(3);
    expect('person_id' in body).toBe(false);
  });

  it('explains what each handling method does to the person', () => {
    expect(handlingHint('verification')).toMatch(/暂缓/);
    expect(handlingHint('inquiry')).toMatch(/第15个工作日/);
    expect(handlingHint('')).toBe('');
  });
});

describe('interview and clearance forms', () => {
  it('an interview needs an interviewer, a person, topics; a principal leader needs the organisation led', () => {
    const form = { organ_id: 1, kind: 'reminder', date: today, interviewers: [{ name: ' ', post: '' }], persons: [], topics: '' };
    expect(validateInterview(form, today)).toEqual({ interviewers: '请至少填写一名谈话人', persons: '请选择谈话对象', topics: '请填写谈话内容' });
    form.interviewers[0].name = '王五';
    form.persons = [{ person_id: 3, principal_leader: true, led_org_id: null }];
    form.topics = '提醒';
    expect(validateInterview(form, today)).toEqual({ persons: '“一把手”须选择其主持工作的组织' });
  });

  it('a clearance lists each allegation; referral only for a false accusation; written always', () => {
    const form = { person_id: 1, organ_id: 2, allegations: ['收受礼金', ''], conclusion: 'untrue', trigger: 'self_application', approver: '市纪委', methods: ['meeting'], audience: '本单位', date: today, referred: true };
    expect(validateClearance(form, today)).toEqual({ allegations: '请逐项列明予以澄清的具体问题，每项不能为空', referred: '只有诬告才填写“已移交查处”' });
    form.allegations = ['收受礼金'];
    form.referred = false;
    expect(validateClearance(form, today)).toEqual({});
    expect(clearanceBody(form).methods).toEqual(['written', 'meeting']);
  });
});
