import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { hasAnyRole, isInScope, Role, type AuthUser } from '@lianxin/auth';
import { claimIdempotencyKey, prefixPattern } from '@lianxin/db';
import { recordEvent } from '@lianxin/events';
import { badUserInput, conflict, forbidden, newestFirst, notFound, occurredAtOf, paginate, type Connection, type PageArgs } from '@lianxin/graphql';
import { assertCommunityStaff, assertMayManage, browsePrefix, isStaffReader, mayBrowse, STAFF_ROLES, villageOf } from '../common/access.js';
import { areaCondition } from '../common/area-filter.js';
import { PersonScope } from '../common/person-scope.js';
import { conflictOnStaleVersion } from '../common/optimistic.js';
import { VolunteerEvents, type ServiceOrderEventData } from '../events/volunteer-events.js';
import { AwardService, awardRequestFor } from '../points/award.service.js';
import { PointSource } from '../points/points-enums.js';
import { ownVolunteer } from '../volunteer/own-volunteer.js';
import { Volunteer } from '../volunteer/volunteer.entity.js';
import { ServiceOrderStatus, UNPUBLISHED_STATUSES } from './order-enums.js';
import type {
  ClaimOrderInput,
  CompleteOrderInput,
  ConfirmOrderInput,
  PublishServiceOrderInput,
  RepublishOrderInput,
  RequestServiceOrderInput,
  ReviewServiceOrderInput,
  ServiceOrderFilter,
} from './order.inputs.js';
import { ServiceOrder } from './service-order.entity.js';

const pager = newestFirst<ServiceOrder>('createdAt');

/** Staff and auditors see orders in their scope, volunteers those of their village, residents their own. */
export function mayReadOrder(user: AuthUser, order: ServiceOrder): boolean {
  if (order.requesterUserId === user.sub) return true;
  if (isStaffReader(user)) return mayBrowse(user, order.areaCode);
  // §8.6: volunteers see a resident's request once the community has published it.
  if (hasAnyRole(user, [Role.VOLUNTEER])) return mayBrowse(user, order.areaCode) && !UNPUBLISHED_STATUSES.includes(order.status);
  return false;
}

@Injectable()
export class OrderService {
  constructor(
    private readonly em: EntityManager,
    private readonly awards: AwardService,
    private readonly persons: PersonScope,
  ) {}

  async publish(user: AuthUser, input: PublishServiceOrderInput, now = new Date()): Promise<ServiceOrder> {
    assertCommunityStaff(user, input.areaCode, 'publish service orders');
    if (input.deadline <= now) throw badUserInput('deadline', 'must be in the future');
    const title = input.title.trim();
    if (!title) throw badUserInput('title', 'must not be blank');
    return this.em.transactional(async (em) => {
      const claim = await claimIdempotencyKey<{ orderId: string }>(em, { caller: user.sub, operation: 'publishServiceOrder', key: input.idempotencyKey, payload: input });
      if (claim.replay) return em.findOneOrFail(ServiceOrder, { id: claim.replay.orderId });
      const publishedAt = occurredAtOf(input.occurredAt, 'occurredAt', now);
      const { requesterPersonId, requesterUserId } = await this.requester(em, user, input);
      const order = em.create(ServiceOrder, {
        kind: input.kind,
        title,
        description: input.description?.trim() || null,
        areaCode: input.areaCode,
        deadline: input.deadline,
        requesterPersonId,
        requesterUserId,
        publishedByUserId: user.sub,
        publishedAt,
      });
      claim.remember({ orderId: order.id });
      await em.flush();
      this.recordOrderEvent(em, VolunteerEvents.ORDER_PUBLISHED, order, null, user.sub);
      return order;
    });
  }

