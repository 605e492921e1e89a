import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentUser, Role, Roles, type AuthUser } from '@lianxin/auth';
import { PageArgs } from '@lianxin/graphql';
import { STAFF_READ_ROLES } from '../common/access.js';
import { PersonReference, personRef } from '../federation/person.reference.js';
import { PointDeclaration } from './declaration.entity.js';
import { DeclarationService } from './declaration.service.js';
import { DeclarationStatus } from './points-enums.js';
import { DeclarationStepInput, DeclarePointsInput, RejectDeclarationInput } from './points.inputs.js';
import { PointDeclarationConnection, PointDeclarationPayload } from './points.types.js';

@Resolver(() => PointDeclaration)
export class DeclarationResolver {
  constructor(private readonly declarations: DeclarationService) {}

  @Query(() => PointDeclarationConnection, { description: 'Points declarations: staff their area\'s, a member their own; newest first. 积分申报' })
  @Roles(...STAFF_READ_ROLES, Role.VOLUNTEER)
  pointDeclarations(
    @CurrentUser() user: AuthUser,
    @Args() page: PageArgs,
    @Args('status', { type: () => DeclarationStatus, nullable: true, description: 'Only this state. 状态' }) status?: DeclarationStatus,
  ) {
    return this.declarations.list(user, status, page);
  }

  @Mutation(() => PointDeclarationPayload, { description: 'Declare points for a month of service (in-service party members). 党员积分申报' })
  @Roles(Role.VOLUNTEER)
  async declarePoints(@CurrentUser() user: AuthUser, @Args('input', { description: 'The change. 输入' }) input: DeclarePointsInput): Promise<PointDeclarationPayload> {
    return { declaration: await this.declarations.declare(user, input) };
  }

  @Mutation(() => PointDeclarationPayload, { description: 'Collect a declaration (the convener: grid leader or village admin). 召集人汇总' })
  @Roles(Role.GRID_LEADER, Role.VILLAGE_ADMIN)
  async collectDeclaration(@CurrentUser() user: AuthUser, @Args('input', { description: 'The change. 输入' }) input: DeclarationStepInput): Promise<PointDeclarationPayload> {
    return { declaration: await this.declarations.collect(user, input) };
  }

  @Mutation(() => PointDeclarationPayload, { description: 'Verify a collected declaration (the community); the points are awarded. 社区核实' })
  @Roles(Role.VILLAGE_ADMIN)
  async verifyDeclaration(@CurrentUser() user: AuthUser, @Args('input', { description: 'The change. 输入' }) input: DeclarationStepInput): Promise<PointDeclarationPayload> {
    return { declaration: await this.declarations.verify(user, input) };
  }

  @Mutation(() => PointDeclarationPayload, { description: 'Reject a declaration. 驳回申报' })
  @Roles(Role.GRID_LEADER, Role.VILLAGE_ADMIN)
  async rejectDeclaration(@CurrentUser() user: AuthUser, @Args('input', { description: 'The change. 输入' }) input: RejectDeclarationInput): Promise<PointDeclarationPayload> {
    return { declaration: await this.declarations.reject(user, input) };
  }

  @ResolveField(() => PersonReference, { description: 'The member. 党员' })
  person(@Parent() declaration: PointDeclaration): PersonReference {
    return personRef(declaration.personId);
  }
}
