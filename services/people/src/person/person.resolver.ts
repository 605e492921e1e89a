import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { ALL_ROLES, CurrentUser, Roles, type AuthUser } from '@lianxin/auth';
import { PageArgs } from '@lianxin/graphql';
import { ID_LOOKUP_ROLES, LEDGER_EDITOR_ROLES, peopleAccess } from '../access/people-access.js';
import { DateScalar } from '../common/date-scalar.js';
import type { GraphQLContext } from '../graphql-context.js';
import { Household } from '../household/household.entity.js';
import { LedgerLoaders } from '../loaders.js';
import { Grid } from '../population/grid.stub.js';
import { Tag } from '../tag/tag.entity.js';
import { ResidenceStatus, Sex } from './person-enums.js';
import { Person } from './person.entity.js';
import { MovePersonInput, PersonFilter, RegisterPersonInput, TagPersonInput, UntagPersonInput, UpdatePersonInput } from './person.inputs.js';
import { PersonService } from './person.service.js';
import { PersonConnection, PersonPayload } from './person.types.js';
import { Residence } from './residence.entity.js';
import { TagAssignment } from './tag-assignment.entity.js';

const HIDDEN = 'Null when your role sees names only. 无权查看时为空';

@Resolver(() => Person)
export class PersonResolver {
  constructor(
    private readonly service: PersonService,
    private readonly loaders: LedgerLoaders,
  ) {}

