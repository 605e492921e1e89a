import { Parent, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { authenticatedUser, type AuthUser } from '@lianxin/auth';
import { Caller } from '../common/caller.decorator.js';
import type { GraphQLContext } from '../graphql-context.js';
import { Grid } from '../grid/grid.entity.js';
import { GridService } from '../grid/grid.service.js';
import { isOwnViewer } from './viewer.policy.js';
import { ViewerReference } from './viewer.reference.js';

/** What this subgraph adds to people's Viewer: the grids the caller serves in. */
@Resolver(() => ViewerReference)
export class ViewerFieldsResolver {
  constructor(private readonly grids: GridService) {}

  /** Only the caller's own Viewer resolves: a representation naming anyone else is null (subgraphs may be called directly). */
  @ResolveReference()
  resolveReference(reference: { id: string }, context: GraphQLContext): ViewerReference | null {
    return isOwnViewer(authenticatedUser(context), reference.id) ? { id: reference.id } : null;
  }

  @ResolveField(() => [Grid], {
    description: 'Grids where you hold a current staff assignment (by your account), inside your scope, by code. 我服务的网格',
  })
  gridsIServe(@Caller() user: AuthUser, @Parent() viewer: ViewerReference): Promise<Grid[]> {
    if (!isOwnViewer(user, viewer.id)) return Promise.resolve([]);
    return this.grids.servedBy(user);
  }
}
