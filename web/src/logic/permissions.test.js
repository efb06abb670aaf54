import { describe, expect, it } from 'vitest';
import { MENU, can, filterMenu, homePath } from './permissions.js';

const account = (...codes) => ({ roles: codes.map((code) => ({ code, label: code })) });
const paths = (menu) => menu.flatMap((m) => (m.children ? [m.path, ...paths(m.children)] : [m.path]));

describe('menu by role', () => {
  it.each([
    ['case_manager', ['/dashboard', '/persons', '/cases/new', '/aftercare', '/statistics']],
    ['leader', ['/dashboard', '/persons', '/aftercare', '/statistics']],
    ['visitor', ['/dashboard', '/persons', '/aftercare']],
    ['mentor', ['/dashboard', '/persons', '/aftercare']],
    ['org_department', ['/dashboard', '/persons']],
    ['sysadmin', ['/dashboard', '/system', '/system/accounts']],
    ['security_admin', ['/dashboard', '/system', '/system/accounts']],
    ['auditor', ['/dashboard']],
  ])('%s sees %j', (role, expected) => {
    expect(paths(filterMenu(MENU, account(role)))).toEqual(expected);
  });

  it('an account without roles sees only the workbench', () => {
    expect(paths(filterMenu(MENU, { roles: [] }))).toEqual(['/dashboard']);
    expect(homePath({ roles: [] })).toBe('/dashboard');
  });

  it('accepts plain role codes and combines roles', () => {
    expect(can({ roles: ['visitor'] }, 'read_case_facts')).toBe(true);
    expect(can({ roles: ['visitor'] }, 'write_cases')).toBe(false);
    expect(can({ roles: ['visitor', 'case_manager'] }, 'write_cases')).toBe(true);
  });

  it.each([
    ['case_manager', ['write_visits', 'confirm_execution', 'assign_mentors', 'open_escalations'], ['write_mentoring', 'resolve_escalations']],
    ['visitor', ['write_visits', 'open_escalations'], ['confirm_execution', 'assign_mentors']],
    ['unit_committee', ['confirm_execution', 'write_mentoring', 'resolve_escalations'], ['write_visits', 'plan_visits']],
    ['mentor', ['write_mentoring', 'open_escalations'], ['assign_mentors', 'write_visits']],
    ['leader', ['read_aftercare'], ['write_visits', 'open_escalations']],
    ['org_department', [], ['read_aftercare']],
  ])('%s aftercare permissions as app/actor.cpp', (role, yes, no) => {
    for (const p of yes) expect(can({ roles: [role] }, p), p).toBe(true);
    for (const p of no) expect(can({ roles: [role] }, p), p).toBe(false);
  });
});
