import type { QueryResult } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { isInScope, type AuthUser } from '@lianxin/auth';
import { recordEvent } from '@lianxin/events';
import { claimIdempotencyKey } from '@lianxin/db';
import { badUserInput, conflict, occurredAtOf, forbidden, newestFirst, notFound, paginate, type Connection, type PageArgs } from '@lianxin/graphql';
import { assertCommunityStaff, assertMayNameOthers, browsePrefix, mayBrowse, mayManage, mayReadAsStaff, villageOf } from '../common/access.js';
import { areaCondition } from '../common/area-filter.js';
import { conflictOnDuplicate } from '../common/unique-violation.js';
import { VolunteerEvents, type ActivityAttendedData } from '../events/volunteer-events.js';
import { AwardService, awardRequestFor } from '../points/award.service.js';
import { PointSource } from '../points/points-enums.js';
import { ownVolunteer } from '../volunteer/own-volunteer.js';
import { Volunteer } from '../volunteer/volunteer.entity.js';
import { Activity, ActivitySignUp } from './activity.entity.js';
import type { ActivityFilter, CheckInInput, CreateActivityInput, SignUpInput } from './activity.inputs.js';

const pager = newestFirst<Activity>('startsAt');

export interface SignUpResult {
  activity: Activity;
  signUp: ActivitySignUp;
}

@Injectable()
export class ActivityService {
  constructor(
    private readonly em: EntityManager,
    private readonly awards: AwardService,
  ) {}

  async create(user: AuthUser, input: CreateActivityInput): Promise<Activity> {
    assertCommunityStaff(user, input.areaCode, 'organise activities');
    if (input.endsAt <= input.startsAt) throw badUserInput('endsAt', 'must be after startsAt');
    const serviceMinutes = input.serviceHours * 60;
    if (!Number.isInteger(serviceMinutes / 15)) throw badUserInput('serviceHours', 'must be whole quarter hours, e.g. 1.5 or 2.25');
    const title = input.title.trim();
    if (!title) throw badUserInput('title', 'must not be blank');
    return this.em.transactional(async (em) => {
      const claim = await claimIdempotencyKey<{ activityId: string }>(em, { caller: user.sub, operation: 'createActivity', key: input.idempotencyKey, payload: input });
      if (claim.replay) return em.findOneOrFail(Activity, { id: claim.replay.activityId });
      occurredAtOf(input.occurredAt);
      const activity = em.create(Activity, {
        title,
        kind: input.kind,
        description: input.description?.trim() || null,
        areaCode: input.areaCode,
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        capacity: input.capacity,
        serviceMinutes,
        organiserUserId: user.sub,
      });
      claim.remember({ activityId: activity.id });
      return activity;
    });
  }

  /** Takes a place if one is free: the count rises only while below capacity, so concurrent sign-ups never overfill it. */
  async signUp(user: AuthUser, input: SignUpInput, now = new Date()): Promise<SignUpResult> {
    return conflictOnDuplicate(
      () =>
        this.em.transactional(async (em) => {
          const claim = await claimIdempotencyKey<{ activityId: string; volunteerId: string }>(em, { caller: user.sub, operation: 'signUp', key: input.idempotencyKey, payload: input });
          if (claim.replay) {
            const { activityId, volunteerId } = claim.replay;
            return { activity: await em.findOneOrFail(Activity, { id: activityId }, { refresh: true }), signUp: await em.findOneOrFail(ActivitySignUp, { activityId, volunteerId }) };
          }
          const activity = await this.visibleActivity(em, user, input.activityId);
          const volunteer = await this.volunteerSigningUp(em, user, input.volunteerId);
          if (!activity.areaCode.startsWith(villageOf(volunteer.areaCode))) {
            throw badUserInput('activityId', `the activity is in ${activity.areaCode}, outside the volunteer's village ${villageOf(volunteer.areaCode)}`);
          }
          if (activity.endsAt <= now) throw conflict('the activity is over');
          if (await em.findOne(ActivitySignUp, { activityId: activity.id, volunteerId: volunteer.id })) throw conflict('already signed up');
          const taken = await em.execute<QueryResult>(
            `update activity set signed_up_count = signed_up_count + 1 where id = ? and signed_up_count < capacity`,
            [activity.id],
            'run',
          );
          if (taken.affectedRows === 0) throw conflict(`the activity is full (${activity.capacity} places)`);
          const signUp = em.create(ActivitySignUp, { activityId: activity.id, volunteerId: volunteer.id, signedUpAt: occurredAtOf(input.occurredAt, 'occurredAt', now) });
          claim.remember({ activityId: activity.id, volunteerId: volunteer.id });
          await em.flush();
          return { activity: await em.findOneOrFail(Activity, { id: activity.id }, { refresh: true }), signUp };
        }),
      'already signed up',
    );
  }

