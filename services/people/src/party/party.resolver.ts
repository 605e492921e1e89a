import { Args, Context, Field, Mutation, ObjectType, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentUser, Roles, type AuthUser } from '@lianxin/auth';
import { PersonAccess } from '../access/person-access.service.js';
import { PARTY_EDITOR_ROLES, Visibility } from '../access/person-field.policy.js';
import type { GraphQLContext } from '../graphql-context.js';
import { LedgerLoaders } from '../loaders.js';
import { Person } from '../person/person.entity.js';
import { Area } from '../population/area.stub.js';
import { Organization } from './organization.stub.js';
import { PartyMembership } from './party-membership.entity.js';
import { SetPartyMembershipInput } from './party.inputs.js';
import { PartyService } from './party.service.js';

@ObjectType({ description: 'The membership after the change. 变更后的党员信息' })
export class PartyMembershipPayload {
  @Field(() => PartyMembership, { description: 'The membership. 党员信息' })
  partyMembership: PartyMembership;
}

@Resolver(() => PartyMembership)
export class PartyMembershipResolver {
  constructor(private readonly service: PartyService) {}

  @Mutation(() => PartyMembershipPayload, { description: 'Record or change the party membership of a person in your area. 登记/修改党员信息' })
  @Roles(...PARTY_EDITOR_ROLES)
  async setPartyMembership(@CurrentUser() user: AuthUser, @Args('input') input: SetPartyMembershipInput): Promise<PartyMembershipPayload> {
    return { partyMembership: await this.service.set(user, input) };
  }

  @ResolveField(() => Organization, { nullable: true, description: 'The branch the member belongs to. 所在党支部' })
  branch(@Parent() membership: PartyMembership): Organization | null {
    return membership.branchId ? { id: membership.branchId } : null;
  }

  @ResolveField(() => Area, { nullable: true, description: 'Community an in-service member reported to (双报到). 报到社区' })
  reportedTo(@Parent() membership: PartyMembership): Area | null {
    return membership.reportedToAreaCode ? { code: membership.reportedToAreaCode } : null;
  }
}

@Resolver(() => Person)
export class PersonPartyMembershipResolver {
  constructor(
    private readonly loaders: LedgerLoaders,
    private readonly access: PersonAccess,
  ) {}

  @ResolveField(() => PartyMembership, { nullable: true, description: 'Party membership, if a member (null when the field policy gives your role none of it). 党员信息' })
  async partyMembership(@CurrentUser() user: AuthUser, @Parent() person: Person, @Context() context: GraphQLContext) {
    return (await this.access.fields(user, person, context)).partyMembership === Visibility.FULL ? this.loaders.partyMembership(context).load(person.id) : null;
  }
}
