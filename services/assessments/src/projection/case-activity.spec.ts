import { applyCaseEvent, type CaseEvent, type CaseState } from './case-activity.js';

const GRID = '330402001001001';
const WORKER = 'worker-1';
const DEPT = 'dept-1';

function event(type: string, occurredAt: string, actor: string, data: Partial<CaseEvent['data']> = {}): CaseEvent {
  return { type: `cases.case.${type}`, occurredAt, actor, data: { caseId: 'c1', gridCode: GRID, source: 'GRID_PATROL', status: 'X', level: 'GRID', actor, ...data } };
}

function run(events: CaseEvent[]) {
  let state: CaseState | null = null;
  const activity = [];
  const satisfaction = [];
  for (const e of events) {
    const effect = applyCaseEvent(state, e);
    state = effect.state;
    activity.push(...effect.activity);
    satisfaction.push(...effect.satisfaction);
  }
  return { state, activity, satisfaction };
}

describe('case events → platform statistics', () => {
  it('counts a patrol case as found by the reporter, and its closure for resolver and grid worker on the Beijing day', () => {
    const { activity } = run([
      event('reported', '2026-03-02T01:00:00Z', WORKER),
      event('escalated', '2026-03-02T02:00:00Z', WORKER),
      // 16:30 UTC is 00:30 the next day in Beijing.
      event('resolved', '2026-03-05T16:30:00Z', DEPT, { dueAt: '2026-03-06T10:00:00Z' }),
    ]);
    expect(activity).toEqual([
      { userId: WORKER, gridCode: GRID, day: '2026-03-02', visits: 0, casesFound: 1, casesClosed: 0, casesClosedOnTime: 0 },
      { userId: DEPT, gridCode: GRID, day: '2026-03-06', visits: 0, casesFound: 0, casesClosed: 1, casesClosedOnTime: 1 },
      { userId: WORKER, gridCode: GRID, day: '2026-03-06', visits: 0, casesFound: 0, casesClosed: 1, casesClosedOnTime: 1 },
    ]);
  });

  it('makes the verifier the grid worker of a resident\'s case, and counts a late or overdue closure as not on time', () => {
    const late = run([
      event('reported', '2026-03-02T01:00:00Z', 'resident-1', { source: 'RESIDENT' }),
      event('verified', '2026-03-02T02:00:00Z', WORKER),
      event('resolved', '2026-03-09T02:00:00Z', WORKER, { dueAt: '2026-03-05T10:00:00Z' }),
    ]);
    expect(late.activity.filter((row) => row.userId === WORKER)).toEqual([
      { userId: WORKER, gridCode: GRID, day: '2026-03-09', visits: 0, casesFound: 0, casesClosed: 1, casesClosedOnTime: 0 },
    ]);
    const overdue = run([
      event('reported', '2026-03-02T01:00:00Z', WORKER),
      event('overdue', '2026-03-06T01:00:00Z', 'system'),
      event('resolved', '2026-03-07T01:00:00Z', WORKER, { dueAt: '2026-03-10T01:00:00Z' }),
    ]);
    expect(overdue.activity.at(-1)).toMatchObject({ casesClosed: 1, casesClosedOnTime: 0 });
  });

  it('takes a closure back when the case is reopened, and counts the latest rating only', () => {
    const { activity, satisfaction, state } = run([
      event('reported', '2026-03-02T01:00:00Z', WORKER),
      event('resolved', '2026-03-03T01:00:00Z', WORKER, { dueAt: '2026-03-05T01:00:00Z' }),
      event('rated', '2026-03-04T01:00:00Z', 'resident-1', { rating: 'UNSATISFIED' }),
      event('reopened', '2026-03-04T01:00:00Z', 'resident-1'),
      event('resolved', '2026-03-06T01:00:00Z', WORKER, { dueAt: '2026-03-08T01:00:00Z' }),
      event('rated', '2026-03-07T01:00:00Z', 'resident-1', { rating: 'SATISFIED' }),
    ]);
    const closed = activity.reduce((sum, row) => sum + row.casesClosed, 0);
    expect(closed).toBe(1);
    expect(satisfaction.reduce((sum, row) => sum + row.unsatisfied, 0)).toBe(0);
    expect(satisfaction.reduce((sum, row) => sum + row.satisfied, 0)).toBe(1);
    // §8.1: a reopened case's later closure is never on time, whatever its reopen clock.
    expect(state).toMatchObject({ reopened: true, resolution: { day: '2026-03-06', credits: [WORKER], onTime: false }, rating: { value: 'SATISFIED', day: '2026-03-07' } });
  });

  it('§8.1 charges a stage overrun to the holder that ran over, and nothing for a stage nobody had taken', () => {
    const { activity } = run([
      event('reported', '2026-03-02T01:00:00Z', WORKER),
      event('stage_overrun', '2026-03-03T16:00:00Z', 'system', { holderUserId: WORKER }),
      event('stage_overrun', '2026-03-05T16:00:00Z', 'system', { holderUserId: null }),
    ]);
    expect(activity.filter((row) => row.stageOverruns)).toEqual([expect.objectContaining({ userId: WORKER, day: '2026-03-04', stageOverruns: 1 })]);
  });

  it('§8.2 keeps a proxy rating with the staff member who entered it, and takes it back from them when a later rating replaces it', () => {
    const { satisfaction, state } = run([
      event('reported', '2026-03-02T01:00:00Z', WORKER),
      event('rated', '2026-03-04T01:00:00Z', 'leader-1', { rating: 'SATISFIED', ratingByProxy: true }),
      event('rated', '2026-03-05T01:00:00Z', 'resident-1', { rating: 'BASICALLY_SATISFIED', ratingByProxy: false }),
    ]);
    expect(satisfaction.filter((row) => row.enteredBy === 'leader-1').map((row) => row.satisfied)).toEqual([1, -1]);
    expect(satisfaction.filter((row) => !row.enteredBy).map((row) => row.basicallySatisfied)).toEqual([1]);
    expect(state?.rating).toMatchObject({ value: 'BASICALLY_SATISFIED', enteredBy: null });
  });

  it('does not count anything for the system actor or for events it does not read', () => {
    expect(run([event('reported', '2026-03-02T01:00:00Z', 'system', { source: 'HOTLINE_12345' })]).activity).toEqual([]);
    // An anonymous report's steps carry cases' pseudonym, not an account (§8.8): nobody found it.
    expect(run([event('reported', '2026-03-02T01:00:00Z', 'anonymous', { source: 'RESIDENT_APP' })]).activity).toEqual([]);
    expect(applyCaseEvent(null, event('dispatched', '2026-03-02T01:00:00Z', WORKER))).toEqual({ state: null, activity: [], satisfaction: [] });
  });
});