  @Query(() => Person, { description: 'One person in your area (residents: only themselves). 按ID查询人员' })
  @Roles(...ALL_ROLES)
  person(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID, description: 'Person id. 人员ID' }) id: string): Promise<Person> {
    return this.service.get(user, id);
  }

  @Query(() => PersonConnection, { description: 'Persons in your area; filter by area, name, tags, status or household. 本辖区人员' })
  @Roles(...ALL_ROLES)
  persons(
    @CurrentUser() user: AuthUser,
    @Args() page: PageArgs,
    @Args('filter', { type: () => PersonFilter, nullable: true, description: 'Filter. 筛选条件' }) filter?: PersonFilter,
  ) {
    return this.service.search(user, filter, page);
  }

  @Query(() => Person, { nullable: true, description: 'The person linked to your own account, if any. 本人信息' })
  @Roles(...ALL_ROLES)
  myPerson(@CurrentUser() user: AuthUser): Promise<Person | null> {
    return this.service.mine(user);
  }

  @Query(() => Person, { nullable: true, description: 'Exact look-up by resident ID number in your area; audited. 按身份证号查询（留痕）' })
  @Roles(...ID_LOOKUP_ROLES)
  personByIdNumber(@CurrentUser() user: AuthUser, @Args('idNumber', { description: 'Resident ID number (18 characters). 身份证号' }) idNumber: string): Promise<Person | null> {
    return this.service.byIdNumber(user, idNumber);
  }

  @Mutation(() => PersonPayload, { description: 'Register a person in a grid of your area. 登记人员' })
  @Roles(...LEDGER_EDITOR_ROLES)
  async registerPerson(@CurrentUser() user: AuthUser, @Args('input') input: RegisterPersonInput): Promise<PersonPayload> {
    return { person: await this.service.register(user, input) };
  }

  @Mutation(() => PersonPayload, { description: 'Change a person\'s details. 修改人员信息' })
  @Roles(...LEDGER_EDITOR_ROLES)
  async updatePerson(@CurrentUser() user: AuthUser, @Args('input') input: UpdatePersonInput): Promise<PersonPayload> {
    return { person: await this.service.update(user, input) };
  }

  @Mutation(() => PersonPayload, { description: 'Give a person a focus tag. 添加人员标签' })
  @Roles(...LEDGER_EDITOR_ROLES)
  async tagPerson(@CurrentUser() user: AuthUser, @Args('input') input: TagPersonInput): Promise<PersonPayload> {
    return { person: await this.service.tag(user, input) };
  }

  @Mutation(() => PersonPayload, { description: 'End a person\'s focus tag. 结束人员标签' })
  @Roles(...LEDGER_EDITOR_ROLES)
  async untagPerson(@CurrentUser() user: AuthUser, @Args('input') input: UntagPersonInput): Promise<PersonPayload> {
    return { person: await this.service.untag(user, input) };
  }

  @Mutation(() => PersonPayload, { description: 'Move a person to another grid of your area, keeping the history. 人员迁移' })
  @Roles(...LEDGER_EDITOR_ROLES)
  async movePerson(@CurrentUser() user: AuthUser, @Args('input') input: MovePersonInput): Promise<PersonPayload> {
    return { person: await this.service.move(user, input) };
  }

  @ResolveField(() => Sex, { nullable: true, description: `Sex. 性别. ${HIDDEN}` })
  sex(@CurrentUser() user: AuthUser, @Parent() person: Person): Sex | null {
    return peopleAccess(user).details ? person.sex : null;
  }

  @ResolveField(() => DateScalar, { nullable: true, description: `Birth date. 出生日期. ${HIDDEN}` })
  birthDate(@CurrentUser() user: AuthUser, @Parent() person: Person): string | null {
    return peopleAccess(user).details ? person.birthDate : null;
  }

  @ResolveField(() => String, { nullable: true, description: `ID number, masked (330402********1234); see revealPersonalData. 身份证号（脱敏）. ${HIDDEN}` })
  idNumber(@CurrentUser() user: AuthUser, @Parent() person: Person): string | null {
    return peopleAccess(user).details ? person.idNumberMasked : null;
  }

  @ResolveField(() => String, { nullable: true, description: `Phone number, masked (138****5678). 手机号（脱敏）. ${HIDDEN}` })
  phone(@CurrentUser() user: AuthUser, @Parent() person: Person): string | null {
    return peopleAccess(user).details ? person.phoneMasked : null;
  }

  @ResolveField(() => String, { nullable: true, description: `Address. 住址. ${HIDDEN}` })
  address(@CurrentUser() user: AuthUser, @Parent() person: Person): string | null {
    return peopleAccess(user).details ? person.address : null;
  }

  @ResolveField(() => ResidenceStatus, { nullable: true, description: `Residence status. 居住状态. ${HIDDEN}` })
  residenceStatus(@CurrentUser() user: AuthUser, @Parent() person: Person): ResidenceStatus | null {
    return peopleAccess(user).details ? person.residenceStatus : null;
  }

  @ResolveField(() => Grid, { description: 'The grid the person lives in (details from the grids subgraph). 所属网格' })
  grid(@Parent() person: Person): Grid {
    return { code: person.gridCode };
  }

  @ResolveField(() => Household, { nullable: true, description: 'Household, if you may read households. 所属户' })
  household(@CurrentUser() user: AuthUser, @Parent() person: Person, @Context() context: GraphQLContext) {
    return person.householdId && peopleAccess(user).details ? this.loaders.household(context).load(person.householdId) : null;
  }

  @ResolveField(() => [Tag], { nullable: true, description: `Focus tags carried now; sensitive ones only for roles that need them. 当前标签. ${HIDDEN}` })
  tags(@CurrentUser() user: AuthUser, @Parent() person: Person, @Context() context: GraphQLContext) {
    return peopleAccess(user).details ? this.loaders.activeTags(context).load(person.id) : null;
  }

  @ResolveField(() => [TagAssignment], { nullable: true, description: `Tag history with dates. 标签记录（含起止日期）. ${HIDDEN}` })
  tagAssignments(@CurrentUser() user: AuthUser, @Parent() person: Person, @Context() context: GraphQLContext) {
    return peopleAccess(user).details ? this.loaders.tagAssignments(context).load(person.id) : null;
  }

  @ResolveField(() => [Residence], { nullable: true, description: `Where the person lived, oldest first. 居住记录. ${HIDDEN}` })
  residenceHistory(@CurrentUser() user: AuthUser, @Parent() person: Person, @Context() context: GraphQLContext) {
    return peopleAccess(user).details ? this.loaders.residences(context).load(person.id) : null;
  }

  @ResolveReference()
  resolveReference(reference: { id: string }, context: GraphQLContext): Promise<Person | null> {
    return this.loaders.person(context).load(reference.id);
  }
}

@Resolver(() => TagAssignment)
export class TagAssignmentResolver {
  constructor(private readonly loaders: LedgerLoaders) {}

  @ResolveField(() => Tag, { description: 'The tag. 标签' })
  async tag(@Parent() assignment: TagAssignment, @Context() context: GraphQLContext): Promise<Tag> {
    return (await this.loaders.visibleTags(context)).get(assignment.tagCode)!;
  }
}