  /**
   * §8.6 群众点单: a resident orders a service (or publishes a micro-wish) in their own village, as the
   * person people linked to their login (§8.7; no link: FORBIDDEN). The order lies in the resident's
   * grid and waits, PROPOSED, for the community's review; volunteers do not see it until it is published.
   */
  async request(user: AuthUser, input: RequestServiceOrderInput, now = new Date()): Promise<ServiceOrder> {
    if (input.deadline <= now) throw badUserInput('deadline', 'must be in the future');
    const title = input.title.trim();
    if (!title) throw badUserInput('title', 'must not be blank');
    return this.em.transactional(async (em) => {
      const claim = await claimIdempotencyKey<{ orderId: string }>(em, { caller: user.sub, operation: 'requestServiceOrder', key: input.idempotencyKey, payload: input });
      if (claim.replay) return em.findOneOrFail(ServiceOrder, { id: claim.replay.orderId });
      const requestedAt = occurredAtOf(input.occurredAt, 'occurredAt', now);
      const person = await this.persons.personOfCaller(em, user);
      if (!person) throw forbidden('your login is not linked to a registered resident yet; ask your grid worker for a link code (§8.7)');
      const order = em.create(ServiceOrder, {
        kind: input.kind,
        title,
        description: input.description?.trim() || null,
        areaCode: person.gridCode,
        deadline: input.deadline,
        status: ServiceOrderStatus.PROPOSED,
        requesterPersonId: person.personId,
        requesterUserId: user.sub,
        publishedByUserId: user.sub,
        publishedAt: requestedAt,
        requestedAt,
      });
      claim.remember({ orderId: order.id });
      await em.flush();
      this.recordOrderEvent(em, VolunteerEvents.ORDER_REQUESTED, order, null, user.sub);
      return order;
    });
  }

  /**
   * §8.6 社区派单: the community — an area admin (village admin or above) whose area holds the order —
   * publishes a resident's request for the village's volunteers, or declines it with a reason.
   */
  async review(user: AuthUser, input: ReviewServiceOrderInput, now = new Date()): Promise<ServiceOrder> {
    const note = input.note?.trim() || null;
    if (!input.publish && !note) throw badUserInput('note', 'a declined request needs the reason the resident will read');
    if (input.deadline && input.deadline <= now) throw badUserInput('deadline', 'must be in the future');
    return conflictOnStaleVersion(
      () =>
        this.em.transactional(async (em) => {
          const order = await this.visibleOrder(em, user, input.orderId);
          assertMayManage(user, order.areaCode, 'review residents\' requests');
          if (order.status !== ServiceOrderStatus.PROPOSED) throw conflict(`the order is ${order.status}, not PROPOSED`);
          Object.assign(order, { reviewedByUserId: user.sub, reviewedAt: now, reviewNote: note });
          if (!input.publish) {
            order.status = ServiceOrderStatus.REJECTED;
            await em.flush();
            this.recordOrderEvent(em, VolunteerEvents.ORDER_REJECTED, order, null, user.sub);
            return order;
          }
          const deadline = input.deadline ?? order.deadline;
          if (deadline <= now) throw badUserInput('deadline', 'the resident\'s deadline has passed: give a new one');
          Object.assign(order, { status: ServiceOrderStatus.OPEN, deadline, publishedAt: now, publishedByUserId: user.sub });
          await em.flush();
          this.recordOrderEvent(em, VolunteerEvents.ORDER_PUBLISHED, order, null, user.sub);
          return order;
        }),
      'the order was reviewed by someone else at the same time; reload it',
    );
  }

  /**
   * The resident an order is for (§8.7): staff name only a resident of their own area, and the account
   * that follows and confirms the order is the one people linked to that resident (filled in when
   * omitted). An account named alone brings its linked person along (and the same area check); an
   * account people have not linked to anyone yet is taken as given.
   */
  private async requester(
    em: EntityManager,
    user: AuthUser,
    input: PublishServiceOrderInput,
  ): Promise<{ requesterPersonId: string | null; requesterUserId: string | null }> {
    let requesterPersonId = input.requesterPersonId ?? null;
    let field = 'requesterPersonId';
    if (!requesterPersonId && input.requesterUserId) {
      requesterPersonId = (await this.persons.personOfAccount(em, input.requesterUserId))?.personId ?? null;
      field = 'requesterUserId';
    }
    if (!requesterPersonId) return { requesterPersonId: null, requesterUserId: input.requesterUserId ?? null };
    await this.persons.assertMayName(em, user, requesterPersonId, field);
    return { requesterPersonId, requesterUserId: await this.persons.accountOf(em, requesterPersonId, input.requesterUserId, 'requesterUserId') };
  }