  /** The organiser (or an area admin) records attendance: hours and points are credited once. */
  async checkIn(user: AuthUser, input: CheckInInput, received = new Date()): Promise<SignUpResult & { volunteer: Volunteer }> {
    return this.em.transactional(async (em) => {
      // Once per idempotency key: a replay returns the first check-in; no hours or points twice (issue 17).
      const claim = await claimIdempotencyKey<{ activityId: string; volunteerId: string }>(em, { caller: user.sub, operation: 'checkIn', key: input.idempotencyKey, payload: input });
      if (claim.replay) {
        const { activityId, volunteerId } = claim.replay;
        return {
          activity: await em.findOneOrFail(Activity, { id: activityId }, { refresh: true }),
          signUp: await em.findOneOrFail(ActivitySignUp, { activityId, volunteerId }, { refresh: true }),
          volunteer: await em.findOneOrFail(Volunteer, { id: volunteerId }, { refresh: true }),
        };
      }
      claim.remember({ activityId: input.activityId, volunteerId: input.volunteerId });
      const now = occurredAtOf(input.occurredAt, 'occurredAt', received);
      const activity = await this.visibleActivity(em, user, input.activityId);
      if (activity.organiserUserId !== user.sub && !mayManage(user, activity.areaCode)) {
        throw forbidden('only the organiser or an area admin may check volunteers in');
      }
      const signUp = await em.findOne(ActivitySignUp, { activityId: activity.id, volunteerId: input.volunteerId });
      if (!signUp) throw badUserInput('volunteerId', 'the volunteer has not signed up for this activity');
      const marked = await em.execute<QueryResult>(
            `update activity_sign_up set attended_at = ?, checked_in_by_user_id = ? where activity_id = ? and volunteer_id = ? and attended_at is null`,
        [now, user.sub, activity.id, input.volunteerId],
        'run',
      );
      if (marked.affectedRows === 0) throw conflict('the volunteer was already checked in');
      await em.execute<QueryResult>(
            `update activity set attended_count = attended_count + 1 where id = ?`, [activity.id], 'run');
      await em.execute<QueryResult>(
            `update volunteer set service_minutes = service_minutes + ? where id = ?`, [activity.serviceMinutes, input.volunteerId], 'run');
      const volunteer = await em.findOneOrFail(Volunteer, { id: input.volunteerId }, { refresh: true });
      recordEvent<ActivityAttendedData>(em, {
        type: VolunteerEvents.ACTIVITY_ATTENDED,
        areaCode: activity.areaCode,
        actor: user.sub,
        data: {
          activityId: activity.id,
          kind: activity.kind,
          areaCode: activity.areaCode,
          volunteerId: volunteer.id,
          personId: volunteer.personId,
          serviceMinutes: activity.serviceMinutes,
          attendedAt: now.toISOString(),
        },
      });
      await this.awards.award(em, {
        ...awardRequestFor(volunteer),
        source: PointSource.ACTIVITY_ATTENDED,
        idempotencyKey: `activity-attended:${activity.id}:${volunteer.id}`,
        occurredAt: now,
        actor: user.sub,
        memo: `参加志愿活动：${activity.title}`,
      });
      return {
        activity: await em.findOneOrFail(Activity, { id: activity.id }, { refresh: true }),
        signUp: await em.findOneOrFail(ActivitySignUp, { activityId: activity.id, volunteerId: volunteer.id }, { refresh: true }),
        volunteer,
      };
    });
  }

  async get(user: AuthUser, id: string): Promise<Activity> {
    return this.visibleActivity(this.em, user, id);
  }

  list(user: AuthUser, filter: ActivityFilter | undefined, page: PageArgs): Promise<Connection<Activity>> {
    const prefix = browsePrefix(user);
    if (prefix === null) throw forbidden('your roles cannot see activities');
    const where = { $and: [areaCondition(prefix, filter?.areaCode), ...(filter?.kind ? [{ kind: filter.kind }] : [])] };
    return paginate(
      page,
      ({ limit, afterKey }) => this.em.find(Activity, { $and: [where, pager.after(afterKey)] }, { orderBy: pager.orderBy, limit }),
      pager.keyOf,
      () => this.em.count(Activity, where),
    );
  }

  /** Sign-ups of an activity, for staff and auditors in scope. */
  signUps(user: AuthUser, activity: Activity, page: PageArgs): Promise<Connection<ActivitySignUp>> {
    if (!mayReadAsStaff(user, activity.areaCode)) throw forbidden('sign-up lists are for staff and auditors of the area');
    const where = { activityId: activity.id };
    return paginate(
      page,
      ({ limit, afterKey }) =>
        this.em.find(ActivitySignUp, afterKey ? { ...where, volunteerId: { $gt: afterKey } } : where, { orderBy: { volunteerId: 'asc' }, limit }),
      (signUp) => signUp.volunteerId,
      () => this.em.count(ActivitySignUp, where),
    );
  }

  private async visibleActivity(em: EntityManager, user: AuthUser, id: string): Promise<Activity> {
    const activity = await em.findOne(Activity, { id });
    if (!activity || !mayBrowse(user, activity.areaCode)) throw notFound('Activity', id);
    return activity;
  }

  /**
   * A volunteer signs themselves up (§8.7: naming another volunteer is FORBIDDEN for them, whether or
   * not that volunteer exists); staff may sign up a volunteer of their own area.
   */
  private async volunteerSigningUp(em: EntityManager, user: AuthUser, volunteerId: string | undefined): Promise<Volunteer> {
    const own = await ownVolunteer(em, user);
    if (!volunteerId || volunteerId === own?.id) {
      if (!own) throw forbidden('you are not a registered volunteer; give volunteerId to sign someone up');
      return own;
    }
    assertMayNameOthers(user, 'sign up for activities');
    const volunteer = await em.findOne(Volunteer, { id: volunteerId });
    if (!volunteer) throw notFound('Volunteer', volunteerId);
    if (!isInScope(user, volunteer.areaCode)) throw forbidden(`the volunteer serves in ${volunteer.areaCode}, outside your area ${user.areaCode}`);
    return volunteer;
  }
}
