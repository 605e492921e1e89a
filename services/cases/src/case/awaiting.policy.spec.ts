import type { AuthUser } from '@lianxin/auth';
import { actionsFor, type AwaitingFacts, awaitingRules, isAwaiting, ruleMatches } from './awaiting.policy.js';
import { CaseAction, CaseStatus, HandlingLevel } from './case-enums.js';

const user = (username: string, roles: string[], areaCode: string, departmentCode?: string): AuthUser =>
  ({ sub: `sub-${username}`, username, roles, areaCode, departmentCode }) as AuthUser;

const GRID = '330402001001001';
const users = [
  user('county.admin', ['county-admin'], '330402'),
  user('county.auditor', ['auditor'], '330402'),
  user('jianshe.admin', ['township-admin'], '330402001'),
  user('xinjia.admin', ['township-admin'], '330402002'),
  user('village.admin', ['village-admin'], '330402001001'),
  user('grid.leader', ['grid-leader', 'grid-worker'], GRID),
  user('grid.worker', ['grid-worker'], GRID),
  user('grid.worker2', ['grid-worker'], '330402001002001'),
  user('civil.staff', ['department-staff'], '330402', 'CIVIL_AFFAIRS'),
  user('police.staff', ['department-staff'], '330402', 'PUBLIC_SECURITY'),
  user('resident.demo', ['resident'], GRID),
  user('volunteer.demo', ['volunteer'], '330402001001'),
];
const [countyAdmin, , townshipAdmin, , villageAdmin, , gridWorker, , civilStaff, , resident] = users;

const facts = (status: CaseStatus, level: HandlingLevel, extra: Partial<AwaitingFacts> = {}): AwaitingFacts => ({
  status,
  level,
  gridCode: GRID,
  assigneeDepartmentCode: null,
  assigneeUserId: null,
  reporterUserId: null,
  coReporterUserIds: [],
  ...extra,
});

describe('Viewer.awaitingMyAction: whose move a case is', () => {
  it('waits for the holder of the level, not for admins above who could also act', () => {
    expect(isAwaiting(gridWorker, facts(CaseStatus.REPORTED, HandlingLevel.GRID))).toBe(true);
    expect(isAwaiting(villageAdmin, facts(CaseStatus.REPORTED, HandlingLevel.GRID))).toBe(false);
    expect(isAwaiting(countyAdmin, facts(CaseStatus.REPORTED, HandlingLevel.GRID))).toBe(false);
    expect(isAwaiting(villageAdmin, facts(CaseStatus.ESCALATED, HandlingLevel.VILLAGE))).toBe(true);
    expect(isAwaiting(townshipAdmin, facts(CaseStatus.ESCALATED, HandlingLevel.TOWNSHIP))).toBe(true);
    expect(isAwaiting(countyAdmin, facts(CaseStatus.ESCALATED, HandlingLevel.COUNTY))).toBe(true);
  });

  it('waits for the assignee alone once someone at the level took the case', () => {
    const verified = facts(CaseStatus.VERIFIED, HandlingLevel.GRID, { assigneeUserId: 'sub-grid.leader' });
    expect(isAwaiting(gridWorker, verified)).toBe(false);
    expect(isAwaiting(users[5], verified)).toBe(true);
  });

  it('waits for the department it was dispatched to, the grid to feed back, the resident to rate', () => {
    expect(isAwaiting(civilStaff, facts(CaseStatus.DISPATCHED, HandlingLevel.DEPARTMENT, { assigneeDepartmentCode: 'CIVIL_AFFAIRS' }))).toBe(true);
    expect(isAwaiting(users[9], facts(CaseStatus.DISPATCHED, HandlingLevel.DEPARTMENT, { assigneeDepartmentCode: 'CIVIL_AFFAIRS' }))).toBe(false);
    expect(isAwaiting(gridWorker, facts(CaseStatus.RESOLVED, HandlingLevel.DEPARTMENT, { assigneeUserId: 'sub-civil.staff' }))).toBe(true);
    expect(isAwaiting(civilStaff, facts(CaseStatus.RESOLVED, HandlingLevel.DEPARTMENT, { assigneeDepartmentCode: 'CIVIL_AFFAIRS' }))).toBe(false);
    const fedBack = facts(CaseStatus.FED_BACK, HandlingLevel.GRID, { reporterUserId: resident.sub });
    expect(isAwaiting(resident, fedBack)).toBe(true);
    expect(isAwaiting(gridWorker, fedBack)).toBe(false);
    expect(isAwaiting(gridWorker, { ...fedBack, reporterUserId: null })).toBe(true);
    expect(isAwaiting(resident, facts(CaseStatus.REPORTED, HandlingLevel.GRID, { reporterUserId: resident.sub }))).toBe(false);
  });

  it('never waits on a closed, returned or merged case, nor for an auditor or a volunteer', () => {
    for (const status of [CaseStatus.CLOSED, CaseStatus.RETURNED, CaseStatus.MERGED]) expect(isAwaiting(gridWorker, facts(status, HandlingLevel.GRID))).toBe(false);
    expect(awaitingRules(users[1])).toEqual([]);
    expect(awaitingRules(users[11])).toEqual([]);
  });

  it('only lists cases where the caller has an available action (the state machine decides)', () => {
    for (const u of users) {
      for (const status of Object.values(CaseStatus)) {
        for (const level of Object.values(HandlingLevel)) {
          const f = facts(status, level, { assigneeDepartmentCode: level === HandlingLevel.DEPARTMENT ? (u.departmentCode ?? null) : null, reporterUserId: u.sub });
          if (isAwaiting(u, f)) expect(actionsFor(u, f).filter((action) => action !== CaseAction.MERGE).length).toBeGreaterThan(0);
        }
      }
    }
  });

  it('states the rule as query conditions that select exactly the cases isAwaiting names', () => {
    const grids = [GRID, '330402001001002', '330402001002001', '330402002001001', '330403001001001'];
    let compared = 0;
    for (const u of users) {
      const rules = awaitingRules(u);
      for (const status of Object.values(CaseStatus)) {
        for (const level of Object.values(HandlingLevel)) {
          for (const gridCode of grids) {
            for (const assigneeDepartmentCode of [null, 'CIVIL_AFFAIRS', 'PUBLIC_SECURITY']) {
              for (const assigneeUserId of [null, u.sub, 'sub-someone-else']) {
                for (const reporterUserId of [null, u.sub, 'sub-other-resident']) {
                  const f = facts(status, level, { gridCode, assigneeDepartmentCode, assigneeUserId, reporterUserId });
                  expect([u.username, f, rules.some((rule) => ruleMatches(u, rule, f))]).toEqual([u.username, f, isAwaiting(u, f)]);
                  compared++;
                }
              }
            }
          }
        }
      }
    }
    expect(compared).toBe(users.length * Object.values(CaseStatus).length * Object.values(HandlingLevel).length * grids.length * 3 * 3 * 3);
  });
});
