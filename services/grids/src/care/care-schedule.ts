import { CareKind, type CarePeriod, type CareRules, moreFrequent } from './care-rules.js';

/**
 * The care schedule (DOMAIN.md §8.3) as pure functions over calendar days ('YYYY-MM-DD', China time):
 * which slots a household has in a date range, which slot a care record fulfils, and where a slot
 * stands on a given day. No database: care.service.ts writes what these return.
 */

/** A member of a cared-for household, as grids knows them from people's events. */
export interface CareMember {
  personId: string;
  tags: string[];
  /** 'MM-DD', for the birthday visit; null when unknown. */
  birthday: string | null;
}

/** One piece of care owed in one period. */
export interface CareSlotPlan {
  householdId: string;
  /** The member a BIRTHDAY slot is for; null for household care. */
  personId: string | null;
  kind: CareKind;
  /** First day of the period (for BIRTHDAY: the birthday itself), the slot's identity with kind and person. */
  periodStart: string;
  /** First day a record counts for it. */
  windowStart: string;
  /** Last day: after it, an unfulfilled slot is overdue. */
  dueDate: string;
}

export type SlotState = 'FULFILLED' | 'OVERDUE' | 'DUE_TODAY' | 'DUE_THIS_WEEK' | 'UPCOMING';

const DAY_MS = 86_400_000;

export function toDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function parseDay(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

export function addDays(day: string, days: number): string {
  return toDay(new Date(parseDay(day).getTime() + days * DAY_MS));
}

/** The calendar day in China (UTC+8, no daylight saving) of an instant. */
export function chinaDay(instant: Date): string {
  return toDay(new Date(instant.getTime() + 8 * 3_600_000));
}

/** Monday of the ISO week holding `day`. */
export function weekStart(day: string): string {
  const weekday = (parseDay(day).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return addDays(day, -weekday);
}

/** The period holding `day`: [first day, last day]. */
export function periodOf(period: CarePeriod, day: string): [string, string] {
  const date = parseDay(day);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth();
  switch (period) {
    case 'WEEK': {
      const start = weekStart(day);
      return [start, addDays(start, 6)];
    }
    case 'MONTH':
      return [toDay(new Date(Date.UTC(year, month, 1))), toDay(new Date(Date.UTC(year, month + 1, 0)))];
    case 'QUARTER': {
      const first = month - (month % 3);
      return [toDay(new Date(Date.UTC(year, first, 1))), toDay(new Date(Date.UTC(year, first + 3, 0)))];
    }
    case 'YEAR':
      return [`${year}-01-01`, `${year}-12-31`];
  }
}

/** The birthday in `year`; 29 February is kept on 28 February in other years. */
export function birthdayIn(year: number, monthDay: string): string {
  const [month, day] = monthDay.split('-').map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1) return toDay(new Date(Date.UTC(year, month - 1, day - 1)));
  return toDay(date);
}

/** The kinds of care a household is owed and how often: over its members' tags, the most frequent cadence per kind. */
export function householdKinds(members: CareMember[], rules: CareRules): Map<CareKind, CarePeriod> {
  const kinds = new Map<CareKind, CarePeriod>();
  for (const member of members) {
    for (const tag of member.tags) {
      for (const [kind, period] of Object.entries(rules.cadences[tag] ?? {}) as Array<[CareKind, CarePeriod]>) kinds.set(kind, moreFrequent(kinds.get(kind), period));
    }
  }
  return kinds;
}

/**
 * Every slot of a household whose window overlaps [from, to]. Household care (visit, housework,
 * problem solved) once per period; a birthday visit for each member carrying a tag with BIRTHDAY and
 * a known birthday.
 */
export function slotsFor(householdId: string, members: CareMember[], rules: CareRules, from: string, to: string): CareSlotPlan[] {
  if (to < from) return [];
  const slots: CareSlotPlan[] = [];
  for (const [kind, period] of householdKinds(members, rules)) {
    if (kind === CareKind.BIRTHDAY) continue;
    for (let [start, end] = periodOf(period, from); start <= to; [start, end] = periodOf(period, addDays(end, 1))) {
      slots.push({ householdId, personId: null, kind, periodStart: start, windowStart: start, dueDate: end });
    }
  }
  for (const member of members) {
    if (!member.birthday || !member.tags.some((tag) => rules.cadences[tag]?.[CareKind.BIRTHDAY])) continue;
    const firstYear = parseDay(from).getUTCFullYear();
    const lastYear = parseDay(to).getUTCFullYear() + 1;
    for (let year = firstYear; year <= lastYear; year += 1) {
      const birthday = birthdayIn(year, member.birthday);
      const windowStart = addDays(birthday, -rules.birthdayLeadDays);
      if (birthday < from || windowStart > to) continue;
      slots.push({ householdId, personId: member.personId, kind: CareKind.BIRTHDAY, periodStart: birthday, windowStart, dueDate: birthday });
    }
  }
  return slots.sort((a, b) => a.windowStart.localeCompare(b.windowStart) || a.kind.localeCompare(b.kind));
}

export interface CareRecordFacts {
  kind: CareKind;
  day: string;
  /** For a birthday visit: whose birthday (optional when the household has one birthday in the window). */
  personId?: string | null;
}

/**
 * The slot a record fulfils: the still-open slot of its kind whose window holds the record's day
 * (for a birthday, the member's). A record outside every open window fulfils nothing — a missed
 * week stays missed, and a second visit in one week does not pay for the next.
 */
export function slotFulfilledBy<T extends CareSlotPlan & { fulfilled: boolean }>(slots: T[], record: CareRecordFacts): T | null {
  const candidates = slots.filter(
    (slot) =>
      !slot.fulfilled &&
      slot.kind === record.kind &&
      slot.windowStart <= record.day &&
      record.day <= slot.dueDate &&
      (record.kind !== CareKind.BIRTHDAY || !record.personId || slot.personId === record.personId),
  );
  candidates.sort((a, b) => a.dueDate.localeCompare(b.dueDate));
  return candidates[0] ?? null;
}

/** Where a slot stands on `today`: overdue after its due date, due today, due by Sunday, or later. */
export function slotState(slot: Pick<CareSlotPlan, 'dueDate' | 'windowStart'> & { fulfilled: boolean }, today: string): SlotState {
  if (slot.fulfilled) return 'FULFILLED';
  if (slot.dueDate < today) return 'OVERDUE';
  if (slot.dueDate === today) return 'DUE_TODAY';
  if (slot.windowStart <= today && slot.dueDate <= addDays(weekStart(today), 6)) return 'DUE_THIS_WEEK';
  return 'UPCOMING';
}
