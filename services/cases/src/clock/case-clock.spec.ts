import { CaseAction, CaseClass, HandlingLevel } from '../case/case-enums.js';
import { addDays, endOfLocalDay } from '../deadline/local-time.js';
import { DEFAULT_WORKING_DAYS, NO_EXCEPTIONS, type CalendarExceptions } from '../deadline/working-calendar.js';
import {
  caseDueAt,
  clockAfter,
  deadlineAfter,
  initialClock,
  isMissed,
  isReopenResolvedOnTime,
  isResolvedOnTime,
  replayClock,
  type ClockCalendar,
  type HistoryStep,
} from './case-clock.js';
import { COUNTY_SETTING_DEFAULTS } from '@lianxin/events';
import { countyClockOf, DEFAULT_COUNTY_CLOCK, DEFAULT_STAGE_DAYS, defaultClockRule, type ClockRule } from './clock.rules.js';

const ZONE = 'Asia/Shanghai';
const WORKING: ClockCalendar = { exceptions: NO_EXCEPTIONS, timeZone: ZONE };
const endOf = (day: string) => endOfLocalDay(day, ZONE);
const hours = (start: Date, h: number) => new Date(start.getTime() + h * 3_600_000);
/** Monday 2 November 2026, 09:00 and 10:00 in Shanghai. */
const REPORTED = new Date('2026-11-02T01:00:00Z');
const VERIFIED = new Date('2026-11-02T02:00:00Z');

/** The hand-overs of the six-order loop: grid → village → township → department. */
const HAND_OVERS: Array<{ action: CaseAction; toLevel: HandlingLevel }> = [
  { action: CaseAction.ESCALATE, toLevel: HandlingLevel.VILLAGE },
  { action: CaseAction.PLACE_ORDER, toLevel: HandlingLevel.TOWNSHIP },
  { action: CaseAction.DISPATCH, toLevel: HandlingLevel.DEPARTMENT },
];

function history(handOvers: number, end: { action: CaseAction; at: Date } | null): HistoryStep[] {
  const steps: HistoryStep[] = [
    { action: CaseAction.REPORT, at: REPORTED, toLevel: HandlingLevel.GRID, actorUserId: 'resident' },
    { action: CaseAction.VERIFY, at: VERIFIED, toLevel: HandlingLevel.GRID, actorUserId: 'grid-worker' },
  ];
  HAND_OVERS.slice(0, handOvers).forEach((step, i) =>
    steps.push({ ...step, at: hours(VERIFIED, i + 1), actorUserId: `holder-${i}`, note: step.action === CaseAction.DISPATCH ? 'to 330402-ZJ' : null }),
  );
  const level = handOvers === 0 ? HandlingLevel.GRID : HAND_OVERS[handOvers - 1].toLevel;
  if (end) steps.push({ action: end.action, at: end.at, toLevel: level, actorUserId: 'resolver' });
  return steps;
}

