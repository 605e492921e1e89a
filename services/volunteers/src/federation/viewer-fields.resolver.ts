import { Context, Parent, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { authenticatedUser } from '@lianxin/auth';
import type { GraphQLContext } from '../graphql-context.js';
import { Volunteer } from '../volunteer/volunteer.entity.js';
import { VolunteerService } from '../volunteer/volunteer.service.js';
import { isOwnViewer } from './viewer.policy.js';
import { ViewerReference } from './viewer.reference.js';

/** What this subgraph adds to people's Viewer: the caller's own volunteer record. */
@Resolver(() => ViewerReference)
export class ViewerFieldsResolver {
  constructor(private readonly volunteers: VolunteerService) {}

  /** Only the caller's own Viewer resolves: a representation naming anyone else is null (subgraphs may be called directly). */
  @ResolveReference()
  resolveReference(reference: { id: string }, context: GraphQLContext): ViewerReference | null {
    return isOwnViewer(authenticatedUser(context), reference.id) ? { id: reference.id } : null;
  }

  @ResolveField(() => Volunteer, {
    nullable: true,
    description:
      'Your volunteer record, if you are one; points balances through volunteer.person.points, service hours through serviceHours. 我的志愿者信息',
  })
  volunteer(@Parent() viewer: ViewerReference, @Context() context: GraphQLContext): Promise<Volunteer | null> {
    const user = authenticatedUser(context);
    if (!isOwnViewer(user, viewer.id)) return Promise.resolve(null);
    return this.volunteers.mine(user);
  }
}
