import { MikroORM, RequestContext, type EntityManager } from '@mikro-orm/postgresql';
import { NestFactory } from '@nestjs/core';
import { pino } from 'pino';
import { AppModule } from './app.module.js';
import { seedDemoNotices } from './demo/demo-notices.js';
import { PublicNoticeService } from './public-notice/public-notice.service.js';
import type { SystemActor } from './common/actor.js';
import { addDays, lastDayOfMonth } from './common/calendar.js';
import { gridLeaderOf, townshipAdminOf, villageAdminOf } from './demo/demo-ids.js';
import { demoRatingPlan, type DemoQuarter } from './demo/demo-ratings.js';
import { demoActivity, demoAssessments, demoSatisfaction, demoStaff, demoTrainings, DEMO_GRIDS } from './demo/demo-staff.js';
import { Assessment } from './staff-assessment/assessment.entity.js';
import { AssessmentService } from './staff-assessment/assessment.service.js';
import { TrainingRecord } from './staff-assessment/training-record.entity.js';
import { TrainingService } from './staff-assessment/training.service.js';
import { PartyMemberRating } from './star-rating/party-member-rating.entity.js';
import { expectedNextStep } from './star-rating/rating-procedure.js';
import { RatingRound } from './star-rating/rating-round.entity.js';
import { RatingStep } from './star-rating/star-rating-enums.js';
import { StarRatingService } from './star-rating/star-rating.service.js';

/**
 * Loads the demo assessments (src/demo): star ratings of the demo party members through the whole
 * procedure (events go out as for any change), a year of platform activity in the projections, the
 * grid staff assessments completed from it, and trainings. Everything is looked up before it is
 * written, and a round left half-way is continued, so it is safe to run again.
 */
// A seed publishes its events but must not consume others' (they would count on top of the seeded projections).
process.env.EVENTS_CONSUMERS ??= 'off';
const logger = pino({ name: 'assessments-seed', level: process.env.LOG_LEVEL ?? 'info' });
const app = await NestFactory.createApplicationContext(AppModule, { logger: false });
const orm = app.get(MikroORM);
const inContext = <T>(work: (em: EntityManager) => Promise<T>) => RequestContext.create(orm.em, () => work(orm.em.fork()));
const system = (userId: string, role: string): SystemActor => ({ system: true, userId, role });

/** When each step of a quarter's round is recorded: in the weeks after the quarter. */
const STEP_DAYS: Record<RatingStep, number> = {
  [RatingStep.SELF_RATED]: 3,
  [RatingStep.BRANCH_COMMITTEE_RATED]: 7,
  [RatingStep.PARTY_COMMITTEE_REVIEWED]: 12,
  [RatingStep.ASSEMBLY_DECIDED]: 18,
  [RatingStep.PUBLICLY_NOTIFIED]: 20,
};

function stepInput(plan: DemoQuarter, step: RatingStep) {
  switch (step) {
    // Members rarely deduct from themselves: the self-rating lists what they did; the branch committee rates it all.
    case RatingStep.SELF_RATED:
      return { entries: plan.entries.filter((entry) => entry.star === 'PERFORMANCE'), note: '党员无系统账号，由支委代录自评' };
    case RatingStep.BRANCH_COMMITTEE_RATED:
      return { entries: plan.entries, redLines: plan.redLines, note: '支委会初评' };
    case RatingStep.PARTY_COMMITTEE_REVIEWED:
      return { note: '街道党工委审核同意' };
    case RatingStep.ASSEMBLY_DECIDED:
      return { note: '党员大会评定' };
    case RatingStep.PUBLICLY_NOTIFIED:
      return { note: '在党务公开栏公示7天，无异议' };
  }
}

function stepActor(plan: DemoQuarter, step: RatingStep): SystemActor {
  switch (step) {
    case RatingStep.SELF_RATED:
    case RatingStep.BRANCH_COMMITTEE_RATED:
      return system(gridLeaderOf(plan.gridCode), 'grid-leader');
    case RatingStep.PARTY_COMMITTEE_REVIEWED:
      return system(townshipAdminOf(plan.gridCode), 'township-admin');
    default:
      return system(villageAdminOf(plan.gridCode), 'village-admin');
  }
}

