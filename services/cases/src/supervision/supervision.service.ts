import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { prefixPattern } from '@lianxin/db';
import { type AuthUser } from '@lianxin/auth';
import { recordEvent } from '@lianxin/events';
import { badUserInput, conflict, forbidden, notFound, paginate, type Connection, type PageArgs } from '@lianxin/graphql';
import { actsAtLevel, mayRead } from '../case/case-access.js';
import { accessFactsOf, type Actor } from '../case/case-facts.js';
import { Case } from '../case/case.entity.js';
import { CaseEvents } from '../events/case-events.js';
import { Supervision } from './supervision.entity.js';
import type { ReplySupervisionInput, SuperviseCaseInput } from './supervision.inputs.js';

/** Supervision (督办): admins or the scheduler instruct the handler of a case; the handler replies. */
@Injectable()
export class SupervisionService {
  constructor(private readonly em: EntityManager) {}

  async supervise(user: AuthUser, input: SuperviseCaseInput): Promise<Supervision> {
    return this.em.transactional(async (em) => {
      const c = await em.findOne(Case, { id: input.caseId });
      if (!c || !mayRead(user, accessFactsOf(c))) throw notFound('Case', input.caseId);
      return this.open(em, c, { userId: user.sub, roles: user.roles }, input.instruction.trim(), false);
    });
  }

  /** Opens a supervision inside the caller's transaction (the scheduler uses this for overdue cases). */
  open(em: EntityManager, c: Case, supervisor: Actor, instruction: string, automatic: boolean): Supervision {
    const supervision = em.create(Supervision, { caseId: c.id, gridCode: c.gridCode, supervisorUserId: supervisor.userId, instruction, automatic });
    recordEvent(em, {
      type: CaseEvents.SUPERVISED,
      areaCode: c.gridCode,
      actor: supervisor.userId,
      data: {
        supervisionId: supervision.id,
        caseId: c.id,
        number: c.number,
        gridCode: c.gridCode,
        status: c.status,
        level: c.level,
        assigneeUserId: c.assigneeUserId,
        assigneeDepartmentCode: c.assigneeDepartmentCode,
        instruction,
        automatic,
      },
    });
    return supervision;
  }

  /** Whoever holds the case now (or an admin above them) replies. */
  async reply(user: AuthUser, input: ReplySupervisionInput): Promise<Supervision> {
    return this.em.transactional(async (em) => {
      const supervision = await em.findOne(Supervision, { id: input.supervisionId });
      const c = supervision && (await em.findOne(Case, { id: supervision.caseId }));
      if (!supervision || !c || !mayRead(user, accessFactsOf(c))) throw notFound('Supervision', input.supervisionId);
      if (!actsAtLevel(user, accessFactsOf(c), c.level)) throw forbidden(`the case is handled at ${c.level}; its handler replies`);
      if (supervision.repliedAt) throw conflict(`supervision ${supervision.id} was already replied to at ${supervision.repliedAt.toISOString()}`);
      if (input.expectedVersion !== undefined && input.expectedVersion !== supervision.version) {
        throw conflict(`supervision ${supervision.id} is at version ${supervision.version}, not ${input.expectedVersion}`);
      }
      supervision.reply = input.reply.trim();
      supervision.repliedAt = new Date();
      supervision.repliedByUserId = user.sub;
      recordEvent(em, {
        type: CaseEvents.SUPERVISION_REPLIED,
        areaCode: c.gridCode,
        actor: user.sub,
        data: { supervisionId: supervision.id, caseId: c.id, number: c.number, gridCode: c.gridCode, reply: supervision.reply },
      });
      return supervision;
    });
  }

  async ofCases(caseIds: readonly string[]): Promise<Map<string, Supervision[]>> {
    const rows = await this.em.find(Supervision, { caseId: { $in: [...caseIds] } }, { orderBy: { createdAt: 'asc' } });
    const byCase = new Map<string, Supervision[]>(caseIds.map((id) => [id, []]));
    for (const row of rows) byCase.get(row.caseId)?.push(row);
    return byCase;
  }

  /** Supervisions in the caller's area, newest first; optionally only those without a reply. */
  list(user: AuthUser, unrepliedOnly: boolean, page: PageArgs): Promise<Connection<Supervision>> {
    const where = { gridCode: { $like: prefixPattern(user.areaCode) }, ...(unrepliedOnly ? { repliedAt: null } : {}) };
    const after = (key: string) => {
      const [iso, id] = key.split('|');
      const at = new Date(iso);
      if (!id || Number.isNaN(at.getTime())) throw badUserInput('after', 'not a cursor returned by this list');
      return { $or: [{ createdAt: { $lt: at } }, { createdAt: at, id: { $lt: id } }] };
    };
    return paginate(
      page,
      ({ limit, afterKey }) =>
        this.em.find(Supervision, afterKey ? { $and: [where, after(afterKey)] } : where, { orderBy: { createdAt: 'desc', id: 'desc' }, limit }),
      (supervision) => `${supervision.createdAt.toISOString()}|${supervision.id}`,
      () => this.em.count(Supervision, where),
    );
  }
}