  /** Exactly one volunteer gets an open order: the claim's UPDATE carries the version read, so a concurrent claim gets CONFLICT. */
  async claim(user: AuthUser, input: ClaimOrderInput, now = new Date()): Promise<ServiceOrder> {
    // §8.7: a volunteer claims as their own record; the input names no volunteer.
    const volunteer = await ownVolunteer(this.em, user);
    if (!volunteer) throw forbidden('only registered volunteers may claim orders');
    return conflictOnStaleVersion(
      () =>
        this.em.transactional(async (em) => {
          const order = await this.visibleOrder(em, user, input.orderId);
          if (!order.areaCode.startsWith(villageOf(volunteer.areaCode))) {
            throw forbidden(`the order is in ${order.areaCode}, outside the village you serve (${villageOf(volunteer.areaCode)})`);
          }
          if (order.status !== ServiceOrderStatus.OPEN) throw conflict(`the order is ${order.status}, not OPEN`);
          if (order.deadline <= now) throw conflict('the order\'s deadline has passed');
          Object.assign(order, { status: ServiceOrderStatus.CLAIMED, claimantVolunteerId: volunteer.id, claimedAt: now });
          await em.flush();
          this.recordOrderEvent(em, VolunteerEvents.ORDER_CLAIMED, order, volunteer, user.sub);
          return order;
        }),
      'another volunteer claimed the order first',
    );
  }

  async complete(user: AuthUser, input: CompleteOrderInput, now = new Date()): Promise<ServiceOrder> {
    return conflictOnStaleVersion(
      () =>
        this.em.transactional(async (em) => {
          const order = await this.visibleOrder(em, user, input.orderId);
          const claimant = await ownVolunteer(em, user);
          if (!claimant || order.claimantVolunteerId !== claimant.id) throw forbidden('only the volunteer who claimed the order may complete it');
          if (order.status !== ServiceOrderStatus.CLAIMED) throw conflict(`the order is ${order.status}, not CLAIMED`);
          if (order.deadline <= now) throw conflict('the order\'s deadline has passed');
          Object.assign(order, { status: ServiceOrderStatus.COMPLETED, completedAt: now, completionNote: input.note.trim() });
          await em.flush();
          this.recordOrderEvent(em, VolunteerEvents.ORDER_COMPLETED, order, claimant, user.sub);
          return order;
        }),
      'the order was changed at the same time; reload it',
    );
  }

  /** The community (staff in scope) or the resident who ordered it confirms; the claimant earns points. */
  async confirm(user: AuthUser, input: ConfirmOrderInput, now = new Date()): Promise<ServiceOrder> {
    return conflictOnStaleVersion(
      () =>
        this.em.transactional(async (em) => {
          const order = await this.visibleOrder(em, user, input.orderId);
          const byCommunity = hasAnyRole(user, STAFF_ROLES) && isInScope(user, order.areaCode);
          if (!byCommunity && order.requesterUserId !== user.sub) throw forbidden('only the community or the resident who ordered it may confirm it');
          if (order.status !== ServiceOrderStatus.COMPLETED) throw conflict(`the order is ${order.status}, not COMPLETED`);
          Object.assign(order, { status: ServiceOrderStatus.CONFIRMED, confirmedAt: now, confirmedByUserId: user.sub });
          await em.flush();
          const claimant = await em.findOneOrFail(Volunteer, { id: order.claimantVolunteerId! });
          this.recordOrderEvent(em, VolunteerEvents.ORDER_CONFIRMED, order, claimant, user.sub);
          await this.awards.award(em, {
            ...awardRequestFor(claimant),
            source: PointSource.ORDER_COMPLETED,
            idempotencyKey: `order-completed:${order.id}`,
            occurredAt: order.completedAt ?? now,
            actor: user.sub,
            memo: `完成服务单：${order.title}`,
          });
          return order;
        }),
      'the order was changed at the same time; reload it',
    );
  }

  async republish(user: AuthUser, input: RepublishOrderInput, now = new Date()): Promise<ServiceOrder> {
    if (input.deadline <= now) throw badUserInput('deadline', 'must be in the future');
    return conflictOnStaleVersion(
      () =>
        this.em.transactional(async (em) => {
          const order = await this.visibleOrder(em, user, input.orderId);
          assertCommunityStaff(user, order.areaCode, 'republish service orders');
          if (order.status !== ServiceOrderStatus.EXPIRED) throw conflict(`only EXPIRED orders are published again; this one is ${order.status}`);
          Object.assign(order, { status: ServiceOrderStatus.OPEN, deadline: input.deadline, publishedAt: now, publishedByUserId: user.sub });
          await em.flush();
          this.recordOrderEvent(em, VolunteerEvents.ORDER_PUBLISHED, order, null, user.sub);
          return order;
        }),
      'the order was changed at the same time; reload it',
    );
  }

