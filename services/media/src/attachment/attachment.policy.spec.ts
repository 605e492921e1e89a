import { Role } from '@lianxin/auth';
import { OwnerType } from '../owner/owner-type.js';
import { mayAttach, mayReadLocation, mayReadOwnerMedia, type Actor, type OwnerFacts } from './attachment.policy.js';

const actor = (roles: Role[], areaCode: string, extra: Partial<Actor> = {}): Actor => ({ sub: `u-${roles[0]}-${areaCode}`, roles, areaCode, ...extra });
const caseIn = (areaCode: string, extra: Partial<OwnerFacts> = {}): OwnerFacts => ({
  ownerType: OwnerType.CASE,
  areaCode,
  departmentCode: null,
  createdBy: null,
  ...extra,
});

describe('attachment policy', () => {
  const grid = '330402001001001';
  const otherGrid = '330402001002001';

  it('area staff and auditors read the media of owners in their area, nothing outside it', () => {
    for (const role of [Role.COUNTY_ADMIN, Role.TOWNSHIP_ADMIN, Role.VILLAGE_ADMIN, Role.GRID_LEADER, Role.GRID_WORKER, Role.AUDITOR]) {
      expect(mayReadOwnerMedia(actor([role], '330402001001001'.slice(0, role === Role.COUNTY_ADMIN || role === Role.AUDITOR ? 6 : 15)), caseIn(grid))).toBe(true);
    }
    expect(mayReadOwnerMedia(actor([Role.GRID_WORKER], otherGrid), caseIn(grid))).toBe(false);
    expect(mayReadOwnerMedia(actor([Role.VILLAGE_ADMIN], '330402001002'), caseIn(grid))).toBe(false);
  });

  it('department staff read the cases of their own department in their county, not others', () => {
    const staff = actor([Role.DEPARTMENT_STAFF], '330402', { departmentCode: 'CIVIL_AFFAIRS' });
    expect(mayReadOwnerMedia(staff, caseIn(grid, { departmentCode: 'CIVIL_AFFAIRS' }))).toBe(true);
    expect(mayReadOwnerMedia(staff, caseIn(grid, { departmentCode: 'PUBLIC_SECURITY' }))).toBe(false);
    expect(mayReadOwnerMedia(staff, caseIn(grid))).toBe(false);
    expect(mayReadOwnerMedia(staff, caseIn('330403001001001', { departmentCode: 'CIVIL_AFFAIRS' }))).toBe(false);
    expect(mayReadOwnerMedia(staff, { ...caseIn(grid, { departmentCode: 'CIVIL_AFFAIRS' }), ownerType: OwnerType.HAZARD })).toBe(false);
  });

  it('residents and volunteers read only what they created', () => {
    const resident = actor([Role.RESIDENT], grid, { sub: 'resident-1' });
    expect(mayReadOwnerMedia(resident, caseIn(grid, { createdBy: 'resident-1' }))).toBe(true);
    expect(mayReadOwnerMedia(resident, caseIn(grid, { createdBy: 'someone-else' }))).toBe(false);
    expect(mayReadOwnerMedia(resident, caseIn(grid))).toBe(false);
    expect(mayReadOwnerMedia(actor([Role.VOLUNTEER], '330402001001'), caseIn(grid))).toBe(false);
  });

  it('auditors read but never attach; residents attach to their own report only', () => {
    expect(mayAttach(actor([Role.AUDITOR], '330402'), caseIn(grid))).toBe(false);
    expect(mayAttach(actor([Role.AUDITOR], '330402', { sub: 'a' }), caseIn(grid, { createdBy: 'a' }))).toBe(false);
    expect(mayAttach(actor([Role.GRID_WORKER], grid), caseIn(grid))).toBe(true);
    expect(mayAttach(actor([Role.GRID_WORKER], otherGrid), caseIn(grid))).toBe(false);
    expect(mayAttach(actor([Role.RESIDENT], grid, { sub: 'r' }), caseIn(otherGrid, { createdBy: 'r' }))).toBe(true);
    expect(mayAttach(actor([Role.RESIDENT], grid, { sub: 'r' }), caseIn(grid, { createdBy: 'x' }))).toBe(false);
  });

  it('a photo\'s location is for staff who may read the owner, never residents or volunteers', () => {
    const resident = actor([Role.RESIDENT], grid, { sub: 'r' });
    expect(mayReadLocation(resident, caseIn(grid, { createdBy: 'r' }), 'r')).toBe(false);
    expect(mayReadLocation(actor([Role.VOLUNTEER], grid, { sub: 'v' }), null, 'v')).toBe(false);
    expect(mayReadLocation(actor([Role.GRID_WORKER], grid), caseIn(grid), 'x')).toBe(true);
    expect(mayReadLocation(actor([Role.GRID_WORKER], otherGrid), caseIn(grid), 'x')).toBe(false);
    expect(mayReadLocation(actor([Role.GRID_WORKER], grid, { sub: 'w' }), null, 'w')).toBe(true);
  });

  it('a token without a numeric area reads nothing', () => {
    expect(mayReadOwnerMedia(actor([Role.COUNTY_ADMIN], ''), caseIn(grid))).toBe(false);
    expect(mayAttach(actor([Role.COUNTY_ADMIN], '33%'), caseIn(grid))).toBe(false);
  });
});
