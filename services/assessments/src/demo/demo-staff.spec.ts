import { AssessmentKind, TrainingKind } from '../staff-assessment/assessment-enums.js';
import { DEMO_USER_IDS } from './demo-ids.js';
import { demoActivity, demoAssessments, demoSatisfaction, demoStaff, demoTrainings } from './demo-staff.js';

describe('demo grid staff', () => {
  it('assesses the 27 full-time workers and grid.leader, with the demo accounts in their grids', () => {
    const staff = demoStaff();
    expect(staff).toHaveLength(28);
    expect(staff.find((s) => s.userId === DEMO_USER_IDS.gridWorker)?.gridCode).toBe('330402001001001');
    expect(staff.find((s) => s.userId === DEMO_USER_IDS.gridWorker2)?.gridCode).toBe('330402001002001');
    expect(staff.find((s) => s.userId === DEMO_USER_IDS.gridLeader)?.leader).toBe(true);
  });

  it('is the same on every run', () => {
    const [first] = demoStaff();
    expect(demoActivity(first)).toEqual(demoActivity(first));
    expect(demoSatisfaction(first.gridCode)).toEqual(demoSatisfaction(first.gridCode));
    expect(demoAssessments()).toEqual(demoAssessments());
  });

  it('gives a year of activity with plausible numbers', () => {
    const worker = demoStaff().find((s) => s.userId === DEMO_USER_IDS.gridWorker)!;
    const rows = demoActivity(worker);
    const visits = rows.reduce((sum, row) => sum + row.visits, 0);
    expect(visits).toBeGreaterThan(50);
    expect(visits).toBeLessThan(600);
    expect(rows.every((row) => row.casesClosedOnTime <= row.casesClosed && row.day.startsWith('2025'))).toBe(true);
  });

  it('enters scores within range and completes each of the five kinds', () => {
    const assessments = demoAssessments();
    expect(new Set(assessments.map((a) => a.kind))).toEqual(new Set(Object.values(AssessmentKind)));
    for (const a of assessments) {
      for (const item of a.quantifiedItems) expect(item.points >= 0 && item.points <= item.maxPoints).toBe(true);
      expect(Object.values(a.votes).every((n) => Number.isInteger(n) && n >= 0)).toBe(true);
      expect(a.assessedBy).not.toBe(a.staff.userId);
    }
  });

  it('records all four trainings for the grid workers', () => {
    const kinds = demoTrainings().filter((t) => t.staff.userId === DEMO_USER_IDS.gridWorker).map((t) => t.kind);
    expect(kinds.sort()).toEqual(Object.values(TrainingKind).sort());
  });
});