async function seedRatings(): Promise<number> {
  const stars = app.get(StarRatingService);
  const { quarters, measures } = demoRatingPlan();
  const members = [...new Set(quarters.map((quarter) => quarter.personId))];
  let steps = 0;
  for (const [index, personId] of members.entries()) {
    await inContext(async (em) => {
      for (const plan of quarters.filter((quarter) => quarter.personId === personId)) {
        let round = await em.findOne(RatingRound, { personId, year: plan.year, quarter: plan.quarter });
        round ??= await stars.openRound(system(villageAdminOf(plan.gridCode), 'village-admin'), {
          personId,
          memberType: plan.memberType,
          areaCode: plan.gridCode,
          year: plan.year,
          quarter: plan.quarter,
        });
        const quarterEnd = lastDayOfMonth(plan.year, plan.quarter * 3);
        for (let step = expectedNextStep(round.status); step; step = expectedNextStep(round.status)) {
          const at = new Date(`${addDays(quarterEnd, STEP_DAYS[step])}T10:00:00+08:00`);
          ({ round } = await stars.recordStep(stepActor(plan, step), { roundId: round.id, step, ...stepInput(plan, step) }, at));
          steps += 1;
        }
      }
    });
    logger.info({ step: 'star ratings', done: index + 1, total: members.length }, 'seeding star ratings');
  }
  await inContext(async (em) => {
    for (const measure of measures) {
      const rating = await em.findOne(PartyMemberRating, { personId: measure.personId, year: measure.year });
      if (!rating || rating.oneStarMeasure || !rating.measureRequired) continue;
      await stars.recordMeasure(
        system(townshipAdminOf(measure.gridCode), 'township-admin'),
        { ratingId: rating.id, measure: measure.measure, note: measure.note },
        new Date(`${measure.year + 1}-01-25T10:00:00+08:00`),
      );
    }
  });
  return steps;
}

const CHUNK = 500;

/** Writes the projections once: a row already there (a rerun) is left alone, so nothing is counted twice. */
async function seedProjections(): Promise<number> {
  const activity = demoStaff().flatMap((staff) => demoActivity(staff));
  const satisfaction = DEMO_GRIDS.flatMap((gridCode) => demoSatisfaction(gridCode));
  await inContext(async (em) => {
    const connection = em.getConnection();
    for (let start = 0; start < activity.length; start += CHUNK) {
      const rows = activity.slice(start, start + CHUNK);
      await connection.execute(
        `insert into staff_activity_day (user_id, grid_code, day, visits, cases_found, cases_closed, cases_closed_on_time)
         values ${rows.map(() => '(?, ?, ?, ?, ?, ?, ?)').join(', ')} on conflict do nothing`,
        rows.flatMap((row) => [row.userId, row.gridCode, row.day, row.visits, row.casesFound, row.casesClosed, row.casesClosedOnTime]),
      );
      logger.info({ step: 'activity projection', done: Math.min(start + CHUNK, activity.length), total: activity.length }, 'seeding projections');
    }
    for (let start = 0; start < satisfaction.length; start += CHUNK) {
      const rows = satisfaction.slice(start, start + CHUNK);
      await connection.execute(
        `insert into grid_satisfaction_day (grid_code, day, satisfied, basically_satisfied, unsatisfied)
         values ${rows.map(() => '(?, ?, ?, ?, ?)').join(', ')} on conflict do nothing`,
        rows.flatMap((row) => [row.gridCode, row.day, row.satisfied, row.basicallySatisfied, row.unsatisfied]),
      );
    }
  });
  return activity.length + satisfaction.length;
}

async function seedAssessments(): Promise<number> {
  const service = app.get(AssessmentService);
  const assessments = demoAssessments();
  let created = 0;
  for (const [index, demo] of assessments.entries()) {
    await inContext(async (em) => {
      const where = { kind: demo.kind, period: demo.period, staffUserId: demo.staff.userId, gridCode: demo.staff.gridCode };
      if (await em.findOne(Assessment, where)) return;
      await service.complete(
        system(demo.assessedBy, demo.role),
        { ...where, staffPersonId: demo.staff.personId, quantifiedItems: demo.quantifiedItems, votes: demo.votes },
        demo.completedAt,
      );
      created += 1;
    });
    if ((index + 1) % 10 === 0 || index + 1 === assessments.length) logger.info({ step: 'assessments', done: index + 1, total: assessments.length }, 'seeding assessments');
  }
  return created;
}

async function seedTrainings(): Promise<number> {
  const service = app.get(TrainingService);
  let created = 0;
  for (const training of demoTrainings()) {
    await inContext(async (em) => {
      if (await em.findOne(TrainingRecord, { staffUserId: training.staff.userId, kind: training.kind, trainedOn: training.trainedOn })) return;
      await service.record(system(training.recordedBy, 'admin'), {
        staffUserId: training.staff.userId,
        staffPersonId: training.staff.personId,
        gridCode: training.staff.gridCode,
        kind: training.kind,
        title: training.title,
        trainedOn: training.trainedOn,
        hours: training.hours,
        mentorUserId: training.mentorUserId ?? undefined,
      });
      created += 1;
    });
  }
  return created;
}

try {
  const started = Date.now();
  const steps = await seedRatings();
  const projectionRows = await seedProjections();
  const assessments = await seedAssessments();
  const trainings = await seedTrainings();
  const notices = await inContext((em) => seedDemoNotices(em, app.get(PublicNoticeService)));
  logger.info({ steps, projectionRows, assessments, trainings, notices, ms: Date.now() - started }, 'assessments demo data loaded');
} finally {
  await app.close();
}
