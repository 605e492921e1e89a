import { Args, Context, Field, Mutation, ObjectType, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { ALL_ROLES, authenticatedUser, CurrentUser, Role, Roles, type AuthUser, type RequestWithUser } from '@lianxin/auth';
import { byKeys, ConnectionType, PageArgs, requestLoader } from '@lianxin/graphql';
import { Grid } from './grid.stub.js';
import { PoliceRecord } from './record.entity.js';
import { CreatePoliceRecordInput } from './record.inputs.js';
import { RecordService } from './record.service.js';

export const PoliceRecordConnection = ConnectionType(PoliceRecord, 'PoliceRecord', 'Police records. 部门网格记录');

@ObjectType('CreatePoliceRecordPayload', { description: 'The created record. 新建的记录' })
export class CreatePoliceRecordPayload {
  @Field(() => PoliceRecord)
  record: PoliceRecord;
}

@Resolver(() => PoliceRecord)
export class RecordResolver {
  constructor(private readonly service: RecordService) {}

  @Query(() => PoliceRecordConnection, { name: 'policeRecords', description: 'Police records in your area. 本辖区部门网格记录' })
  @Roles(...ALL_ROLES)
  records(@CurrentUser() user: AuthUser, @Args() page: PageArgs) {
    return this.service.list(user, page);
  }

  @Mutation(() => CreatePoliceRecordPayload, { name: 'createPoliceRecord', description: 'Record something about a grid. 新建部门网格记录' })
  @Roles(Role.DEPARTMENT_STAFF, Role.COUNTY_ADMIN, Role.TOWNSHIP_ADMIN, Role.VILLAGE_ADMIN, Role.GRID_LEADER, Role.GRID_WORKER)
  async create(@CurrentUser() user: AuthUser, @Args('input') input: CreatePoliceRecordInput): Promise<CreatePoliceRecordPayload> {
    return { record: await this.service.create(user, input) };
  }

  @ResolveField(() => Grid, { description: 'The grid the record is about. 所属网格' })
  grid(@Parent() record: PoliceRecord): Grid {
    return { code: record.gridCode };
  }

  @ResolveReference()
  resolveReference(reference: { id: string }, context: { req: RequestWithUser }): Promise<PoliceRecord | null> {
    const user = authenticatedUser(context);
    return requestLoader<string, PoliceRecord>(context, 'policeRecord', async (ids) =>
      byKeys(ids, await this.service.findInScope(user, ids), (record) => record.id),
    ).load(reference.id);
  }
}

@Resolver(() => Grid)
export class GridRecordsResolver {
  constructor(private readonly service: RecordService) {}

  @ResolveField(() => PoliceRecordConnection, { name: 'policeRecords', description: 'Police records of this grid. 本网格部门记录' })
  records(@Parent() grid: Grid, @Args() page: PageArgs, @Context() context: { req: RequestWithUser }) {
    return this.service.list(authenticatedUser(context), page, grid.code);
  }
}
