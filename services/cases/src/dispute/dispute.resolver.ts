import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AREA_ADMIN_ROLES, CurrentUser, GRID_STAFF_ROLES, hasAnyRole, Role, Roles, type AuthUser } from '@lianxin/auth';
import { byKeys, forbidden, requestLoader } from '@lianxin/graphql';
import { Case } from '../case/case.entity.js';
import { AreaReference } from '../federation/references.js';
import type { GraphQLContext } from '../graphql-context.js';
import { CaseStatsPeriod } from '../stats/stats.types.js';
import { Dispute, DisputeParty, MediationSession } from './dispute.entity.js';
import { CloseDisputeInput, OpenDisputeInput, RecordMediationSessionInput } from './dispute.inputs.js';
import { type MediationAccessFacts, mayReadMediation } from './dispute.policy.js';
import { DisputeService } from './dispute.service.js';
import { DisputePayload, DisputeStats } from './dispute.types.js';
import { Idempotent } from '@lianxin/platform';

/** A session as a caller reads it: the notes may be withheld. */
type SessionView = Omit<MediationSession, 'notes'> & { notes: string | null };

const MEDIATORS = [...AREA_ADMIN_ROLES, ...GRID_STAFF_ROLES];
const STATS_ROLES = [...AREA_ADMIN_ROLES, ...GRID_STAFF_ROLES, Role.AUDITOR];

@Resolver(() => Dispute)
export class DisputeResolver {
  constructor(private readonly service: DisputeService) {}

  @Query(() => DisputeStats, { description: 'Mediation results of disputes opened in the period, in an area of your scope. 矛盾纠纷调解统计' })
  @Roles(...STATS_ROLES)
  disputeStats(
    @CurrentUser() user: AuthUser,
    @Args('areaCode', { description: 'Area code in your scope. 区域代码' }) areaCode: string,
    @Args('period', { description: 'Days the disputes were opened. 统计期间' }) period: CaseStatsPeriod,
  ): Promise<DisputeStats> {
    return this.service.stats(user, areaCode, period);
  }

  @Idempotent()
  @Mutation(() => DisputePayload, { description: 'Start mediating a dispute on a case. 受理矛盾纠纷' })
  @Roles(...MEDIATORS)
  async openDispute(@CurrentUser() user: AuthUser, @Args('input', { description: 'The change. 输入' }) input: OpenDisputeInput): Promise<DisputePayload> {
    return { dispute: await this.service.open(user, input) };
  }

  @Idempotent()
  @Mutation(() => DisputePayload, { description: 'Record a mediation session; a settlement closes the dispute. 记录调解' })
  @Roles(...MEDIATORS)
  async recordMediationSession(
    @CurrentUser() user: AuthUser,
    @Args('input', { description: 'The change. 输入' }) input: RecordMediationSessionInput,
  ): Promise<DisputePayload> {
    return { dispute: await this.service.recordSession(user, input) };
  }

  @Mutation(() => DisputePayload, { description: 'End a dispute that mediation did not settle. 纠纷结案（未调成）' })
  @Roles(...MEDIATORS)
  async closeDispute(@CurrentUser() user: AuthUser, @Args('input', { description: 'The change. 输入' }) input: CloseDisputeInput): Promise<DisputePayload> {
    return { dispute: await this.service.close(user, input) };
  }

  @ResolveField(() => [DisputeParty], { nullable: true, description: "Parties; null for anyone but the dispute's handlers and auditors. 当事人（仅承办人和审计可见）" })
  async parties(@CurrentUser() user: AuthUser, @Parent() dispute: Dispute, @Context() context: GraphQLContext): Promise<DisputeParty[] | null> {
    return (await this.mayReadMediation(user, dispute, context)) ? dispute.parties : null;
  }

  @ResolveField(() => String, {
    nullable: true,
    description: "Agreement or reason it ended; null while pending and for anyone but the dispute's handlers and auditors. 调解协议或结案说明（仅承办人和审计可见）",
  })
  async summary(@CurrentUser() user: AuthUser, @Parent() dispute: Dispute, @Context() context: GraphQLContext): Promise<string | null> {
    return (await this.mayReadMediation(user, dispute, context)) ? dispute.summary : null;
  }

  @ResolveField(() => [MediationSession], { description: 'Mediation sessions, oldest first; their notes only for handlers and auditors. 调解记录' })
  async sessions(@CurrentUser() user: AuthUser, @Parent() dispute: Dispute, @Context() context: GraphQLContext): Promise<SessionView[]> {
    const [sessions, readable] = await Promise.all([
      requestLoader<string, MediationSession[]>(context, 'dispute-sessions', async (ids) => {
        const byDispute = await this.service.sessionsOf(ids);
        return ids.map((id) => byDispute.get(id) ?? []);
      }).load(dispute.id),
      this.mayReadMediation(user, dispute, context),
    ]);
    // Copies, never the managed sessions (a flush must not write the blanked notes).
    return (sessions ?? []).map((session) => (readable ? session : { ...session, notes: null }));
  }

  /** dispute.policy.ts, with the facts of every dispute of the request read in one statement. */
  private async mayReadMediation(user: AuthUser, dispute: Dispute, context: GraphQLContext): Promise<boolean> {
    const facts = await requestLoader<string, MediationAccessFacts>(context, 'dispute-mediation-access', async (ids) => {
      const byDispute = await this.service.mediationAccessOf(ids);
      return ids.map((id) => byDispute.get(id) ?? null);
    }).load(dispute.id);
    return !!facts && mayReadMediation(user, facts);
  }
}

@Resolver(() => Case)
export class CaseDisputeResolver {
  constructor(private readonly service: DisputeService) {}

  @ResolveField(() => Dispute, { nullable: true, description: 'The dispute mediated on this case, if any. 矛盾纠纷调解' })
  dispute(@Parent() c: Case, @Context() context: GraphQLContext): Promise<Dispute | null> {
    return requestLoader<string, Dispute>(context, 'case-dispute', async (ids) => byKeys(ids, await this.service.ofCases(ids), (d) => d.caseId)).load(c.id);
  }
}

@Resolver(() => AreaReference)
export class AreaDisputeStatsResolver {
  constructor(private readonly service: DisputeService) {}

  @ResolveField('disputeStats', () => DisputeStats, { description: 'Mediation results of disputes opened in the period. 矛盾纠纷调解统计' })
  areaDisputeStats(
    @CurrentUser() user: AuthUser,
    @Parent() area: AreaReference,
    @Args('period', { description: 'Days the disputes were opened. 统计期间' }) period: CaseStatsPeriod,
  ): Promise<DisputeStats> {
    if (!hasAnyRole(user, STATS_ROLES)) throw forbidden(`needs one of the roles ${STATS_ROLES.join(', ')}`);
    return this.service.stats(user, area.code, period);
  }
}