describe('§8.1 one case clock', () => {
  const classes = Object.values(CaseClass);
  const cases = classes.flatMap((caseClass) => [0, 1, 3].map((handOvers) => [caseClass, handOvers] as const));

  it.each(cases)('§8.1 a %s case with %i hand-overs keeps the class deadline from verification', (caseClass, handOvers) => {
    const rule = defaultClockRule(caseClass);
    const promise = deadlineAfter(VERIFIED, DEFAULT_WORKING_DAYS[caseClass], 'WORKING_DAYS', WORKING);
    const replayed = replayClock(history(handOvers, null), rule, WORKING, VERIFIED);
    expect(replayed.clockStartedAt).toEqual(VERIFIED);
    expect(replayed.dueAt).toEqual(promise);
    expect(replayed.stages).toHaveLength(handOvers + 1);
    // Each holder's stage: its level's limit from the hand-over, never past the case clock.
    for (const stage of replayed.stages) {
      const days = stage.level === HandlingLevel.COUNTY ? null : DEFAULT_STAGE_DAYS[stage.level];
      const own = deadlineAfter(stage.startedAt, days!, 'WORKING_DAYS', WORKING);
      expect(stage.dueAt).toEqual(own.getTime() < promise.getTime() ? own : promise);
    }
  });

  it.each(cases)('§8.1 a %s case with %i hand-overs resolved before the case clock is on time, after it late', (caseClass, handOvers) => {
    const rule = defaultClockRule(caseClass);
    const promise = caseDueAt(VERIFIED, rule, WORKING);
    for (const [at, onTime] of [
      [hours(promise, -1), true],
      [hours(promise, 1), false],
    ] as const) {
      const replayed = replayClock(history(handOvers, { action: CaseAction.RESOLVE, at }), rule, WORKING, hours(at, 1));
      expect(replayed.dueAt).toEqual(promise);
      expect(replayed.overdue).toBe(!onTime);
      expect(isResolvedOnTime({ resolvedAt: at, dueAt: replayed.dueAt, overdue: replayed.overdue, reopenCount: 0 })).toBe(onTime);
    }
  });

  it('§8.1 a SIMPLE case passed through four holders is late after one working day (hand-overs never reset dueAt)', () => {
    const rule = defaultClockRule(CaseClass.SIMPLE);
    let fields = clockAfter(initialClock(), { action: CaseAction.REPORT, at: REPORTED, toLevel: HandlingLevel.GRID }, rule, WORKING);
    fields = clockAfter(fields, { action: CaseAction.VERIFY, at: VERIFIED, toLevel: HandlingLevel.GRID }, rule, WORKING);
    const promise = fields.dueAt;
    expect(promise).toEqual(endOf('2026-11-03'));
    HAND_OVERS.forEach((step, i) => {
      fields = clockAfter(fields, { ...step, at: hours(VERIFIED, 4 * (i + 1)) }, rule, WORKING);
      expect(fields.dueAt).toEqual(promise);
      expect(fields.stageLevel).toBe(step.toLevel);
      expect(fields.stageDueAt!.getTime()).toBeLessThanOrEqual(promise!.getTime());
    });
    expect(isMissed(fields.dueAt, null, hours(promise!, 1))).toBe(true);
    expect(isMissed(fields.dueAt, promise, hours(promise!, 1))).toBe(false);
    const resolvedAt = hours(promise!, 2);
    expect(isResolvedOnTime({ resolvedAt, dueAt: fields.dueAt, overdue: true, reopenCount: 0 })).toBe(false);
  });

  it('§8.1 a stage that runs over is charged to its holder; the others are not', () => {
    const rule = defaultClockRule(CaseClass.DIFFICULT);
    // The village holds the case from Monday 11:00 to Friday: its 2 working days end on Wednesday.
    const steps: HistoryStep[] = [
      ...history(1, null),
      { action: CaseAction.PLACE_ORDER, at: new Date('2026-11-06T02:00:00Z'), toLevel: HandlingLevel.TOWNSHIP, actorUserId: 'village' },
      { action: CaseAction.RESOLVE, at: new Date('2026-11-06T06:00:00Z'), toLevel: HandlingLevel.TOWNSHIP, actorUserId: 'township' },
    ];
    const replayed = replayClock(steps, rule, WORKING, new Date('2026-11-07T00:00:00Z'));
    expect(replayed.stages.map((stage) => [stage.level, stage.overran])).toEqual([
      [HandlingLevel.GRID, false],
      [HandlingLevel.VILLAGE, true],
      [HandlingLevel.TOWNSHIP, false],
    ]);
    expect(replayed.stages[1].dueAt).toEqual(endOf('2026-11-04'));
    expect(replayed.stages[2].holderUserId).toBe('township');
    expect(replayed.overdue).toBe(false);
  });

  it('§8.1 working-day county: a SIMPLE case verified on Friday is due at the end of Monday, holidays skipped', () => {
    const friday = new Date('2026-11-06T02:00:00Z');
    const rule = defaultClockRule(CaseClass.SIMPLE);
    expect(caseDueAt(friday, rule, WORKING)).toEqual(endOf('2026-11-09'));
    const holidayMonday: CalendarExceptions = { holidays: new Set(['2026-11-09']), makeUpWorkdays: new Set() };
    expect(caseDueAt(friday, rule, { exceptions: holidayMonday, timeZone: ZONE })).toEqual(endOf('2026-11-10'));
  });

  it('§8.1 calendar-day county: a SIMPLE case verified on Friday is due at the end of Saturday, holidays count', () => {
    const friday = new Date('2026-11-06T02:00:00Z');
    const rule: ClockRule = { ...defaultClockRule(CaseClass.SIMPLE), dayCounting: 'CALENDAR_DAYS' };
    const holidays: CalendarExceptions = { holidays: new Set(['2026-11-07']), makeUpWorkdays: new Set() };
    expect(caseDueAt(friday, rule, { exceptions: holidays, timeZone: ZONE })).toEqual(endOf('2026-11-07'));
    // A ORDINARY case with three hand-overs over the weekend: 3 calendar days, whoever holds it.
    const ordinary: ClockRule = { ...defaultClockRule(CaseClass.ORDINARY), dayCounting: 'CALENDAR_DAYS' };
    const replayed = replayClock(history(3, null), ordinary, WORKING, VERIFIED);
    expect(replayed.dueAt).toEqual(endOf(addDays('2026-11-02', 3)));
    expect(replayed.stages[1].dueAt).toEqual(endOf(addDays('2026-11-02', DEFAULT_STAGE_DAYS.VILLAGE)));
  });

  it('§8.1 a reopen starts a new, shorter case clock and counts as a reopen, never as a new on-time case', () => {
    const rule: ClockRule = { ...defaultClockRule(CaseClass.MAJOR), reopenDays: 2 };
    const resolvedAt = hours(VERIFIED, 5);
    const reopenedAt = new Date('2026-11-04T02:00:00Z');
    const steps: HistoryStep[] = [
      ...history(0, { action: CaseAction.RESOLVE, at: resolvedAt }),
      { action: CaseAction.FEED_BACK, at: hours(resolvedAt, 1), toLevel: HandlingLevel.GRID, actorUserId: 'grid-worker' },
      { action: CaseAction.REOPEN, at: reopenedAt, toLevel: HandlingLevel.GRID, actorUserId: 'resident' },
    ];
    const replayed = replayClock(steps, rule, WORKING, hours(reopenedAt, 1));
    expect(replayed.reopenCount).toBe(1);
    expect(replayed.clockStartedAt).toEqual(reopenedAt);
    expect(replayed.dueAt).toEqual(endOf('2026-11-06'));
    expect(replayed.stages).toHaveLength(2);
    const again = hours(reopenedAt, 3);
    const facts = { resolvedAt: again, dueAt: replayed.dueAt, overdue: false, reopenCount: replayed.reopenCount };
    expect(isResolvedOnTime(facts)).toBe(false);
    expect(isReopenResolvedOnTime(facts)).toBe(true);
    // Default: the class deadline again.
    const byDefault = replayClock(steps, defaultClockRule(CaseClass.MAJOR), WORKING, hours(reopenedAt, 1));
    expect(byDefault.dueAt).toEqual(deadlineAfter(reopenedAt, 7, 'WORKING_DAYS', WORKING));
  });

  it('§8.1 the defaults: working days, stage limits 1/2/3/5 days, reopen = the class deadline', () => {
    expect(DEFAULT_COUNTY_CLOCK).toEqual({ dayCounting: 'WORKING_DAYS', stageDays: { GRID: 1, VILLAGE: 2, TOWNSHIP: 3, DEPARTMENT: 5 }, reopenDays: null });
    // The per-county settings' defaults (organizations, libs/events) are the same numbers.
    const { CASE_DAY_COUNTING, CASE_STAGE_LIMITS, CASE_REOPEN_CLOCK } = COUNTY_SETTING_DEFAULTS;
    expect(countyClockOf(CASE_DAY_COUNTING, CASE_STAGE_LIMITS, CASE_REOPEN_CLOCK)).toEqual(DEFAULT_COUNTY_CLOCK);
  });
});
