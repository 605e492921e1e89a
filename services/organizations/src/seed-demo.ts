import { MikroORM, RequestContext } from '@mikro-orm/postgresql';
import { NestFactory } from '@nestjs/core';
import { pino } from 'pino';
import { AppModule } from './app.module.js';
import { Area } from './area/area.entity.js';
import { AreaService } from './area/area.service.js';
import { DEMO_AREAS, DEMO_DEPARTMENTS, demoOrganizations } from './demo-data.js';
import { Department } from './department/department.entity.js';
import { DepartmentService } from './department/department.service.js';
import { Organization } from './organization/organization.entity.js';
import { OrganizationService } from './organization/organization.service.js';
import { CountySettingsService } from './county-settings/county-settings.service.js';
import { seedDemoCountySettings } from './demo/demo-county-settings.js';

/** Loads the demo county through the services (so events go out as for any change); safe to run again. */
const logger = pino({ name: 'organizations-seed' });
const app = await NestFactory.createApplicationContext(AppModule, { logger: false });
const orm = app.get(MikroORM);
try {
  await RequestContext.create(orm.em, async () => {
    const em = orm.em;
    const areas = app.get(AreaService);
    let created = 0;
    for (const [index, area] of DEMO_AREAS.entries()) {
      if (!(await em.findOne(Area, { code: area.code }))) {
        await areas.create('system', { code: area.code, name: area.name });
        created += 1;
      }
      logger.info({ step: 'areas', done: index + 1, total: DEMO_AREAS.length }, 'seeding areas');
    }
    const departments = app.get(DepartmentService);
    for (const department of DEMO_DEPARTMENTS) {
      if (!(await em.findOne(Department, { areaCode: '330402', code: department.code }))) {
        await departments.create('system', { ...department, areaCode: '330402' });
        created += 1;
      }
    }
    const organizations = app.get(OrganizationService);
    for (const organization of demoOrganizations()) {
      if (!(await em.findOne(Organization, { name: organization.name, areaCode: organization.areaCode }))) {
        await organizations.create('system', organization);
        created += 1;
      }
    }
    created += await seedDemoCountySettings(em, app.get(CountySettingsService));
    logger.info({ created }, 'organizations demo data loaded');
  });
} finally {
  await app.close();
}
