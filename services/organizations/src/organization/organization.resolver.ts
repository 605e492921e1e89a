import { Args, Context, Field, Info, Mutation, ObjectType, Parent, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { AREA_ADMIN_ROLES, authenticatedUser, CurrentUser, Roles, type AuthUser } from '@lianxin/auth';
import { byKeys, ConnectionType, groupedConnection, PageArgs, requestLoader, type Connection } from '@lianxin/graphql';
import { Area } from '../area/area.entity.js';
import type { GraphQLContext } from '../graphql-context.js';
import { OrganizationKind, PARTY_KINDS } from './organization-kind.js';
import { Organization } from './organization.entity.js';
import { CreateOrganizationInput } from './organization.inputs.js';
import { OrganizationService } from './organization.service.js';
import { Idempotent } from '@lianxin/platform';

export const OrganizationConnection = ConnectionType(Organization, 'Organization', 'Organizations. 区域组织');

@ObjectType({ description: 'The organization after the change. 变更后的组织' })
export class OrganizationPayload {
  @Field(() => Organization)
  organization: Organization;
}

@Resolver(() => Organization)
export class OrganizationResolver {
  constructor(private readonly service: OrganizationService) {}

  @Idempotent()
  @Mutation(() => OrganizationPayload, { description: 'Attach an organization to an area in your scope. 新建区域组织' })
  @Roles(...AREA_ADMIN_ROLES)
  async createOrganization(@CurrentUser() user: AuthUser, @Args('input') input: CreateOrganizationInput): Promise<OrganizationPayload> {
    return { organization: await this.service.create(user, input) };
  }

  @ResolveReference()
  resolveReference(reference: { id: string }, context: GraphQLContext): Promise<Organization | null> {
    const user = authenticatedUser(context);
    return requestLoader<string, Organization>(context, 'organization', async (ids) =>
      byKeys(ids, await this.service.findInScope(user, ids), (organization) => organization.id),
    ).load(reference.id);
  }
}

@Resolver(() => Area)
export class AreaOrganizationsResolver {
  constructor(private readonly service: OrganizationService) {}

  @ResolveField(() => OrganizationConnection, { description: 'Organizations attached to this area, optionally of some kinds. 区域组织' })
  organizations(
    @CurrentUser() user: AuthUser,
    @Parent() area: Area,
    @Args() page: PageArgs,
    @Context() context: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
    @Args('kinds', { type: () => [OrganizationKind], nullable: true }) kinds?: OrganizationKind[],
  ) {
    return this.inArea(user, area, page, context, info, kinds?.length ? [...kinds].sort() : undefined);
  }

  @ResolveField(() => OrganizationConnection, { description: 'Party organizations of this area. 党组织' })
  partyOrganizations(
    @CurrentUser() user: AuthUser,
    @Parent() area: Area,
    @Args() page: PageArgs,
    @Context() context: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    return this.inArea(user, area, page, context, info, PARTY_KINDS);
  }

  private inArea(
    user: AuthUser,
    area: Area,
    page: PageArgs,
    context: GraphQLContext,
    info: GraphQLResolveInfo,
    kinds: readonly OrganizationKind[] | undefined,
  ): Promise<Connection<Organization>> {
    return groupedConnection({
      context,
      list: `Area.organizations:${kinds?.join(',') ?? 'all'}`,
      group: area.code,
      args: page,
      info,
      keyOf: (organization: Organization) => organization.id,
      fetch: (codes, request) => this.service.inAreas(user, codes, kinds, request),
    });
  }
}
