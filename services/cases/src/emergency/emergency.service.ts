import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { ancestorCodesOf } from '@lianxin/db';
import { assertInScope, type AuthUser } from '@lianxin/auth';
import { recordEvent } from '@lianxin/events';
import { conflict, notFound } from '@lianxin/graphql';
import { CaseEvents } from '../events/case-events.js';
import { Emergency } from './emergency.entity.js';
import type { CloseEmergencyInput, DeclareEmergencyInput } from './emergency.inputs.js';

@Injectable()
export class EmergencyService {
  constructor(private readonly em: EntityManager) {}

  /** An active emergency covers the grid: its cases escalate straight to the county (扁平指挥). */
  async coversGrid(em: EntityManager, gridCode: string): Promise<boolean> {
    const rows = await em.execute<unknown[]>(`select 1 from "emergency" where "closed_at" is null and ? like "area_code" || '%' limit 1`, [gridCode]);
    return rows.length > 0;
  }

  /** Emergencies of the user's area, below it, or above it (a county emergency concerns every grid). */
  list(user: AuthUser, activeOnly: boolean): Promise<Emergency[]> {
    const where = {
      $or: [{ areaCode: { $like: `${user.areaCode}%` } }, { areaCode: { $in: ancestorCodesOf(user.areaCode) } }],
      ...(activeOnly ? { closedAt: null } : {}),
    };
    return this.em.find(Emergency, where, { orderBy: { declaredAt: 'desc' }, limit: 100 });
  }

  async declare(user: AuthUser, input: DeclareEmergencyInput): Promise<Emergency> {
    assertInScope(user, input.areaCode);
    return this.em.transactional(async (em) => {
      const emergency = em.create(Emergency, {
        areaCode: input.areaCode,
        title: input.title.trim(),
        description: input.description.trim(),
        memberUserIds: [...new Set(input.memberUserIds)],
        declaredByUserId: user.sub,
        declaredAt: new Date(),
      });
      this.notify(em, emergency, CaseEvents.EMERGENCY_DECLARED, user.sub);
      return emergency;
    });
  }

  async close(user: AuthUser, input: CloseEmergencyInput): Promise<Emergency> {
    return this.em.transactional(async (em) => {
      const emergency = await em.findOne(Emergency, { id: input.emergencyId });
      if (!emergency) throw notFound('Emergency', input.emergencyId);
      assertInScope(user, emergency.areaCode);
      if (emergency.closedAt) throw conflict(`emergency ${emergency.id} was already closed at ${emergency.closedAt.toISOString()}`);
      if (input.expectedVersion !== undefined && input.expectedVersion !== emergency.version) {
        throw conflict(`emergency ${emergency.id} is at version ${emergency.version}, not ${input.expectedVersion}`);
      }
      emergency.closedAt = new Date();
      emergency.closedByUserId = user.sub;
      emergency.closingNote = input.note?.trim() ?? null;
      this.notify(em, emergency, CaseEvents.EMERGENCY_CLOSED, user.sub);
      return emergency;
    });
  }

  /** One event for the area, and one per team member so a notifier can reach each of them. */
  private notify(em: EntityManager, emergency: Emergency, type: string, actor: string): void {
    const data = {
      emergencyId: emergency.id,
      areaCode: emergency.areaCode,
      title: emergency.title,
      description: emergency.description,
      memberUserIds: emergency.memberUserIds,
      active: emergency.closedAt === null,
    };
    recordEvent(em, { type, areaCode: emergency.areaCode, actor, data });
    for (const userId of emergency.memberUserIds) {
      recordEvent(em, {
        type: CaseEvents.EMERGENCY_MEMBER_NOTIFIED,
        areaCode: emergency.areaCode,
        actor,
        data: { emergencyId: emergency.id, userId, areaCode: emergency.areaCode, title: emergency.title, active: data.active },
      });
    }
  }
}
