import type { GridPlan } from './area-plan.ts';
import type { ScaleIds } from './ids.ts';
import { STAFF_ACCOUNTS } from './ids.ts';
import { PopulationGenerator, type Sex } from './population.ts';
import { randomStream } from './prng.ts';
import { HandlingLevel } from './service-code.ts';

/**
 * A grid's team in the "1+1+3+N" pattern (DOMAIN.md §2): a leader, a full-time worker, three
 * part-timers and N volunteers; urban grids add a data clerk and a liaison per micro-grid (building).
 * A few grids fall short (two part-timers, no volunteers) so the structure check has something to
 * report. Both the grids loader (assignments) and the people loader (the staff's own person records)
 * call this, so it draws from a stream of its own per grid.
 */

export type StaffRole = 'LEADER' | 'FULL_TIME' | 'PART_TIME' | 'LIAISON' | 'VOLUNTEER' | 'DATA_CLERK';

export interface StaffMember {
  /** i in the person key `staff:<gridCode>:<i>`. */
  position: number;
  role: StaffRole;
  name: string;
  sex: Sex;
  age: number;
  /** Keycloak account of the leader and the full-time worker (who act on cases); others have none. */
  userId: string | null;
  microGridCode: string | null;
}

export interface GridTeam {
  microGrids: Array<{ code: string; name: string }>;
  staff: StaffMember[];
}

export function gridTeam(seed: number, ids: ScaleIds, grid: GridPlan): GridTeam {
  const random = randomStream(seed, `staff:${grid.code}`);
  const names = new PopulationGenerator(random);
  const partTimers = grid.kind === 'RURAL' && random.chance(0.05) ? 2 : 3;
  const volunteers = random.chance(0.03) ? 0 : random.int(1, 3);
  const roles: StaffRole[] = [
    'LEADER',
    'FULL_TIME',
    ...Array<StaffRole>(partTimers).fill('PART_TIME'),
    ...Array<StaffRole>(volunteers).fill('VOLUNTEER'),
    ...(grid.kind === 'URBAN' ? (['DATA_CLERK'] as StaffRole[]) : []),
  ];
  const microGrids =
    grid.kind === 'URBAN'
      ? Array.from({ length: random.int(2, 4) }, (_, i) => ({ code: `${grid.code}${String(i + 1).padStart(3, '0')}`, name: `${grid.name.replace(/网格$/, '')}${i + 1}号楼` }))
      : [];
  const staff = [
    ...roles.map((role) => ({ role, microGridCode: null as string | null })),
    ...microGrids.map((microGrid) => ({ role: 'LIAISON' as StaffRole, microGridCode: microGrid.code })),
  ].map(({ role, microGridCode }, position): StaffMember => {
    const account = STAFF_ACCOUNTS.find((candidate) => candidate.gridCode === grid.code && candidate.position === position);
    const sex: Sex = account?.sex ?? (random.chance(0.5) ? 'MALE' : 'FEMALE');
    const age = role === 'VOLUNTEER' ? random.int(20, 68) : random.int(26, 56);
    const userId =
      account?.userId ??
      (role === 'LEADER' ? ids.gridLeaderUserId(grid.code) : role === 'FULL_TIME' ? ids.actorAt(HandlingLevel.GRID, grid.code, null).userId : null);
    return { position, role, name: account?.name ?? `${names.surname()}${names.givenName(sex, age)}`, sex, age, userId, microGridCode };
  });
  return { microGrids, staff };
}
