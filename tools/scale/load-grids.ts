import type { LoadContext } from './context.ts';
import { randomStream } from './prng.ts';
import { gridTeam } from './staff.ts';
import { HandlingLevel } from './service-code.ts';

/**
 * grids: every grid with its boundary, household count and party branch; its micro-grids; its team
 * (1+1+3+N, see staff.ts); each household linked to one of the team's leader, full-time or
 * part-time workers (包联, 30–50 households each where the grid is big enough); and the "三包一联"
 * coverage links (county leaders → townships, township leaders → villages, village cadres → grids).
 * Hazards come with the cases that grew out of them (load-cases.ts).
 */
const DAY_MS = 86_400_000;
const COVERAGE_ROLES = new Set(['LEADER', 'FULL_TIME', 'PART_TIME']);

export async function loadGrids(context: LoadContext): Promise<void> {
  const { plan, ids } = context;
  const since = context.since.getTime();
  const random = randomStream(context.seed, 'grids');
  const base = (id: string, at: Date) => [id, at, at, 1];

  const grids = context.sink('grids', 'grid', ['code', 'created_at', 'updated_at', 'version', 'name', 'kind', 'village_code', 'boundary', 'household_count', 'party_organization_id'], plan.grids.length);
  const microGrids = context.sink('grids', 'micro_grid', ['code', 'created_at', 'updated_at', 'version', 'grid_code', 'name'], plan.grids.length * 1.5);
  const staffColumns = ['id', 'created_at', 'updated_at', 'version', 'grid_code', 'micro_grid_code', 'role', 'person_id', 'user_id', 'name', 'started_at', 'ended_at', 'end_reason'];
  const staff = context.sink('grids', 'grid_staff', staffColumns, plan.grids.length * 8.5);
  const assignments = context.sink(
    'grids',
    'household_assignment',
    ['id', 'created_at', 'updated_at', 'version', 'household_id', 'staff_id', 'grid_code', 'assigned_at', 'ended_at', 'assigned_by'],
    plan.size.households,
  );

  for (const grid of plan.grids) {
    const created = context.since;
    grids.add([grid.code, created, created, 1, grid.name, grid.kind, grid.villageCode, JSON.stringify(grid.boundary), grid.households, ids.organization('branch', grid.index)]);
    const team = gridTeam(context.seed, ids, grid);
    for (const microGrid of team.microGrids) microGrids.add([microGrid.code, created, created, 1, grid.code, microGrid.name]);
    const coverageStaff: string[] = [];
    for (const member of team.staff) {
      const startedAt = new Date(since - random.int(0, 720) * DAY_MS + random.int(8, 17) * 3_600_000);
      const id = ids.staffAssignment(grid, member.position);
      staff.add([...base(id, startedAt), grid.code, member.microGridCode, member.role, ids.staffPerson(grid.code, member.position), member.userId, member.name, startedAt, null, null]);
      if (COVERAGE_ROLES.has(member.role)) coverageStaff.push(id);
    }
    // Contiguous blocks of households per worker, as a building or a lane is handed to one person.
    const perStaff = Math.ceil(grid.households / coverageStaff.length);
    for (let k = 0; k < grid.households; k += 1) {
      const assignedAt = new Date(since + random.int(0, 60) * DAY_MS);
      assignments.add([...base(ids.generic('household-assignment', grid.householdBase + k), assignedAt), ids.household(grid.householdBase + k), coverageStaff[Math.floor(k / perStaff)], grid.code, assignedAt, null, 'system']);
    }
    await Promise.all([grids.ready(), staff.ready(), assignments.ready(), microGrids.ready()]);
  }
  context.reporter.expect(microGrids, microGrids.rows);
  context.reporter.expect(staff, staff.rows);

  const links = context.sink(
    'grids',
    'coverage_link',
    ['id', 'created_at', 'updated_at', 'version', 'area_code', 'cadre_user_id', 'cadre_name', 'person_id', 'created_by'],
    plan.townships.length + plan.villages.length + plan.grids.length,
  );
  let linkIndex = 0;
  const link = (areaCode: string, cadreUserId: string, cadreName: string) =>
    links.add([...base(ids.generic('coverage-link', linkIndex++), context.since), areaCode, cadreUserId, cadreName, null, 'system']);
  const anyGridOf = (prefix: string) => plan.grids.find((grid) => grid.code.startsWith(prefix))!.code;
  const names = randomStream(context.seed, 'cadre-names');
  const cadreName = () => `${names.pick([...'王李张刘陈杨赵黄周吴徐孙沈陆钱朱顾'])}${names.pick(['建华', '志强', '国平', '海燕', '晓东', '立新', '美玲', '德明', '永庆', '春生'])}`;
  // County leaders each cover a township; the demo's county.admin covers the first.
  plan.townships.forEach((township, t) => {
    const userId = t === 0 ? ids.actorAt(HandlingLevel.COUNTY, anyGridOf(township.code), null).userId : ids.generic('county-leader', t);
    link(township.code, userId, cadreName());
  });
  for (const village of plan.villages) link(village.code, ids.actorAt(HandlingLevel.TOWNSHIP, anyGridOf(village.code), null).userId, cadreName());
  for (const grid of plan.grids) link(grid.code, ids.actorAt(HandlingLevel.VILLAGE, grid.code, null).userId, cadreName());

  await Promise.all([grids.end(), microGrids.end(), staff.end(), assignments.end(), links.end()]);
}
