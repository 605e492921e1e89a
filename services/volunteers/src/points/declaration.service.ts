import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { hasAnyRole, Role, type AuthUser } from '@lianxin/auth';
import { claimIdempotencyKey } from '@lianxin/db';
import { badUserInput, occurredAtOf, conflict, forbidden, newestFirst, notFound, paginate, type Connection, type PageArgs } from '@lianxin/graphql';
import { volunteerPrefix } from '../common/access.js';
import { areaCondition } from '../common/area-filter.js';
import { conflictOnStaleVersion } from '../common/optimistic.js';
import { PartyMemberType } from '../common/party-member-type.js';
import { chinaMonth, parsePeriod } from '../common/periods.js';
import { conflictOnDuplicate } from '../common/unique-violation.js';
import { ownVolunteer } from '../volunteer/own-volunteer.js';
import { Volunteer } from '../volunteer/volunteer.entity.js';
import { AwardService, awardRequestFor } from './award.service.js';
import { PointDeclaration } from './declaration.entity.js';
import { DeclarationStatus, PointAccountKind, PointSource } from './points-enums.js';
import type { DeclarationStepInput, DeclarePointsInput, RejectDeclarationInput } from './points.inputs.js';

const pager = newestFirst<PointDeclaration>('createdAt');

/** The convener who collects declarations (召集人): a grid leader of the member's village, or its admin. */
const CONVENER_ROLES = [Role.GRID_LEADER, Role.VILLAGE_ADMIN];
/** The community that verifies them (社区核实). */
const VERIFIER_ROLES = [Role.VILLAGE_ADMIN];

/** In-service members' points: member declares → convener collects → community verifies → award. */
@Injectable()
export class DeclarationService {
  constructor(
    private readonly em: EntityManager,
    private readonly awards: AwardService,
  ) {}

  async declare(user: AuthUser, input: DeclarePointsInput, now = new Date()): Promise<PointDeclaration> {
    // §8.7: a member declares as their own record; the input names no volunteer.
    const volunteer = await ownVolunteer(this.em, user);
    if (volunteer?.partyMemberType !== PartyMemberType.IN_SERVICE) throw forbidden('only in-service party members registered as volunteers declare points');
    if (input.month > chinaMonth(now)) throw badUserInput('month', 'must not be in the future');
    const description = input.description.trim();
    if (!description) throw badUserInput('description', 'must not be blank');
    const rule = await this.awards.applicableRule(this.em, PointSource.DECLARATION, PointAccountKind.PARTY, PartyMemberType.IN_SERVICE);
    if (!rule) throw badUserInput('points', 'no declaration rule is in force');
    if (input.points > rule.points) throw badUserInput('points', `a declaration gives at most ${rule.points} points`);
    const duplicate = `you already declared points for ${input.month}`;
    return conflictOnDuplicate(
      () =>
        this.em.transactional(async (em) => {
          const claim = await claimIdempotencyKey<{ declarationId: string }>(em, { caller: user.sub, operation: 'declarePoints', key: input.idempotencyKey, payload: input });
          if (claim.replay) return em.findOneOrFail(PointDeclaration, { id: claim.replay.declarationId });
          occurredAtOf(input.occurredAt, 'occurredAt', now);
          if (await em.findOne(PointDeclaration, { volunteerId: volunteer.id, month: input.month, status: { $ne: DeclarationStatus.REJECTED } })) throw conflict(duplicate);
          const declaration = em.create(PointDeclaration, {
            volunteerId: volunteer.id,
            personId: volunteer.personId,
            areaCode: volunteer.areaCode,
            month: input.month,
            points: input.points,
            description,
            declaredByUserId: user.sub,
          });
          claim.remember({ declarationId: declaration.id });
          return declaration;
        }),
      duplicate,
    );
  }

  async collect(user: AuthUser, input: DeclarationStepInput, now = new Date()): Promise<PointDeclaration> {
    return this.step(user, input.declarationId, CONVENER_ROLES, 'collect', [DeclarationStatus.DECLARED], async (declaration) => {
      Object.assign(declaration, { status: DeclarationStatus.COLLECTED, collectedByUserId: user.sub, collectedAt: now });
    });
  }

