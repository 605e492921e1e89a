import type { EntityManager } from '@mikro-orm/postgresql';
import type { INestApplicationContext } from '@nestjs/common';
import { householdIdFor, personIdFor } from '../demo-ids.js';
import { CareService } from '../care/care.service.js';
import { addDays, chinaDay } from '../care/care-schedule.js';
import { CoverageService } from '../coverage/coverage.service.js';
import { HouseholdAssignment } from '../coverage/household-assignment.entity.js';
import { Visit } from '../field-work/visit.entity.js';
import { GridStaff } from '../staff/grid-staff.entity.js';
import { GridStaffRole } from '../staff/staff-role.js';

/**
 * The demo care schedule (§8.3): the households of the people demo whose members carry care tags in
 * two grids (禾兴社区 grid 001 — grid.worker's — and 紫阳社区 grid 001 — grid.worker2's), linked to the
 * grid's full-time worker, with slots from three weeks back: the demo visits fulfil some, the rest
 * of those weeks is overdue (raised as grids.care.overdue, which cases turns into CARE_OVERDUE
 * warnings). Members as services/people/src/demo/demo-population.ts makes them (its people seed
 * publishes the same tags as people.person.care_tags; these rows are overwritten by them).
 */
export const DEMO_CARE: ReadonlyArray<{ gridCode: string; household: number; members: Array<{ key: string; tags: string[]; birthday: string }> }> = [
  { gridCode: '330402001001001', household: 1, members: [{ key: 'resident:1', tags: ['LIVING_ALONE_ELDERLY'], birthday: '09-19' }] },
  { gridCode: '330402001001001', household: 9, members: [{ key: 'resident:22', tags: ['EMPTY_NEST_ELDERLY'], birthday: '08-14' }, { key: 'resident:23', tags: ['EMPTY_NEST_ELDERLY'], birthday: '09-28' }] },
  { gridCode: '330402001001001', household: 12, members: [{ key: 'resident:32', tags: ['LIVING_ALONE_ELDERLY'], birthday: '07-29' }] },
  { gridCode: '330402001001001', household: 20, members: [{ key: 'resident:54', tags: ['LIVING_ALONE_ELDERLY'], birthday: '09-09' }] },
  { gridCode: '330402001001001', household: 28, members: [{ key: 'resident:75', tags: ['HARDSHIP'], birthday: '10-17' }] },
  { gridCode: '330402001001001', household: 31, members: [{ key: 'resident:84', tags: ['EMPTY_NEST_ELDERLY'], birthday: '08-08' }, { key: 'resident:85', tags: ['EMPTY_NEST_ELDERLY'], birthday: '12-31' }] },
  { gridCode: '330402001001001', household: 34, members: [{ key: 'resident:97', tags: ['LEFT_BEHIND_CHILD'], birthday: '07-23' }, { key: 'resident:98', tags: ['LEFT_BEHIND_CHILD'], birthday: '11-24' }] },
  { gridCode: '330402001002001', household: 1, members: [{ key: 'resident:326', tags: ['EMPTY_NEST_ELDERLY'], birthday: '07-27' }, { key: 'resident:327', tags: ['EMPTY_NEST_ELDERLY'], birthday: '09-07' }] },
  { gridCode: '330402001002001', household: 4, members: [{ key: 'resident:333', tags: ['EMPTY_NEST_ELDERLY'], birthday: '08-02' }, { key: 'resident:334', tags: ['EMPTY_NEST_ELDERLY'], birthday: '07-26' }] },
  { gridCode: '330402001002001', household: 7, members: [{ key: 'resident:338', tags: ['LIVING_ALONE_ELDERLY'], birthday: '09-19' }] },
  { gridCode: '330402001002001', household: 16, members: [{ key: 'resident:369', tags: ['LEFT_BEHIND_CHILD'], birthday: '09-16' }] },
];

/** Days back the demo schedule starts. */
const SINCE_DAYS = 21;

export async function seedCareDemo(app: INestApplicationContext, em: EntityManager): Promise<{ households: number; raised: number }> {
  const care = app.get(CareService);
  const today = chinaDay(new Date());
  let households = 0;
  for (const entry of DEMO_CARE) {
    const householdId = householdIdFor(`household:${entry.gridCode}:${entry.household}`);
    const worker = await em.findOne(GridStaff, { gridCode: entry.gridCode, role: GridStaffRole.FULL_TIME, endedAt: null });
    if (!worker) continue;
    if (!(await em.findOne(HouseholdAssignment, { householdId, endedAt: null }))) {
      await app.get(CoverageService).assign('system', { householdId, staffId: worker.id });
    }
    const already = await em.execute<Array<{ n: string }>>(`select count(*) as n from care_slot where household_id = ?`, [householdId]);
    if (Number(already[0].n) > 0) continue;
    await em.fork().transactional(async (tx) => {
      for (const member of entry.members) {
        await care.applySubject(tx, { personId: personIdFor(member.key), householdId, gridCode: entry.gridCode, tags: member.tags, birthday: member.birthday, version: 0 }, today);
      }
      await care.writeSchedule(tx, householdId, addDays(today, -SINCE_DAYS));
      for (const visit of await tx.find(Visit, { householdId })) await care.fulfilVisit(tx, visit);
    });
    households += 1;
  }
  const raised = await care.raiseOverdue(today);
  return { households, raised };
}
