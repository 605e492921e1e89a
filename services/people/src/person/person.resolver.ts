import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { ALL_ROLES, CurrentUser, Roles, type AuthUser } from '@lianxin/auth';
import { PageArgs } from '@lianxin/graphql';
import { PersonAccess } from '../access/person-access.service.js';
import { ID_LOOKUP_ROLES, LEDGER_EDITOR_ROLES, LOOKUP_GRANT_DAYS, LOOKUPS_PER_HOUR, READERS, Visibility } from '../access/person-field.policy.js';
import { DateScalar } from '../common/date-scalar.js';
import type { GraphQLContext } from '../graphql-context.js';
import { Household } from '../household/household.entity.js';
import { LedgerLoaders } from '../loaders.js';
import { Grid } from '../population/grid.stub.js';
import { Tag } from '../tag/tag.entity.js';
import { ResidenceStatus, Sex } from './person-enums.js';
import { Person } from './person.entity.js';
import { LookUpPersonInput, MovePersonInput, PersonFilter, RegisterPersonInput, TagPersonInput, UntagPersonInput, UpdatePersonInput } from './person.inputs.js';
import { PersonService } from './person.service.js';
import { LookUpPersonPayload, PersonConnection, PersonPayload } from './person.types.js';
import { Residence } from './residence.entity.js';
import { TagAssignment } from './tag-assignment.entity.js';

const HIDDEN = 'Null where the field policy gives your role none of it. 按字段策略无权查看时为空';

