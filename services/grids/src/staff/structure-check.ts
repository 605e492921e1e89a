import { GridStaffRole } from './staff-role.js';

/** The "1+1+3+N" pattern (DOMAIN.md §2): a leader, a full-time worker, three part-timers, and helpers. */
export const STAFFING_PATTERN = { leaders: 1, fullTime: 1, partTime: 3, volunteers: 1 } as const;

export enum StructureFinding {
  MISSING_LEADER = 'MISSING_LEADER',
  MISSING_FULL_TIME = 'MISSING_FULL_TIME',
  TOO_FEW_PART_TIME = 'TOO_FEW_PART_TIME',
  NO_VOLUNTEERS = 'NO_VOLUNTEERS',
}

export interface StructureCheckResult {
  hasLeader: boolean;
  hasFullTimeWorker: boolean;
  fullTimeCount: number;
  partTimeCount: number;
  volunteerCount: number;
  findings: StructureFinding[];
  meetsPattern: boolean;
}

/** How a grid's current team stands against the pattern; pass the roles of its active assignments. */
export function checkStructure(activeRoles: readonly GridStaffRole[]): StructureCheckResult {
  const count = (role: GridStaffRole) => activeRoles.filter((r) => r === role).length;
  const leaders = count(GridStaffRole.LEADER);
  const fullTimeCount = count(GridStaffRole.FULL_TIME);
  const partTimeCount = count(GridStaffRole.PART_TIME);
  const volunteerCount = count(GridStaffRole.VOLUNTEER);
  const findings: StructureFinding[] = [];
  if (leaders < STAFFING_PATTERN.leaders) findings.push(StructureFinding.MISSING_LEADER);
  if (fullTimeCount < STAFFING_PATTERN.fullTime) findings.push(StructureFinding.MISSING_FULL_TIME);
  if (partTimeCount < STAFFING_PATTERN.partTime) findings.push(StructureFinding.TOO_FEW_PART_TIME);
  if (volunteerCount < STAFFING_PATTERN.volunteers) findings.push(StructureFinding.NO_VOLUNTEERS);
  return {
    hasLeader: leaders >= STAFFING_PATTERN.leaders,
    hasFullTimeWorker: fullTimeCount >= STAFFING_PATTERN.fullTime,
    fullTimeCount,
    partTimeCount,
    volunteerCount,
    findings,
    meetsPattern: findings.length === 0,
  };
}
