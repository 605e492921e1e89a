import { Role, type AuthUser } from '@lianxin/auth';
import { mayManageOfficers, mayReadPatrols, mayRecordPatrols, maySeeOfficerPhone } from './police-access.js';

const user = (roles: Role[], departmentCode?: string): AuthUser => ({ sub: 's', username: 'u', roles, areaCode: '330402', departmentCode });

describe('police access rules', () => {
  const policeStaff = user([Role.DEPARTMENT_STAFF], 'PUBLIC_SECURITY');
  const civilStaff = user([Role.DEPARTMENT_STAFF], 'CIVIL_AFFAIRS');
  const countyAdmin = user([Role.COUNTY_ADMIN]);
  const townshipAdmin = user([Role.TOWNSHIP_ADMIN]);
  const gridWorker = user([Role.GRID_WORKER]);
  const resident = user([Role.RESIDENT]);
  const auditor = user([Role.AUDITOR]);

  it('lets public-security staff and county admins manage officers, nobody else', () => {
    expect([policeStaff, countyAdmin].map(mayManageOfficers)).toEqual([true, true]);
    expect([civilStaff, townshipAdmin, gridWorker, resident, auditor].map(mayManageOfficers)).toEqual([false, false, false, false, false]);
  });

  it('lets grid staff record patrols besides the police and county admins', () => {
    expect([policeStaff, countyAdmin, gridWorker, user([Role.GRID_LEADER])].map(mayRecordPatrols)).toEqual([true, true, true, true]);
    expect([civilStaff, townshipAdmin, resident].map(mayRecordPatrols)).toEqual([false, false, false]);
  });

  it('keeps patrol notes from residents, volunteers and other departments', () => {
    expect([policeStaff, countyAdmin, townshipAdmin, gridWorker, auditor].map(mayReadPatrols)).toEqual([true, true, true, true, true]);
    expect([civilStaff, resident, user([Role.VOLUNTEER])].map(mayReadPatrols)).toEqual([false, false, false]);
  });

  it('shows phone numbers in clear to the police and county admins only', () => {
    expect([policeStaff, countyAdmin].map(maySeeOfficerPhone)).toEqual([true, true]);
    expect([civilStaff, townshipAdmin, gridWorker, resident, auditor].map(maySeeOfficerPhone)).toEqual([false, false, false, false, false]);
  });

  it('does not take a department code without the department-staff role', () => {
    expect(mayManageOfficers(user([Role.GRID_WORKER], 'PUBLIC_SECURITY'))).toBe(false);
  });
});
