import { EntityManager, MikroORM, RequestContext } from '@mikro-orm/postgresql';
import { NestFactory } from '@nestjs/core';
import { pino } from 'pino';
import { Role, type AuthUser } from '@lianxin/auth';
import { AppModule } from './app.module.js';
import { seedCareDemo } from './demo/care-demo.js';
import { CoverageLink } from './coverage-link/coverage-link.entity.js';
import { CoverageLinkService } from './coverage-link/coverage-link.service.js';
import { DEMO_COVERAGE_LINKS, DEMO_HAZARDS, DEMO_KEY_PLACES, DEMO_PATROLS, DEMO_VISITS, demoGrids } from './demo-data.js';
import { householdIdFor, personIdFor } from './demo-ids.js';
import { Hazard } from './field-work/hazard.entity.js';
import { HazardService } from './field-work/hazard.service.js';
import { KeyPlace } from './field-work/key-place.entity.js';
import { KeyPlaceService } from './field-work/key-place.service.js';
import { Patrol } from './field-work/patrol.entity.js';
import { PatrolService } from './field-work/patrol.service.js';
import { Visit } from './field-work/visit.entity.js';
import { VisitService } from './field-work/visit.service.js';
import { Grid } from './grid/grid.entity.js';
import { GridService } from './grid/grid.service.js';
import { MicroGrid } from './micro-grid/micro-grid.entity.js';
import { MicroGridService } from './micro-grid/micro-grid.service.js';
import { GridStaff } from './staff/grid-staff.entity.js';
import { GridStaffRole } from './staff/staff-role.js';
import { StaffService } from './staff/staff.service.js';

/**
 * Loads the demo grids of 南湖区 through the services (so events go out as for any change); each
 * record is looked up first, so running it again adds only what is missing.
 */
const logger = pino({ name: 'grids-seed' });
const DAY_MS = 24 * 60 * 60_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS);

/** Field work is recorded as the staff member who did it: their own account if they have one. */
function actingAs(staff: GridStaff): AuthUser {
  return { sub: staff.userId ?? 'system', username: staff.name, roles: [Role.GRID_WORKER], areaCode: staff.gridCode };
}

const app = await NestFactory.createApplicationContext(AppModule, { logger: false });
const orm = app.get(MikroORM);
const created: Record<string, number> = {};
const count = (what: string) => (created[what] = (created[what] ?? 0) + 1);

async function fullTimeWorkerOf(em: EntityManager, gridCode: string): Promise<GridStaff> {
  const staff = await em.findOne(GridStaff, { gridCode, role: GridStaffRole.FULL_TIME, endedAt: null }, { orderBy: { startedAt: 'asc' } });
  if (!staff) throw new Error(`demo grid ${gridCode} has no full-time worker`);
  return staff;
}

try {
  await RequestContext.create(orm.em, async () => {
    const em = orm.em;
    const grids = demoGrids();
    for (const [index, grid] of grids.entries()) {
      if (!(await em.findOne(Grid, { code: grid.code }))) {
        const { code, name, kind, boundary, householdCount } = grid;
        await app.get(GridService).create('system', { code, name, kind, boundary, householdCount });
        count('grids');
      }
      for (const microGrid of grid.microGrids) {
        if (!(await em.findOne(MicroGrid, { code: microGrid.code }))) {
          await app.get(MicroGridService).create('system', microGrid);
          count('microGrids');
        }
      }
      for (const staff of grid.staff) {
        const personId = personIdFor(staff.key);
        if (!(await em.findOne(GridStaff, { gridCode: grid.code, personId, role: staff.role, endedAt: null }))) {
          await app.get(StaffService).assign('system', {
            gridCode: grid.code,
            microGridCode: staff.microGridCode,
            role: staff.role,
            personId,
            name: staff.name,
            userId: staff.userId,
          });
          count('staff');
        }
      }
      logger.info({ step: 'grids', done: index + 1, total: grids.length, grid: grid.code }, 'seeding grids and teams');
    }

    for (const place of DEMO_KEY_PLACES) {
      if (!(await em.findOne(KeyPlace, { gridCode: place.gridCode, name: place.name }))) {
        await app.get(KeyPlaceService).register('system', place);
        count('keyPlaces');
      }
    }
    logger.info({ step: 'key places', total: DEMO_KEY_PLACES.length }, 'seeding key places');

    for (const patrol of DEMO_PATROLS) {
      const place = await em.findOneOrFail(KeyPlace, { name: patrol.keyPlace });
      if (await em.findOne(Patrol, { keyPlaceId: place.id })) continue;
      const worker = await fullTimeWorkerOf(em, place.gridCode);
      await app.get(PatrolService).record(actingAs(worker), {
        keyPlaceId: place.id,
        staffId: worker.id,
        patrolledAt: daysAgo(patrol.daysAgo),
        notes: patrol.notes,
        hazards: patrol.hazards,
      });
      count('patrols');
    }
    for (const hazard of DEMO_HAZARDS) {
      if (await em.findOne(Hazard, { gridCode: hazard.gridCode, description: hazard.description })) continue;
      const worker = await fullTimeWorkerOf(em, hazard.gridCode);
      await app.get(HazardService).report(actingAs(worker), { ...hazard, staffId: worker.id });
      count('hazards');
    }
    logger.info({ step: 'patrols and hazards', total: DEMO_PATROLS.length + DEMO_HAZARDS.length }, 'seeding patrols and hazards');

    for (const visit of DEMO_VISITS) {
      const worker = await fullTimeWorkerOf(em, visit.gridCode);
      const householdId = householdIdFor(`household:${visit.gridCode}:${visit.household}`);
      if (await em.findOne(Visit, { staffId: worker.id, householdId })) continue;
      await app.get(VisitService).record(actingAs(worker), {
        householdId,
        staffId: worker.id,
        visitedAt: daysAgo(visit.daysAgo),
        findings: visit.findings,
        diary: visit.diary ?? undefined,
      });
      count('visits');
    }
    logger.info({ step: 'visits', total: DEMO_VISITS.length }, 'seeding visits');

    for (const link of DEMO_COVERAGE_LINKS) {
      if (await em.findOne(CoverageLink, { areaCode: link.areaCode, cadreUserId: link.cadre.id })) continue;
      await app.get(CoverageLinkService).create('system', { areaCode: link.areaCode, cadreUserId: link.cadre.id, cadreName: link.cadre.name });
      count('coverageLinks');
    }
    const care = await seedCareDemo(app, em);
    logger.info({ step: 'care', total: care.households, raised: care.raised }, 'seeding care schedules');
    logger.info({ created }, 'grids demo data loaded');
  });
} finally {
  await app.close();
}
