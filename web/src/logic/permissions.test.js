import { describe, expect, it } from 'vitest';
import { MENU, can, filterMenu, homePath } from './permissions.js';

const account = (...codes) => ({ roles: codes.map((code) => ({ code, label: code })) });
const paths = (menu) => menu.flatMap((m) => (m.children ? [m.path, ...paths(m.children)] : [m.path]));

describe('menu by role', () => {
  it.each([
    ['case_manager', ['/dashboard', '/persons', '/cases/new', '/statistics']],
    ['leader', ['/dashboard', '/persons', '/statistics']],
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
});