  /** The scheduler's step for one locked order whose deadline passed unfinished: back to the community's pool. */
  async expire(em: EntityManager, order: ServiceOrder, now: Date): Promise<void> {
    const claimant = order.claimantVolunteerId ? await em.findOne(Volunteer, { id: order.claimantVolunteerId }) : null;
    Object.assign(order, {
      status: ServiceOrderStatus.EXPIRED,
      expiredAt: now,
      lastClaimantVolunteerId: order.claimantVolunteerId,
      claimantVolunteerId: null,
      claimedAt: null,
    });
    await em.flush();
    this.recordOrderEvent(em, VolunteerEvents.ORDER_EXPIRED, order, claimant, 'system');
  }

  async get(user: AuthUser, id: string): Promise<ServiceOrder> {
    const order = await this.em.findOne(ServiceOrder, { id });
    if (!order || !mayReadOrder(user, order)) throw notFound('ServiceOrder', id);
    return order;
  }

  async findVisible(user: AuthUser, ids: readonly string[]): Promise<ServiceOrder[]> {
    const rows = await this.em.find(ServiceOrder, { id: { $in: [...ids] } });
    return rows.filter((order) => mayReadOrder(user, order));
  }

  async list(user: AuthUser, filter: ServiceOrderFilter | undefined, page: PageArgs): Promise<Connection<ServiceOrder>> {
    const conditions: object[] = [this.scopeCondition(user, filter?.areaCode)];
    if (filter?.status) conditions.push({ status: filter.status });
    if (filter?.kind) conditions.push({ kind: filter.kind });
    if (filter?.claimedByMe) {
      const mine = await ownVolunteer(this.em, user);
      // Not a volunteer: nothing is theirs (an id is never null).
      conditions.push(mine ? { claimantVolunteerId: mine.id } : { id: null });
    }
    const where = { $and: conditions };
    return paginate(
      page,
      ({ limit, afterKey }) => this.em.find(ServiceOrder, { $and: [where, pager.after(afterKey)] }, { orderBy: pager.orderBy, limit }),
      pager.keyOf,
      () => this.em.count(ServiceOrder, where),
    );
  }

  private scopeCondition(user: AuthUser, requestedArea: string | undefined): object {
    if (isStaffReader(user)) return areaCondition(browsePrefix(user)!, requestedArea);
    // §8.6: volunteers see their village's published orders, and their own requests as residents.
    if (hasAnyRole(user, [Role.VOLUNTEER])) {
      return { $or: [{ $and: [areaCondition(browsePrefix(user)!, requestedArea), { status: { $nin: UNPUBLISHED_STATUSES } }] }, { requesterUserId: user.sub, ...(requestedArea === undefined ? {} : { areaCode: { $like: prefixPattern(requestedArea) } }) }] };
    }
    // A resident's own orders, narrowed to the area they ask for (it never widens: the orders stay theirs).
    if (hasAnyRole(user, [Role.RESIDENT])) return requestedArea === undefined ? { requesterUserId: user.sub } : { requesterUserId: user.sub, areaCode: { $like: prefixPattern(requestedArea) } };
    throw forbidden('your roles cannot see service orders');
  }

  private async visibleOrder(em: EntityManager, user: AuthUser, id: string): Promise<ServiceOrder> {
    const order = await em.findOne(ServiceOrder, { id });
    if (!order || !mayReadOrder(user, order)) throw notFound('ServiceOrder', id);
    return order;
  }

  private recordOrderEvent(em: EntityManager, type: string, order: ServiceOrder, volunteer: Volunteer | null, actor: string): void {
    recordEvent<ServiceOrderEventData>(em, {
      type,
      areaCode: order.areaCode,
      actor,
      data: {
        orderId: order.id,
        kind: order.kind,
        areaCode: order.areaCode,
        status: order.status,
        deadline: order.deadline.toISOString(),
        requesterPersonId: order.requesterPersonId,
        claimantVolunteerId: volunteer?.id ?? null,
        claimantPersonId: volunteer?.personId ?? null,
        version: order.version,
      },
    });
  }
}
