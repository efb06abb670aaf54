import { describe, expect, it } from 'vitest';
import { actionLabel, auditQuery, beijingTime } from './audit.js';

describe('audit log view', () => {
  it('builds the query from the filters, leaving empty ones out', () => {
    expect(auditQuery({ actor: ' anguan ', action: '', range: null, success: '' }, 1, 20)).toEqual({ page: 1, page_size: 20, actor: 'anguan' });
    expect(
      auditQuery({ actor: '', action: 'vetting.', object_type: 'vetting_request', object_id: '3', range: ['2026-11-01', '2026-11-27'], success: 'false' }, 3, 50),
    ).toEqual({ page: 3, page_size: 50, action: 'vetting.', object_type: 'vetting_request', object_id: '3', from: '2026-11-01', to: '2026-11-27', success: 'false' });
  });

  it.each([
    ['2026-11-27T08:00:00Z', '2026-11-27 16:00:00'],
    ['2026-11-27T16:30:05Z', '2026-11-28 00:30:05'],
    ['', ''],
    ['garbage', 'garbage'],
  ])('%s is Beijing time %s', (at, text) => {
    expect(beijingTime(at)).toBe(text);
  });

  it('names known actions and shows unknown codes as they are', () => {
    expect(actionLabel('vetting.issue')).toBe('出具回复函');
    expect(actionLabel('something.new')).toBe('something.new');
  });
});
