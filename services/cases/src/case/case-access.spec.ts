import type { AuthUser } from '@lianxin/auth';
import { mayAct, mayRead, mayReportIn, reportableSources, visibleCasesWhere, type CaseAccessFacts } from './case-access.js';
import { CaseAction, CaseSource, HandlingLevel } from './case-enums.js';

const user = (username: string, roles: string[], areaCode: string, departmentCode?: string): AuthUser =>
  ({ sub: `sub-${username}`, username, roles, areaCode, departmentCode }) as AuthUser;

const countyAdmin = user('county.admin', ['county-admin'], '330402');
const auditor = user('county.auditor', ['auditor'], '330402');
const townshipAdmin = user('jianshe.admin', ['township-admin'], '330402001');
const otherTownshipAdmin = user('xinjia.admin', ['township-admin'], '330402002');
const villageAdmin = user('village.admin', ['village-admin'], '330402001001');
const gridWorker = user('grid.worker', ['grid-worker'], '330402001001001');
const otherGridWorker = user('grid.worker2', ['grid-worker'], '330402001002001');
const civilStaff = user('civil.staff', ['department-staff'], '330402', 'CIVIL_AFFAIRS');
const policeStaff = user('police.staff', ['department-staff'], '330402', 'PUBLIC_SECURITY');
const resident = user('resident.demo', ['resident'], '330402001001001');
const otherResident = user('someone', ['resident'], '330402001001001');
const volunteer = user('volunteer.demo', ['volunteer'], '330402001001');

const atLevel = (level: HandlingLevel, extra: Partial<CaseAccessFacts> = {}): CaseAccessFacts => ({
  gridCode: '330402001001001',
  level,
  assigneeDepartmentCode: null,
  reporterUserId: resident.sub,
  ...extra,
});

describe('case access', () => {
  it('lets grid staff act only on grid-level cases of their own grid', () => {
    expect(mayAct(gridWorker, atLevel(HandlingLevel.GRID), CaseAction.VERIFY)).toBe(true);
    expect(mayAct(otherGridWorker, atLevel(HandlingLevel.GRID), CaseAction.VERIFY)).toBe(false);
    expect(mayAct(gridWorker, atLevel(HandlingLevel.VILLAGE), CaseAction.PLACE_ORDER)).toBe(false);
    // … but they feed the result back wherever it was resolved.
    expect(mayAct(gridWorker, atLevel(HandlingLevel.DEPARTMENT), CaseAction.FEED_BACK)).toBe(true);
    expect(mayAct(otherGridWorker, atLevel(HandlingLevel.DEPARTMENT), CaseAction.FEED_BACK)).toBe(false);
  });

  it('lets area admins act at their level and below, inside their area only', () => {
    expect(mayAct(villageAdmin, atLevel(HandlingLevel.VILLAGE), CaseAction.PLACE_ORDER)).toBe(true);
    expect(mayAct(villageAdmin, atLevel(HandlingLevel.TOWNSHIP), CaseAction.DISPATCH)).toBe(false);
    expect(mayAct(townshipAdmin, atLevel(HandlingLevel.TOWNSHIP), CaseAction.DISPATCH)).toBe(true);
    expect(mayAct(otherTownshipAdmin, atLevel(HandlingLevel.TOWNSHIP), CaseAction.DISPATCH)).toBe(false);
    expect(mayAct(townshipAdmin, atLevel(HandlingLevel.COUNTY), CaseAction.RESOLVE)).toBe(false);
    expect(mayAct(countyAdmin, atLevel(HandlingLevel.DEPARTMENT, { assigneeDepartmentCode: 'HEALTH' }), CaseAction.RESOLVE)).toBe(true);
    expect(mayAct(countyAdmin, atLevel(HandlingLevel.GRID, { gridCode: '330411001001001' }), CaseAction.VERIFY)).toBe(false);
  });

  it('lets department staff act only on cases dispatched to their department', () => {
    const dispatched = atLevel(HandlingLevel.DEPARTMENT, { assigneeDepartmentCode: 'CIVIL_AFFAIRS' });
    expect(mayAct(civilStaff, dispatched, CaseAction.ACCEPT)).toBe(true);
    expect(mayAct(policeStaff, dispatched, CaseAction.ACCEPT)).toBe(false);
    expect(mayRead(policeStaff, dispatched)).toBe(false);
    // … and the cases they entered themselves (e.g. hotline work orders).
    expect(mayRead(policeStaff, { ...dispatched, reportedByUserId: policeStaff.sub })).toBe(true);
    expect(mayAct(policeStaff, { ...dispatched, reportedByUserId: policeStaff.sub }, CaseAction.ACCEPT)).toBe(false);
    expect(mayAct(civilStaff, atLevel(HandlingLevel.TOWNSHIP, { assigneeDepartmentCode: 'CIVIL_AFFAIRS' }), CaseAction.DISPATCH)).toBe(false);
  });

  it('lets residents read and rate only their own cases, and auditors and volunteers act on nothing', () => {
    const facts = atLevel(HandlingLevel.GRID);
    expect(mayRead(resident, facts)).toBe(true);
    expect(mayAct(resident, facts, CaseAction.RATE)).toBe(true);
    expect(mayAct(resident, facts, CaseAction.VERIFY)).toBe(false);
    expect(mayRead(otherResident, facts)).toBe(false);
    expect(mayAct(otherResident, facts, CaseAction.RATE)).toBe(false);
    expect(mayAct(otherResident, { ...facts, coReporterUserIds: [otherResident.sub] }, CaseAction.RATE)).toBe(true);
    expect(mayRead(auditor, facts)).toBe(true);
    for (const action of Object.values(CaseAction)) expect(mayAct(auditor, facts, action)).toBe(false);
    expect(mayRead(volunteer, facts)).toBe(false);
  });

  it('decides who reports where and from which source', () => {
    expect(reportableSources(resident)).toEqual([CaseSource.RESIDENT]);
    expect(reportableSources(civilStaff)).toEqual([CaseSource.DEPARTMENT]);
    expect(reportableSources(gridWorker).sort()).toEqual([CaseSource.GRID_PATROL, CaseSource.RESIDENT]);
    expect(reportableSources(volunteer)).toEqual([]);
    expect(mayReportIn(gridWorker, '330402001001001')).toBe(true);
    expect(mayReportIn(gridWorker, '330402001001002')).toBe(false);
    expect(mayReportIn(resident, '330402003003001')).toBe(true);
    expect(mayReportIn(resident, '330411001001001')).toBe(false);
    expect(mayReportIn(townshipAdmin, '330402002001001')).toBe(false);
  });

  it('turns the read rule into a query filter from the token only', () => {
    expect(visibleCasesWhere(townshipAdmin)).toEqual({ gridCode: { $like: '330402001%' } });
    expect(visibleCasesWhere(civilStaff)).toEqual({
      $or: [
        { assigneeDepartmentCode: 'CIVIL_AFFAIRS', gridCode: { $like: '330402%' } },
        { reportedByUserId: civilStaff.sub, gridCode: { $like: '330402%' } },
      ],
    });
    expect(visibleCasesWhere(resident)).toEqual({ $or: [{ reporterUserId: resident.sub }, { coReporterUserIds: { $contains: [resident.sub] } }] });
    expect(visibleCasesWhere(volunteer)).toBeNull();
  });
});