  async verify(user: AuthUser, input: DeclarationStepInput, now = new Date()): Promise<PointDeclaration> {
    return this.step(user, input.declarationId, VERIFIER_ROLES, 'verify', [DeclarationStatus.COLLECTED], async (declaration, em) => {
      Object.assign(declaration, { status: DeclarationStatus.VERIFIED, verifiedByUserId: user.sub, verifiedAt: now });
      await em.flush();
      const volunteer = await em.findOneOrFail(Volunteer, { id: declaration.volunteerId });
      const rule = await this.awards.applicableRule(em, PointSource.DECLARATION, PointAccountKind.PARTY, PartyMemberType.IN_SERVICE);
      if (!rule) throw conflict('no declaration rule is in force');
      const outcome = await this.awards.award(em, {
        ...awardRequestFor(volunteer),
        accountKind: PointAccountKind.PARTY,
        source: PointSource.DECLARATION,
        ruleCode: rule.code,
        points: Math.min(declaration.points, rule.points),
        idempotencyKey: `declaration:${declaration.id}`,
        // The service happened in the declared month; it counts there.
        occurredAt: parsePeriod(declaration.month)!.start,
        actor: user.sub,
        memo: `在职党员申报（${declaration.month}）：${declaration.description}`,
      });
      declaration.postingId = outcome?.postingId ?? null;
    });
  }

  async reject(user: AuthUser, input: RejectDeclarationInput, now = new Date()): Promise<PointDeclaration> {
    const reason = input.reason.trim();
    if (!reason) throw badUserInput('reason', 'must not be blank');
    return this.step(user, input.declarationId, CONVENER_ROLES, 'reject', [DeclarationStatus.DECLARED, DeclarationStatus.COLLECTED], async (declaration) => {
      // The convener rejects before collecting; once collected, only the community decides.
      if (declaration.status === DeclarationStatus.COLLECTED && !hasAnyRole(user, VERIFIER_ROLES)) throw forbidden('a collected declaration is rejected by the community');
      Object.assign(declaration, { status: DeclarationStatus.REJECTED, rejectedReason: reason, verifiedByUserId: user.sub, verifiedAt: now });
    });
  }

  /** Staff and auditors see the declarations of the members they may see (grid staff: their village's); a member their own. */
  list(user: AuthUser, status: DeclarationStatus | undefined, page: PageArgs): Promise<Connection<PointDeclaration>> {
    const prefix = volunteerPrefix(user);
    const scope = prefix !== null ? areaCondition(prefix, undefined) : { declaredByUserId: user.sub };
    const where = { $and: [scope, ...(status ? [{ status }] : [])] };
    return paginate(
      page,
      ({ limit, afterKey }) => this.em.find(PointDeclaration, { $and: [where, pager.after(afterKey)] }, { orderBy: pager.orderBy, limit }),
      pager.keyOf,
      () => this.em.count(PointDeclaration, where),
    );
  }

  private async step(
    user: AuthUser,
    id: string,
    roles: Role[],
    verb: string,
    from: DeclarationStatus[],
    change: (declaration: PointDeclaration, em: EntityManager) => Promise<void>,
  ): Promise<PointDeclaration> {
    return conflictOnStaleVersion(
      () =>
        this.em.transactional(async (em) => {
          const declaration = await em.findOne(PointDeclaration, { id });
          const prefix = volunteerPrefix(user);
          const inReach = prefix !== null && declaration?.areaCode.startsWith(prefix);
          if (!declaration || !(inReach || declaration.declaredByUserId === user.sub)) throw notFound('PointDeclaration', id);
          if (!hasAnyRole(user, roles) || !inReach) throw forbidden(`only ${roles.join(' or ')} of the member's village may ${verb} declarations`);
          if (!from.includes(declaration.status)) throw conflict(`the declaration is ${declaration.status}`);
          await change(declaration, em);
          return declaration;
        }),
      'the declaration was changed at the same time',
    );
  }
}
