import { Role, type AuthUser } from '@lianxin/auth';
import { AssessmentKind, TrainingKind } from './assessment-enums.js';
import { mayAssess, mayReadStaffRecord, mayRecordTraining } from './staff-access.js';

const user = (sub: string, roles: Role[], areaCode: string): AuthUser => ({ sub, username: sub, roles, areaCode });
const GRID = '330402001001001';

describe('who assesses grid staff', () => {
  const leader = user('leader', [Role.GRID_LEADER], GRID);
  const village = user('village', [Role.VILLAGE_ADMIN], '330402001001');
  const township = user('township', [Role.TOWNSHIP_ADMIN], '330402001');

  it('gives each of the five assessments to its level and the levels above', () => {
    expect(mayAssess(leader, AssessmentKind.GRID_MONTHLY, GRID, 'worker')).toBe(true);
    expect(mayAssess(leader, AssessmentKind.VILLAGE_QUARTERLY, GRID, 'worker')).toBe(false);
    expect(mayAssess(village, AssessmentKind.VILLAGE_QUARTERLY, GRID, 'worker')).toBe(true);
    expect(mayAssess(village, AssessmentKind.DEMOCRATIC_HALF_YEARLY, GRID, 'worker')).toBe(true);
    expect(mayAssess(village, AssessmentKind.TOWNSHIP_HALF_YEARLY, GRID, 'worker')).toBe(false);
    expect(mayAssess(township, AssessmentKind.TOWNSHIP_YEAR_END, GRID, 'worker')).toBe(true);
  });

  it('keeps assessors inside their area and off their own assessment', () => {
    expect(mayAssess(user('v2', [Role.VILLAGE_ADMIN], '330402001002'), AssessmentKind.VILLAGE_QUARTERLY, GRID, 'worker')).toBe(false);
    expect(mayAssess(leader, AssessmentKind.GRID_MONTHLY, GRID, 'leader')).toBe(false);
  });

  it('lets the grid leader record mentoring only; admins record every training', () => {
    expect(mayRecordTraining(leader, TrainingKind.MENTORING, GRID)).toBe(true);
    expect(mayRecordTraining(leader, TrainingKind.PRE_JOB, GRID)).toBe(false);
    expect(mayRecordTraining(village, TrainingKind.BUSINESS, GRID)).toBe(true);
    expect(mayRecordTraining(user('worker', [Role.GRID_WORKER], GRID), TrainingKind.MENTORING, GRID)).toBe(false);
  });

  it('lets staff read their own records and readers those of their area', () => {
    const record = { staffUserId: 'worker', areaCode: GRID };
    expect(mayReadStaffRecord(user('worker', [Role.GRID_WORKER], GRID), record)).toBe(true);
    expect(mayReadStaffRecord(user('worker2', [Role.GRID_WORKER], GRID), record)).toBe(false);
    expect(mayReadStaffRecord(user('auditor', [Role.AUDITOR], '330402'), record)).toBe(true);
    expect(mayReadStaffRecord(user('resident', [Role.RESIDENT], GRID), record)).toBe(false);
  });
});
