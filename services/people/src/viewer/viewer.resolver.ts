import { Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { ALL_ROLES, authenticatedUser, CurrentUser, Roles, type AuthUser } from '@lianxin/auth';
import type { GraphQLContext } from '../graphql-context.js';
import { Person } from '../person/person.entity.js';
import { PersonService } from '../person/person.service.js';
import { Area } from '../population/area.stub.js';
import { isOwnViewer, viewerOf } from './viewer.policy.js';
import { Viewer } from './viewer.types.js';

@Resolver(() => Viewer)
export class ViewerResolver {
  constructor(private readonly persons: PersonService) {}

  @Query(() => Viewer, { description: 'Who am I: account, roles, scope, my person and (from other subgraphs) what is mine. 当前用户' })
  @Roles(...ALL_ROLES)
  viewer(@CurrentUser() user: AuthUser): Viewer {
    return viewerOf(user);
  }

  /** Only the caller's own Viewer resolves (subgraphs can be called directly with forged representations). */
  @ResolveReference()
  resolveReference(reference: { id: string }, context: GraphQLContext): Viewer | null {
    const user = authenticatedUser(context);
    return isOwnViewer(user, reference.id) ? viewerOf(user) : null;
  }

  @ResolveField(() => Area, { nullable: true, description: 'The area the caller\'s scope starts at (details from the organizations subgraph). 管辖区划' })
  area(@Parent() viewer: Viewer): Area {
    return { code: viewer.areaCode };
  }

  @ResolveField(() => Person, { nullable: true, description: 'The person linked to your login (null when none; see redeemLinkCode). 本人（未关联时为空）' })
  person(@CurrentUser() user: AuthUser, @Parent() viewer: Viewer): Promise<Person | null> | null {
    return isOwnViewer(user, viewer.id) ? this.persons.mine(user) : null;
  }
}
