import { Args, Directive, Field, ID, ObjectType, Parent, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { authenticatedUser, CurrentUser, type AuthUser } from '@lianxin/auth';
import { forbidden, PageArgs } from '@lianxin/graphql';
import { CaseQueryService } from '../case/case-query.service.js';
import { CaseConnection } from '../case/case.types.js';
import type { GraphQLContext } from '../graphql-context.js';
import { isOwnViewer } from './viewer.policy.js';

/**
 * Viewer is owned by the people subgraph (Query.viewer: who am I); cases extends it by its key with
 * the caller's cases. Its id is the caller's Keycloak subject.
 */
@ObjectType('Viewer', { description: 'Who is calling: account, roles, scope and what is theirs. 当前用户' })
@Directive('@key(fields: "id")')
export class ViewerReference {
  @Field(() => ID, { description: 'The Keycloak subject of the caller. 账号ID' })
  id: string;
}

@Resolver(() => ViewerReference)
export class ViewerCasesResolver {
  constructor(private readonly queries: CaseQueryService) {}

  /** A representation with another id than the caller's (sent straight to this subgraph) is nobody. */
  @ResolveReference()
  resolveReference(reference: { id: string }, context: GraphQLContext): ViewerReference | null {
    return isOwnViewer(authenticatedUser(context), reference.id) ? { id: reference.id } : null;
  }

  @ResolveField(() => CaseConnection, {
    description: 'Cases you reported (or were merged into), and cases that name the person linked to your account, newest first. 我反映的事项',
  })
  myCases(@CurrentUser() user: AuthUser, @Parent() viewer: ViewerReference, @Args() page: PageArgs) {
    this.assertOwn(user, viewer);
    return this.queries.myCases(user, page);
  }

  @ResolveField(() => CaseConnection, {
    description:
      'Cases waiting for your action: held by your grid, level, area or department (or, fed back, by you as their reporter) with something you may do now; soonest deadline first. 待我办理的事项',
  })
  awaitingMyAction(@CurrentUser() user: AuthUser, @Parent() viewer: ViewerReference, @Args() page: PageArgs) {
    this.assertOwn(user, viewer);
    return this.queries.awaitingMyAction(user, page);
  }

  private assertOwn(user: AuthUser, viewer: ViewerReference): void {
    if (!isOwnViewer(user, viewer.id)) throw forbidden('a Viewer is the caller, never anyone else');
  }
}
