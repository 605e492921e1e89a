import { CaseClass, CaseSource, CaseStatus, HandlingLevel, Rating } from '../case/case-enums.js';
import { contributionDelta, contributionOf, isResolvedOnTime, statAreasOf, type StatFacts } from './case-contribution.js';

const ZONE = 'Asia/Shanghai';
const reported: StatFacts = {
  gridCode: '330402001001001',
  // 20:00 UTC is already the next day in Shanghai.
  reportedAt: new Date('2026-11-02T20:00:00Z'),
  categoryCode: 'DISPUTE',
  caseClass: CaseClass.ORDINARY,
  source: CaseSource.GRID_PATROL,
  status: CaseStatus.REPORTED,
  dueAt: new Date('2026-11-06T15:59:59Z'),
  overdue: false,
  resolvedAt: null,
  resolvedAtLevel: null,
  resolvedByUserId: null,
  reportedByUserId: 'worker-1',
  rating: null,
  reopenCount: 0,
};
const resolved: StatFacts = {
  ...reported,
  status: CaseStatus.RESOLVED,
  resolvedAt: new Date('2026-11-03T02:30:00Z'),
  resolvedAtLevel: HandlingLevel.GRID,
  resolvedByUserId: 'worker-1',
};

describe('case contribution to the statistics', () => {
  it('counts a case once for its grid, village, township and county, on its local report day', () => {
    expect(statAreasOf('330402001001001')).toEqual(['330402001001001', '330402001001', '330402001', '330402']);
    const contribution = contributionOf(reported, ZONE);
    expect(contribution.daily.map((row) => [row.areaCode, row.day])).toEqual([
      ['330402001001001', '2026-11-03'],
      ['330402001001', '2026-11-03'],
      ['330402001', '2026-11-03'],
      ['330402', '2026-11-03'],
    ]);
    expect(contribution.daily[0].counters).toEqual({ reported: 1 });
    expect(contribution.status.map((row) => row.status)).toEqual(Array(4).fill(CaseStatus.REPORTED));
    expect(contribution.workers).toEqual([{ userId: 'worker-1', gridCode: '330402001001001', day: '2026-11-03', counters: { found: 1 } }]);
  });

  it('moves a case between statuses and adds its result as a delta', () => {
    const delta = contributionDelta(reported, resolved, ZONE);
    expect(delta.daily[0].counters).toMatchObject({
      reported: 0,
      resolved: 1,
      resolved_on_time: 1,
      resolved_at_grid: 1,
      handling_minutes: 390,
      ever_resolved: 1,
    });
    expect(delta.status.filter((row) => row.areaCode === '330402').map((row) => [row.status, row.count])).toEqual([
      [CaseStatus.REPORTED, -1],
      [CaseStatus.RESOLVED, 1],
    ]);
    expect(delta.workers).toEqual([{ userId: 'worker-1', gridCode: '330402001001001', day: '2026-11-03', counters: { found: 0, resolved: 1, resolved_on_time: 1 } }]);
  });

  it('takes a reopened result back out and keeps the reopening', () => {
    const reopened: StatFacts = { ...resolved, status: CaseStatus.IN_PROGRESS, resolvedAt: null, resolvedAtLevel: null, rating: Rating.UNSATISFIED, reopenCount: 1 };
    const delta = contributionDelta(resolved, reopened, ZONE);
    expect(delta.daily[0].counters).toMatchObject({ resolved: -1, resolved_at_grid: -1, ever_resolved: 0, rated: 1, unsatisfied: 1, reopened: 1, reopened_cases: 1 });
  });

  it('moves every counter when the class changes, and leaves out rows that do not change', () => {
    const delta = contributionDelta(reported, { ...reported, caseClass: CaseClass.MAJOR }, ZONE);
    expect(delta.daily.map((row) => [row.caseClass, row.counters.reported])).toEqual([
      [CaseClass.MAJOR, 1],
      [CaseClass.ORDINARY, -1],
      [CaseClass.MAJOR, 1],
      [CaseClass.ORDINARY, -1],
      [CaseClass.MAJOR, 1],
      [CaseClass.ORDINARY, -1],
      [CaseClass.MAJOR, 1],
      [CaseClass.ORDINARY, -1],
    ]);
    expect(delta.status).toEqual([]);
    expect(contributionDelta(reported, { ...reported }, ZONE)).toEqual({ daily: [], status: [], workers: [] });
  });

  it('is on time only when resolved by the deadline and never overdue', () => {
    expect(isResolvedOnTime(resolved)).toBe(true);
    expect(isResolvedOnTime({ ...resolved, overdue: true })).toBe(false);
    expect(isResolvedOnTime({ ...resolved, resolvedAt: new Date('2026-11-07T00:00:00Z') })).toBe(false);
    expect(isResolvedOnTime(reported)).toBe(false);
  });
});
