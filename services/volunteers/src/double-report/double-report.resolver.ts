import { Args, Field, Int, Mutation, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentUser, Roles, type AuthUser } from '@lianxin/auth';
import { ConnectionType, PageArgs } from '@lianxin/graphql';
import { ADMIN_ROLES, STAFF_READ_ROLES } from '../common/access.js';
import { PersonReference, personRef } from '../federation/person.reference.js';
import { DoubleReport } from './double-report.entity.js';
import { YearAreaArgs, RegisterDoubleReportInput } from './double-report.inputs.js';
import { DoubleReportService } from './double-report.service.js';
import { Idempotent } from '@lianxin/platform';

@ObjectType({ description: 'Where a reported in-service member stands with the yearly duty: one service and one volunteer post. 双报到年度履职情况' })
export class DoubleReportDuty {
  @Field(() => DoubleReport, { description: 'The double report. 报到记录' })
  doubleReport: DoubleReport;

  @Field(() => Int, { description: 'Services done in the year: orders completed and activities attended. 年度服务次数' })
  servicesDone: number;

  @Field(() => Int, { description: 'Volunteer posts (team places) held by the end of the year. 认领志愿岗位数' })
  volunteerPostsHeld: number;
}

export const DoubleReportConnection = ConnectionType(DoubleReport, 'DoubleReport', 'Double reports. 双报到记录');
export const DoubleReportDutyConnection = ConnectionType(DoubleReportDuty, 'DoubleReportDuty', 'Members who have not met the yearly duty yet. 未履职党员');

@ObjectType({ description: 'The double report registered. 报到登记结果' })
export class DoubleReportPayload {
  @Field(() => DoubleReport, { description: 'The double report. 报到记录' })
  doubleReport: DoubleReport;
}

@Resolver(() => DoubleReport)
export class DoubleReportResolver {
  constructor(private readonly reports: DoubleReportService) {}

  @Query(() => DoubleReportConnection, { description: 'In-service members who reported to communities of your area for a year. 双报到名单' })
  @Roles(...STAFF_READ_ROLES)
  doubleReports(@CurrentUser() user: AuthUser, @Args() filter: YearAreaArgs, @Args() page: PageArgs) {
    return this.reports.list(user, filter, page);
  }

  @Query(() => DoubleReportDutyConnection, {
    description: 'Reported members of your area who have not yet done a service or taken a volunteer post this year. 未完成年度双报到任务的党员',
  })
  @Roles(...STAFF_READ_ROLES)
  doubleReportDuty(@CurrentUser() user: AuthUser, @Args() filter: YearAreaArgs, @Args() page: PageArgs) {
    return this.reports.unmetDuty(user, filter, page);
  }

  @Idempotent()
  @Mutation(() => DoubleReportPayload, { description: 'Register an in-service member\'s double reporting to a community of your area. 双报到登记' })
  @Roles(...ADMIN_ROLES)
  async registerDoubleReport(@CurrentUser() user: AuthUser, @Args('input', { description: 'The change. 输入' }) input: RegisterDoubleReportInput): Promise<DoubleReportPayload> {
    return { doubleReport: await this.reports.register(user, input) };
  }

  @ResolveField(() => PersonReference, { description: 'The member. 党员' })
  person(@Parent() report: DoubleReport): PersonReference {
    return personRef(report.personId);
  }
}
