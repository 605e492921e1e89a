import { GridStaffRole } from './staff-role.js';

/** The "1+1+3+N" pattern (DOMAIN.md §2): a leader, a full-time worker, three part-timers, and helpers. */
export const STAFFING_PATTERN = { leaders: 1, fullTime: 1, partTime: 3, volunteers: 1 } as const;

/**
 * The county's staffing rule (issue 15, county setting STAFFING_PATTERN): "1+1+3+N" (Linxia: leader,
 * full-time worker, three part-timers, helpers) or "1+3+N" (Wujin: leader, three grid workers full- or
 * part-time, helpers), and the expected team size of the grid's kind (≈10 urban, ≈8 rural), which is
 * reported, not required.
 */
export interface StaffingRule {
  pattern: '1+1+3+N' | '1+3+N';
  expectedTeamSize: number | null;
}

export const DEFAULT_STAFFING_RULE: StaffingRule = { pattern: '1+1+3+N', expectedTeamSize: null };

export enum StructureFinding {
  MISSING_LEADER = 'MISSING_LEADER',
  MISSING_FULL_TIME = 'MISSING_FULL_TIME',
  TOO_FEW_PART_TIME = 'TOO_FEW_PART_TIME',
  NO_VOLUNTEERS = 'NO_VOLUNTEERS',
  /** 1+3+N: fewer than three grid workers (full- and part-time together). */
  TOO_FEW_WORKERS = 'TOO_FEW_WORKERS',
}

export interface StructureCheckResult {
  hasLeader: boolean;
  hasFullTimeWorker: boolean;
  fullTimeCount: number;
  partTimeCount: number;
  volunteerCount: number;
  findings: StructureFinding[];
  meetsPattern: boolean;
  pattern: string;
  teamSize: number;
  expectedTeamSize: number | null;
}

/** How a grid's current team stands against the pattern; pass the roles of its active assignments. */
export function checkStructure(activeRoles: readonly GridStaffRole[], rule: StaffingRule = DEFAULT_STAFFING_RULE): StructureCheckResult {
  const count = (role: GridStaffRole) => activeRoles.filter((r) => r === role).length;
  const leaders = count(GridStaffRole.LEADER);
  const fullTimeCount = count(GridStaffRole.FULL_TIME);
  const partTimeCount = count(GridStaffRole.PART_TIME);
  const volunteerCount = count(GridStaffRole.VOLUNTEER);
  const findings: StructureFinding[] = [];
  if (leaders < STAFFING_PATTERN.leaders) findings.push(StructureFinding.MISSING_LEADER);
  if (rule.pattern === '1+3+N') {
    if (fullTimeCount + partTimeCount < 3) findings.push(StructureFinding.TOO_FEW_WORKERS);
  } else {
    if (fullTimeCount < STAFFING_PATTERN.fullTime) findings.push(StructureFinding.MISSING_FULL_TIME);
    if (partTimeCount < STAFFING_PATTERN.partTime) findings.push(StructureFinding.TOO_FEW_PART_TIME);
  }
  if (volunteerCount < STAFFING_PATTERN.volunteers) findings.push(StructureFinding.NO_VOLUNTEERS);
  return {
    hasLeader: leaders >= STAFFING_PATTERN.leaders,
    hasFullTimeWorker: fullTimeCount >= STAFFING_PATTERN.fullTime,
    fullTimeCount,
    partTimeCount,
    volunteerCount,
    findings,
    meetsPattern: findings.length === 0,
    pattern: rule.pattern,
    teamSize: activeRoles.length,
    expectedTeamSize: rule.expectedTeamSize,
  };
}
