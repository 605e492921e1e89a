import type { AuthUser, Role } from '@lianxin/auth';
import { peopleAccess } from './people-access.js';

const user = (roles: Role[], departmentCode?: string): AuthUser => ({ sub: 's', username: 'u', roles, areaCode: '330402', departmentCode });

describe('people access by role', () => {
  it.each([
    ['county-admin', undefined, { selfOnly: false, details: true, sensitiveTags: true, reveal: true }],
    ['village-admin', undefined, { selfOnly: false, details: true, sensitiveTags: true, reveal: true }],
    ['grid-worker', undefined, { selfOnly: false, details: true, sensitiveTags: true, reveal: true }],
    ['department-staff', 'PUBLIC_SECURITY', { selfOnly: false, details: true, sensitiveTags: true, reveal: true }],
    ['department-staff', 'CIVIL_AFFAIRS', { selfOnly: false, details: true, sensitiveTags: false, reveal: true }],
    ['department-staff', 'URBAN_MANAGEMENT', { selfOnly: false, details: true, sensitiveTags: false, reveal: false }],
    ['auditor', undefined, { selfOnly: false, details: true, sensitiveTags: true, reveal: false }],
    ['volunteer', undefined, { selfOnly: false, details: false, sensitiveTags: false, reveal: false }],
    ['resident', undefined, { selfOnly: true, details: true, sensitiveTags: false, reveal: false }],
  ] as Array<[Role, string | undefined, object]>)('%s %s', (role, department, expected) => {
    expect(peopleAccess(user([role], department))).toEqual(expected);
  });

  it('does not confine a resident who is also a volunteer to themselves, nor show them more than names', () => {
    expect(peopleAccess(user(['resident', 'volunteer']))).toMatchObject({ selfOnly: false, details: false });
  });
});
