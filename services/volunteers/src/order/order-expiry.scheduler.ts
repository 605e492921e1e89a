import { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { PeriodicJob, type PeriodicSchedule } from '@lianxin/platform';
import { VOLUNTEERS_CONFIG, type VolunteersConfig } from '../volunteers-config.js';
import { ServiceOrderStatus } from './order-enums.js';
import { OrderService } from './order.service.js';
import { ServiceOrder } from './service-order.entity.js';

/**
 * Returns orders whose deadline passed while OPEN or CLAIMED (not completed) to the community's pool
 * (EXPIRED). Safe with several replicas: each batch locks its orders with FOR UPDATE SKIP LOCKED and
 * only matches orders still open or claimed, so an order expires once.
 */
@Injectable()
export class OrderExpiryScheduler extends PeriodicJob<number> {
  constructor(
    private readonly orm: MikroORM,
    private readonly orders: OrderService,
    @Inject(VOLUNTEERS_CONFIG) private readonly config: VolunteersConfig,
  ) {
    super('order expiry');
  }

  protected schedule(): PeriodicSchedule {
    return { intervalMs: this.config.schedulerIntervalMs };
  }

  protected override summary(expired: number): Record<string, unknown> | null {
    return expired > 0 ? { expired } : null;
  }

  /** One pass over every order due by `now` (tests pass a later time); returns how many expired. */
  async runOnce(now: Date = new Date()): Promise<number> {
    let total = 0;
    for (;;) {
      const expired = await this.expireBatch(now);
      total += expired;
      if (expired < this.config.schedulerBatchSize) return total;
    }
  }

  private expireBatch(now: Date): Promise<number> {
    return (this.orm.em.fork() as EntityManager).transactional(async (em) => {
      const rows = await em.execute<Array<{ id: string }>>(
        `select "id" from "service_order" where "status" in (?, ?) and "deadline" <= ?
         order by "deadline" limit ? for update skip locked`,
        [ServiceOrderStatus.OPEN, ServiceOrderStatus.CLAIMED, now, this.config.schedulerBatchSize],
      );
      if (rows.length === 0) return 0;
      const orders = await em.find(ServiceOrder, { id: { $in: rows.map((row) => row.id) } }, { orderBy: { deadline: 'asc' } });
      for (const order of orders) await this.orders.expire(em, order, now);
      return orders.length;
    });
  }
}
