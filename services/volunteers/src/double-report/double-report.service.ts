import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@lianxin/auth';
import { prefixPattern } from '@lianxin/db';
import { badUserInput, conflict, forbidden, paginate, type Connection, type PageArgs } from '@lianxin/graphql';
import { assertMayManage, isStaffReader } from '../common/access.js';
import { areaCondition } from '../common/area-filter.js';
import { PersonScope } from '../common/person-scope.js';
import { yearPeriod } from '../common/periods.js';
import { conflictOnDuplicate } from '../common/unique-violation.js';
import { SERVED_STATUSES } from '../order/order-enums.js';
import { DoubleReport } from './double-report.entity.js';
import type { YearAreaArgs, RegisterDoubleReportInput } from './double-report.inputs.js';

export interface DutyStanding {
  doubleReport: DoubleReport;
  servicesDone: number;
  volunteerPostsHeld: number;
}

/**
 * Services a reported member did in the year (orders they completed, activities they attended) and
 * volunteer posts (team memberships) they held by its end; the duty is one of each.
 */
const DUTY_SQL = `
  select d.id,
    (select count(*) from service_order o join volunteer v on v.id = o.claimant_volunteer_id
      where v.person_id = d.person_id and o.status in (?) and o.completed_at >= ? and o.completed_at < ?)
    + (select count(*) from activity_sign_up s join volunteer v on v.id = s.volunteer_id
      where v.person_id = d.person_id and s.attended_at >= ? and s.attended_at < ?) as services_done,
    (select count(*) from team_membership m join volunteer v on v.id = m.volunteer_id
      where v.person_id = d.person_id and m.joined_at < ?) as posts_held
  from double_report d
  where d.year = ? and d.area_code like ?`;

@Injectable()
export class DoubleReportService {
  constructor(
    private readonly em: EntityManager,
    private readonly persons: PersonScope,
  ) {}

  async register(user: AuthUser, input: RegisterDoubleReportInput): Promise<DoubleReport> {
    assertMayManage(user, input.villageCode, 'register double reports');
    const workUnit = input.workUnit.trim();
    if (!workUnit) throw badUserInput('workUnit', 'must not be blank');
    const duplicate = `person ${input.personId} already reported for ${input.year}`;
    return conflictOnDuplicate(
      () =>
        this.em.transactional(async (em) => {
          // §8.7: members report to the community where they live; staff name only residents of their area.
          await this.persons.assertMayName(em, user, input.personId, 'personId');
          if (await em.findOne(DoubleReport, { personId: input.personId, year: input.year })) throw conflict(duplicate);
          return em.create(DoubleReport, { personId: input.personId, workUnit, areaCode: input.villageCode, year: input.year, registeredByUserId: user.sub });
        }),
      duplicate,
    );
  }

  list(user: AuthUser, filter: YearAreaArgs, page: PageArgs): Promise<Connection<DoubleReport>> {
    this.assertReader(user);
    const where = { $and: [areaCondition(user.areaCode, filter.areaCode), { year: filter.year }] };
    return paginate(
      page,
      ({ limit, afterKey }) => this.em.find(DoubleReport, afterKey ? { $and: [where, { id: { $gt: afterKey } }] } : where, { orderBy: { id: 'asc' }, limit }),
      (report) => report.id,
      () => this.em.count(DoubleReport, where),
    );
  }

  /** Reported members of the year who have not yet done a service or do not hold a volunteer post. */
  unmetDuty(user: AuthUser, filter: YearAreaArgs, page: PageArgs): Promise<Connection<DutyStanding>> {
    this.assertReader(user);
    const area = filter.areaCode ?? user.areaCode;
    if (!area.startsWith(user.areaCode)) throw forbidden(`area ${area} is outside your area ${user.areaCode}`);
    const { start, end } = yearPeriod(filter.year);
    const params = [SERVED_STATUSES, start, end, start, end, end, filter.year, prefixPattern(area)];
    const unmet = `from (${DUTY_SQL}) duty where (duty.services_done < 1 or duty.posts_held < 1)`;
    return paginate(
      page,
      async ({ limit, afterKey }) => {
        const rows = await this.em.execute<Array<{ id: string; services_done: string; posts_held: string }>>(
          `select * ${unmet} ${afterKey ? 'and duty.id > ?' : ''} order by duty.id limit ?`,
          [...params, ...(afterKey ? [afterKey] : []), limit],
        );
        const reports = await this.em.find(DoubleReport, { id: { $in: rows.map((row) => row.id) } });
        const byId = new Map(reports.map((report) => [report.id, report]));
        return rows.map((row) => ({ doubleReport: byId.get(row.id)!, servicesDone: Number(row.services_done), volunteerPostsHeld: Number(row.posts_held) }));
      },
      (standing) => standing.doubleReport.id,
      async () => Number((await this.em.execute<Array<{ n: string }>>(`select count(*) as n ${unmet}`, params))[0].n),
    );
  }

  private assertReader(user: AuthUser): void {
    if (!isStaffReader(user)) throw forbidden('double reports are for staff and auditors');
  }
}