@Resolver(() => Person)
export class PersonResolver {
  constructor(
    private readonly service: PersonService,
    private readonly loaders: LedgerLoaders,
    private readonly access: PersonAccess,
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

  @Query(() => Person, {
    nullable: true,
    description:
      'Exact look-up by resident ID number among the persons you already read; audited, rate-limited with lookUpPerson. 按身份证号查询（仅限可查看的人员，留痕）',
    deprecationReason: 'Use lookUpPerson, which states the purpose kept in the audit log. 请改用 lookUpPerson（须说明用途）',
  })
  @Roles(...ID_LOOKUP_ROLES)
  personByIdNumber(@CurrentUser() user: AuthUser, @Args('idNumber', { description: 'Resident ID number (18 characters). 身份证号' }) idNumber: string): Promise<Person | null> {
    return this.service.lookUp(user, idNumber, null);
  }

  @Mutation(() => LookUpPersonPayload, {
    description:
      `Find one person in your area by full ID number, stating why (kept in the audit log); at most ${LOOKUPS_PER_HOUR} per hour. ` +
      `Department staff may then read that person for ${LOOKUP_GRANT_DAYS} days. 按身份证号查找人员（须说明用途，留痕，限频）`,
  })
  @Roles(...ID_LOOKUP_ROLES)
  async lookUpPerson(@CurrentUser() user: AuthUser, @Args('input') input: LookUpPersonInput): Promise<LookUpPersonPayload> {
    return { person: await this.service.lookUp(user, input.idNumber, input.purpose) };
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
  async sex(@CurrentUser() user: AuthUser, @Parent() person: Person, @Context() context: GraphQLContext): Promise<Sex | null> {
    return READERS.sex((await this.access.fields(user, person, context)).sex, person);
  }

  @ResolveField(() => DateScalar, { nullable: true, description: `Birth date; roles without need for it read birthYear only. 出生日期（部分角色仅见出生年份）. ${HIDDEN}` })
  async birthDate(@CurrentUser() user: AuthUser, @Parent() person: Person, @Context() context: GraphQLContext): Promise<string | null> {
    return READERS.birthDate((await this.access.fields(user, person, context)).birthDate, person);
  }

  @ResolveField(() => Int, { nullable: true, description: `Year of birth (ages); shown where the birth date or only its year may be read. 出生年份. ${HIDDEN}` })
  async birthYear(@CurrentUser() user: AuthUser, @Parent() person: Person, @Context() context: GraphQLContext): Promise<number | null> {
    return READERS.birthYear((await this.access.fields(user, person, context)).birthDate, person);
  }

  @ResolveField(() => String, {
    nullable: true,
    description: `ID number, masked to its 6-digit region (330402************); the clear number only through revealPersonalData. 身份证号（脱敏，仅显示前6位地区码）. ${HIDDEN}`,
  })
  async idNumber(@CurrentUser() user: AuthUser, @Parent() person: Person, @Context() context: GraphQLContext): Promise<string | null> {
    return READERS.idNumber((await this.access.fields(user, person, context)).idNumber, person);
  }

  @ResolveField(() => String, { nullable: true, description: `Phone number, masked to its last 4 digits (*******5678). 手机号（脱敏，仅显示后4位）. ${HIDDEN}` })
  async phone(@CurrentUser() user: AuthUser, @Parent() person: Person, @Context() context: GraphQLContext): Promise<string | null> {
    return READERS.phone((await this.access.fields(user, person, context)).phone, person);
  }

  @ResolveField(() => String, { nullable: true, description: `Address. 住址. ${HIDDEN}` })
  async address(@CurrentUser() user: AuthUser, @Parent() person: Person, @Context() context: GraphQLContext): Promise<string | null> {
    return READERS.address((await this.access.fields(user, person, context)).address, person);
  }

  @ResolveField(() => ResidenceStatus, { nullable: true, description: `Residence status. 居住状态. ${HIDDEN}` })
  async residenceStatus(@CurrentUser() user: AuthUser, @Parent() person: Person, @Context() context: GraphQLContext): Promise<ResidenceStatus | null> {
    return READERS.residenceStatus((await this.access.fields(user, person, context)).residenceStatus, person) as ResidenceStatus | null;
  }

  @ResolveField(() => Grid, { description: 'The grid the person lives in (details from the grids subgraph). 所属网格' })
  grid(@Parent() person: Person): Grid {
    return { code: person.gridCode };
  }

  @ResolveField(() => Household, { nullable: true, description: `Household, if you may read households. 所属户. ${HIDDEN}` })
  async household(@CurrentUser() user: AuthUser, @Parent() person: Person, @Context() context: GraphQLContext) {
    if (!person.householdId || (await this.access.fields(user, person, context)).household !== Visibility.FULL) return null;
    return this.loaders.household(context).load(person.householdId);
  }

  @ResolveField(() => [Tag], { nullable: true, description: `Focus tags carried now; sensitive ones only for roles that need them. 当前标签. ${HIDDEN}` })
  async tags(@CurrentUser() user: AuthUser, @Parent() person: Person, @Context() context: GraphQLContext) {
    const fields = await this.access.fields(user, person, context);
    if (fields.tags === Visibility.NONE && fields.sensitiveTags === Visibility.NONE) return null;
    const tags = (await this.loaders.activeTags(context).load(person.id)) ?? [];
    return tags.filter((tag) => (tag.sensitive ? fields.sensitiveTags : fields.tags) === Visibility.FULL);
  }

  @ResolveField(() => [TagAssignment], { nullable: true, description: `Tag history with dates. 标签记录（含起止日期）. ${HIDDEN}` })
  async tagAssignments(@CurrentUser() user: AuthUser, @Parent() person: Person, @Context() context: GraphQLContext) {
    const fields = await this.access.fields(user, person, context);
    if (fields.tagAssignments === Visibility.NONE) return null;
    const [assignments, visible] = await Promise.all([this.loaders.tagAssignments(context).load(person.id), this.loaders.visibleTags(context)]);
    return (assignments ?? []).filter((assignment) => (visible.get(assignment.tagCode)?.sensitive ? fields.sensitiveTags : fields.tags) === Visibility.FULL);
  }

  @ResolveField(() => [Residence], { nullable: true, description: `Where the person lived, oldest first. 居住记录. ${HIDDEN}` })
  async residenceHistory(@CurrentUser() user: AuthUser, @Parent() person: Person, @Context() context: GraphQLContext) {
    return (await this.access.fields(user, person, context)).residenceHistory === Visibility.FULL ? this.loaders.residences(context).load(person.id) : null;
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
