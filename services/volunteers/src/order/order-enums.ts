import { registerEnumType } from '@nestjs/graphql';

/** 群众点单 (a resident's need) or 微心愿 (a micro-wish published for members to claim). */
export enum ServiceOrderKind {
  NEED = 'NEED',
  MICRO_WISH = 'MICRO_WISH',
}

/**
 * §8.6: a resident's own request starts PROPOSED; the community (village admin or above) publishes it
 * (→ OPEN) or declines it with a reason (→ REJECTED, final).
 * OPEN → CLAIMED (one volunteer of the area) → COMPLETED (by the claimant) → CONFIRMED (community or
 * requester); an OPEN or CLAIMED order whose deadline passes becomes EXPIRED and goes back to the
 * community's pool, which may republish it with a new deadline.
 */
export enum ServiceOrderStatus {
  PROPOSED = 'PROPOSED',
  REJECTED = 'REJECTED',
  OPEN = 'OPEN',
  CLAIMED = 'CLAIMED',
  COMPLETED = 'COMPLETED',
  CONFIRMED = 'CONFIRMED',
  EXPIRED = 'EXPIRED',
}

/** Statuses in which an order has been served (counts as a service for the double-reporting duty). */
export const SERVED_STATUSES = [ServiceOrderStatus.COMPLETED, ServiceOrderStatus.CONFIRMED];

registerEnumType(ServiceOrderKind, {
  name: 'ServiceOrderKind',
  description: 'Kind of service order. 服务单类别',
  valuesMap: {
    NEED: { description: 'A resident\'s need ordered from the community (群众点单). 群众需求' },
    MICRO_WISH: { description: 'A micro-wish published for members to claim. 微心愿' },
  },
});

registerEnumType(ServiceOrderStatus, {
  name: 'ServiceOrderStatus',
  description: 'Where a service order stands. 服务单状态',
  valuesMap: {
    PROPOSED: { description: 'Ordered by a resident, waiting for the community\'s review (群众点单). 待审核' },
    REJECTED: { description: 'Declined by the community, with a reason. 未通过' },
    OPEN: { description: 'Published, waiting for a volunteer (社区派单). 待接单' },
    CLAIMED: { description: 'Taken by one volunteer (党员接单). 已接单' },
    COMPLETED: { description: 'Done by the claimant, waiting for confirmation. 已完成待确认' },
    CONFIRMED: { description: 'Confirmed by the community or the resident. 已确认' },
    EXPIRED: { description: 'Deadline passed before completion; back in the community\'s pool. 已过期' },
  },
});

/** Statuses volunteers never see: a resident's request before (or instead of) publication. */
export const UNPUBLISHED_STATUSES = [ServiceOrderStatus.PROPOSED, ServiceOrderStatus.REJECTED];
