import { describe, expect, it } from 'vitest';
import { MENU, can, filterMenu, homePath } from './permissions.js';

const account = (...codes) => ({ roles: codes.map((code) => ({ code, label: code })) });
const paths = (menu) => menu.flatMap((m) => (m.children ? [m.path, ...paths(m.children)] : [m.path]));

describe('menu by role', () => {
  it.each([
    [
      'case_manager',
      [
        '/dashboard', '/persons', '/cases/new', '/aftercare', '/vetting', '/reuse', '/oversight', '/oversight/clues',
        '/oversight/interviews', '/oversight/clearances', '/oversight/fault-tolerance', '/statistics',
      ],
    ],
    [
      'leader',
      [
        '/dashboard', '/persons', '/aftercare', '/vetting', '/reuse', '/oversight', '/oversight/clues', '/oversight/interviews',
        '/oversight/clearances', '/oversight/fault-tolerance', '/statistics',
      ],
    ],
    ['visitor', ['/dashboard', '/persons', '/aftercare']],
    ['mentor', ['/dashboard', '/persons', '/aftercare']],
    ['unit_committee', ['/dashboard', '/persons', '/aftercare', '/reuse', '/oversight', '/oversight/interviews']],
    ['org_department', ['/dashboard', '/persons', '/vetting', '/reuse']],
    ['sysadmin', ['/dashboard', '/system', '/system/accounts', '/system/aftercare-policy', '/system/holidays', '/system/dictionaries']],
    ['security_admin', ['/dashboard', '/system', '/system/accounts', '/system/reuse-policy', '/system/dictionaries']],
    ['auditor', ['/dashboard', '/audit']],
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

  it.each([
    ['org_department', ['file_vetting_requests'], ['answer_vetting', 'approve_vetting', 'read_case_facts']],
    ['case_manager', ['answer_vetting'], ['file_vetting_requests', 'approve_vetting']],
    ['leader', ['approve_vetting'], ['answer_vetting', 'file_vetting_requests']],
    ['auditor', ['read_audit_log'], ['answer_vetting', 'read_case_facts', 'manage_aftercare_data']],
    ['sysadmin', ['manage_aftercare_data'], ['read_audit_log', 'answer_vetting']],
  ])('%s vetting, audit and settings permissions as app/actor.cpp', (role, yes, no) => {
    for (const p of yes) expect(can({ roles: [role] }, p), p).toBe(true);
    for (const p of no) expect(can({ roles: [role] }, p), p).toBe(false);
  });

  it.each([
    ['org_department', ['run_reuse', 'read_reuse'], ['give_reuse_opinion', 'approve_reuse', 'read_oversight', 'read_interviews']],
    ['case_manager', ['read_reuse', 'give_reuse_opinion', 'read_oversight', 'write_oversight', 'read_interviews', 'write_interviews'], ['run_reuse', 'approve_reuse']],
    ['leader', ['read_reuse', 'approve_reuse', 'read_oversight', 'read_interviews'], ['run_reuse', 'write_oversight', 'write_interviews']],
    ['unit_committee', ['read_reuse', 'read_interviews', 'write_interviews'], ['read_oversight', 'run_reuse']],
    ['security_admin', ['manage_reuse_policy'], ['read_reuse', 'read_oversight', 'read_interviews']],
    ['visitor', [], ['read_reuse', 'read_oversight', 'read_interviews']],
    ['mentor', [], ['read_reuse', 'read_oversight', 'read_interviews']],
    ['sysadmin', [], ['read_reuse', 'manage_reuse_policy', 'read_interviews']],
    ['auditor', [], ['read_reuse', 'read_oversight', 'read_interviews']],
  ])('%s re-use and oversight permissions as app/actor.cpp', (role, yes, no) => {
    for (const p of yes) expect(can({ roles: [role] }, p), p).toBe(true);
    for (const p of no) expect(can({ roles: [role] }, p), p).toBe(false);
  });
});
