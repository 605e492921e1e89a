import { GridStaffRole as R } from './staff-role.js';
import { checkStructure, StructureFinding as F } from './structure-check.js';

describe('checkStructure (1+1+3+N)', () => {
  it('accepts a full team', () => {
    const check = checkStructure([R.LEADER, R.FULL_TIME, R.PART_TIME, R.PART_TIME, R.PART_TIME, R.VOLUNTEER, R.VOLUNTEER, R.DATA_CLERK]);
    expect(check).toEqual({
      hasLeader: true,
      hasFullTimeWorker: true,
      fullTimeCount: 1,
      partTimeCount: 3,
      volunteerCount: 2,
      findings: [],
      meetsPattern: true,
      pattern: '1+1+3+N',
      teamSize: 8,
      expectedTeamSize: null,
    });
  });

  it('lists every gap of an empty team', () => {
    const check = checkStructure([]);
    expect(check.findings).toEqual([F.MISSING_LEADER, F.MISSING_FULL_TIME, F.TOO_FEW_PART_TIME, F.NO_VOLUNTEERS]);
    expect(check.meetsPattern).toBe(false);
  });

  it('needs three part-timers, not two', () => {
    const check = checkStructure([R.LEADER, R.FULL_TIME, R.PART_TIME, R.PART_TIME, R.VOLUNTEER]);
    expect(check.findings).toEqual([F.TOO_FEW_PART_TIME]);
    expect(check.partTimeCount).toBe(2);
  });

  it('does not count liaisons or data clerks as grid workers', () => {
    const check = checkStructure([R.LIAISON, R.DATA_CLERK, R.LIAISON]);
    expect(check.hasLeader).toBe(false);
    expect(check.hasFullTimeWorker).toBe(false);
    expect(check.partTimeCount).toBe(0);
  });

  it('accepts more full-time workers and part-timers than the minimum', () => {
    const check = checkStructure([R.LEADER, R.FULL_TIME, R.FULL_TIME, ...Array(5).fill(R.PART_TIME), R.VOLUNTEER]);
    expect(check.meetsPattern).toBe(true);
    expect(check.fullTimeCount).toBe(2);
  });

  it('issue 15 "1+3+N" (Wujin, county setting STAFFING_PATTERN): a leader, three grid workers full- or part-time, helpers; the team size is reported against the county\'s ≈10 urban / ≈8 rural', () => {
    const rule = { pattern: '1+3+N' as const, expectedTeamSize: 10 };
    const wujin = checkStructure([R.LEADER, R.PART_TIME, R.PART_TIME, R.PART_TIME, R.VOLUNTEER], rule);
    expect(wujin).toMatchObject({ findings: [], meetsPattern: true, pattern: '1+3+N', teamSize: 5, expectedTeamSize: 10 });
    // The same team under 1+1+3+N lacks its full-time worker.
    expect(checkStructure([R.LEADER, R.PART_TIME, R.PART_TIME, R.PART_TIME, R.VOLUNTEER]).findings).toEqual([F.MISSING_FULL_TIME]);
    expect(checkStructure([R.LEADER, R.FULL_TIME, R.PART_TIME, R.VOLUNTEER], rule).findings).toEqual([F.TOO_FEW_WORKERS]);
  });
});
