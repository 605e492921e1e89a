import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { assertInScope, type AuthUser } from '@lianxin/auth';
import { prefixPattern } from '@lianxin/db';
import { badUserInput, forbidden, paginate, type Connection, type PageArgs } from '@lianxin/graphql';
import { actorUserId, isSystem, type Actor } from '../common/actor.js';
import { chinaDay, isCalendarDate } from '../common/calendar.js';
import { TrainingKind } from './assessment-enums.js';
import type { RecordTrainingInput, TrainingRecordFilter } from './assessment.inputs.js';
import { mayRecordTraining, readsAreaStaffRecords } from './staff-access.js';
import { TrainingRecord } from './training-record.entity.js';

const SEPARATOR = '|';

/** The four trainings (四培) of grid staff. */
@Injectable()
export class TrainingService {
  constructor(private readonly em: EntityManager) {}

  async record(actor: Actor, input: RecordTrainingInput, now: Date = new Date()): Promise<TrainingRecord> {
    if (!isCalendarDate(input.trainedOn) || input.trainedOn > chinaDay(now)) throw badUserInput('trainedOn', 'must be a day, not in the future');
    if (input.mentorUserId && input.kind !== TrainingKind.MENTORING) throw badUserInput('mentorUserId', 'only mentoring has a mentor');
    if (input.mentorUserId === input.staffUserId) throw badUserInput('mentorUserId', 'nobody mentors themselves');
    if (!isSystem(actor) && !mayRecordTraining(actor, input.kind, input.gridCode)) {
      throw forbidden(`a ${input.kind} training in grid ${input.gridCode} is recorded by the admins of that area${input.kind === TrainingKind.MENTORING ? ' or its grid leader' : ''}`);
    }
    return this.em.transactional(async (em) => {
      const record = em.create(TrainingRecord, {
        staffUserId: input.staffUserId,
        staffPersonId: input.staffPersonId ?? null,
        areaCode: input.gridCode,
        kind: input.kind,
        title: input.title.trim(),
        trainedOn: input.trainedOn,
        hours: input.hours,
        mentorUserId: input.mentorUserId ?? null,
        note: input.note?.trim() || null,
        recordedBy: actorUserId(actor),
      });
      await em.flush();
      return record;
    });
  }

  /** Newest training first; readers of the area see its records, everyone else only their own. */
  list(user: AuthUser, filter: TrainingRecordFilter, page: PageArgs): Promise<Connection<TrainingRecord>> {
    const areaCode = filter.areaCode ?? user.areaCode;
    if (readsAreaStaffRecords(user)) assertInScope(user, areaCode);
    const where = {
      $and: [
        readsAreaStaffRecords(user) ? { areaCode: { $like: prefixPattern(user.areaCode) } } : { staffUserId: user.sub },
        { areaCode: { $like: prefixPattern(areaCode) } },
        ...(filter.staffUserId ? [{ staffUserId: filter.staffUserId }] : []),
        ...(filter.kind ? [{ kind: filter.kind }] : []),
      ],
    };
    return paginate(
      page,
      ({ limit, afterKey }) =>
        this.em.find(TrainingRecord, afterKey ? { $and: [where, olderThan(afterKey)] } : where, { orderBy: { trainedOn: 'desc', id: 'desc' }, limit }),
      (record) => `${record.trainedOn}${SEPARATOR}${record.id}`,
      () => this.em.count(TrainingRecord, where),
    );
  }
}

function olderThan(afterKey: string): object {
  const [day, id, ...rest] = afterKey.split(SEPARATOR);
  if (rest.length > 0 || !day || !id || !isCalendarDate(day)) throw badUserInput('after', 'not a cursor returned by this list');
  return { $or: [{ trainedOn: { $lt: day } }, { trainedOn: day, id: { $lt: id } }] };
}
