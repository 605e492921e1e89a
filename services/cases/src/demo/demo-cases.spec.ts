import { DEMO_RESIDENTS_BY_GRID } from '@lianxin/db';
import { CaseAction, CaseStatus, HANDLING_STATUSES } from '../case/case-enums.js';
import { canTransition, type TransitionAction } from '../case/case-state-machine.js';
import { replayClock } from '../clock/case-clock.js';
import { DEFAULT_COUNTY_CLOCK } from '../clock/clock.rules.js';
import { NO_EXCEPTIONS, workingDaysFor } from '../deadline/working-calendar.js';
import { DEMO_GRIDS, generateDemoCases, type DemoCase } from './demo-cases.js';
import { DEMO_USER_IDS, personIdFor, RESIDENT_DEMO_PERSON_KEY } from './demo-ids.js';

const ZONE = 'Asia/Shanghai';
const NOW = new Date('2026-11-23T06:00:00Z');
const generate = (count: number) =>
  generateDemoCases({
    count,
    now: NOW,
    timeZone: ZONE,
    departmentsByCategory: new Map([
      ['DISPUTE', ['PUBLIC_SECURITY', 'PETITIONS']],
      ['LIVELIHOOD_SERVICE', ['CIVIL_AFFAIRS', 'HEALTH']],
    ]),
    clockRule: (caseClass, categoryCode) => ({ ...DEFAULT_COUNTY_CLOCK, classDays: workingDaysFor([], '330402', categoryCode, caseClass) }),
    calendar: { exceptions: NO_EXCEPTIONS, timeZone: ZONE },
  });

describe('demo cases', () => {
  const cases = generate(3_000);

  it('is the same every time for the same day', () => {
    expect(generate(3_000)).toEqual(cases);
  });

  it('has unique numbers, cases in every grid and every state, over about six months', () => {
    expect(new Set(cases.map((c) => c.number)).size).toBe(cases.length);
    expect(new Set(cases.map((c) => c.gridCode))).toEqual(new Set(DEMO_GRIDS));
    expect(new Set(cases.map((c) => c.status))).toEqual(new Set(Object.values(CaseStatus).filter((status) => status !== CaseStatus.MERGED)));
    const oldest = Math.min(...cases.map((c) => c.reportedAt.getTime()));
    expect((NOW.getTime() - oldest) / 86_400_000).toBeGreaterThan(170);
    expect(cases.every((c) => c.reportedAt.getTime() <= NOW.getTime())).toBe(true);
  });

  it('gives resident.demo some cases in their grid and the others reporters who live in the case’s grid', () => {
    const own = cases.filter((c) => c.reporterUserId === DEMO_USER_IDS.residentDemo);
    expect(own.length).toBeGreaterThan(50);
    expect(own.every((c) => c.gridCode === '330402001001001' && c.reporterPersonId === personIdFor(RESIDENT_DEMO_PERSON_KEY))).toBe(true);
    const residentsOf = (gridCode: string) => {
      const { first, count } = DEMO_RESIDENTS_BY_GRID[gridCode];
      return new Set(Array.from({ length: count }, (_, i) => personIdFor(`resident:${first + i}`)));
    };
    const others = cases.filter((c) => c.reporterPersonId !== null && c.reporterUserId !== DEMO_USER_IDS.residentDemo);
    expect(others.length).toBeGreaterThan(cases.length / 2);
    expect(others.filter((c) => !residentsOf(c.gridCode).has(c.reporterPersonId!))).toEqual([]);
  });

  it('has histories the state machine allows, ending in the case as stored', () => {
    for (const c of cases) expectReplayable(c);
  });

  it('has no open case with a missed deadline the scheduler has not handled', () => {
    const open = cases.filter((c) => HANDLING_STATUSES.includes(c.status));
    expect(open.length).toBeGreaterThan(150);
    for (const c of open) {
      expect(!c.dueAt || c.dueAt.getTime() > NOW.getTime() || c.overdueMarkedFor?.getTime() === c.dueAt.getTime()).toBe(true);
      expect(!c.stageDueAt || c.stageDueAt.getTime() > NOW.getTime() || c.stageOverrunMarkedFor?.getTime() === c.stageDueAt.getTime()).toBe(true);
    }
    expect(cases.filter((c) => c.overdue).length).toBeGreaterThan(30);
    expect(cases.filter((c) => c.overdue).every((c) => c.supervisions.some((s) => s.automatic))).toBe(true);
  });

  it('§8.1 has one case clock per case: the clocks replayed from its history are the ones it carries, and some stages ran over', () => {
    for (const c of cases) {
      const replayed = replayClock(c.history, c.clockRule, { exceptions: NO_EXCEPTIONS, timeZone: ZONE }, NOW);
      expect([replayed.dueAt, replayed.stageDueAt, replayed.reopenCount]).toEqual([c.dueAt, c.stageDueAt, c.reopenCount]);
      if (c.history.some((entry) => entry.action === CaseAction.VERIFY)) expect(c.dueAt).not.toBeNull();
    }
    expect(cases.filter((c) => c.stageOverruns > 0).length).toBeGreaterThan(30);
    expect(cases.every((c) => c.stageOverruns === c.stageOverrunRecords.length)).toBe(true);
  });

  it('§8.2 has resident ratings and proxy ratings from return visits (phone, visit) by someone who did not handle the case', () => {
    const rated = cases.filter((c) => c.rating);
    const proxy = rated.filter((c) => c.ratingByProxy);
    expect(proxy.length).toBeGreaterThan(30);
    expect(rated.filter((c) => !c.ratingByProxy).every((c) => c.ratingMethod === 'RESIDENT' && c.ratedByUserId === c.reporterUserId)).toBe(true);
    expect(new Set(proxy.map((c) => c.ratingMethod))).toEqual(new Set(['PHONE', 'VISIT']));
    for (const c of proxy) {
      const handlers = c.history.filter((entry) => !['REPORT', 'RATE', 'REOPEN', 'MARK_OVERDUE', 'OVERDUE_ESCALATE'].includes(entry.action)).map((entry) => entry.actorUserId);
      expect(handlers).not.toContain(c.ratedByUserId);
    }
  });
});

function expectReplayable(c: DemoCase): void {
  const [report, ...steps] = c.history;
  expect(report).toMatchObject({ action: CaseAction.REPORT, toStatus: CaseStatus.REPORTED, toLevel: 'GRID' });
  let state = { status: report.toStatus, level: report.toLevel };
  let previous = report.at.getTime();
  for (const entry of steps) {
    expect({ status: entry.fromStatus, level: entry.fromLevel }).toEqual(state);
    expect(entry.at.getTime()).toBeGreaterThanOrEqual(previous);
    if (entry.action !== CaseAction.MARK_OVERDUE) {
      const action = (entry.action === CaseAction.REOPEN ? CaseAction.RATE : entry.action) as TransitionAction;
      // Levels the table checks are those before the step.
      expect(canTransition({ status: entry.fromStatus!, level: entry.fromLevel! }, action)).toBe(true);
    }
    state = { status: entry.toStatus, level: entry.toLevel };
    previous = entry.at.getTime();
  }
  expect(state).toEqual({ status: c.status, level: c.level });
  expect(c.version).toBe(c.history.length);
}
