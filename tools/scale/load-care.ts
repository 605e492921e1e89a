import type { LoadContext } from './context.ts';
import { databaseName, textArray } from './copy-sink.ts';
import { randomStream } from './prng.ts';
import { streamRows } from './row-stream.ts';
import { addCareDays, careTagsOf, DEFAULT_CARE_RULES, slotsFor, type CareMember } from './service-code-grids.ts';

/**
 * grids' care schedule (DOMAIN.md §8.3) for the loaded population: every person of the people
 * database carrying a care tag today (care_subject, as the grids-care-tags consumer keeps it from
 * people.person.care_tags) and their households' slots from `HISTORY_DAYS` back to the horizon
 * (care_slot, written by grids' own pure schedule generator). Past slots are fulfilled at the rate
 * below (a visit or record on a day of the window); the rest are overdue and already raised, as the
 * care scheduler would have left them. Runs after people (it reads the people database).
 */
const HISTORY_DAYS = 56;
const FULFILLED_SHARE = 0.9;

export async function loadCare(context: LoadContext): Promise<void> {
  const random = randomStream(context.seed, 'care');
  const rules = DEFAULT_CARE_RULES;
  const careTags = [...careTagsOf(rules)];
  const today = context.asOfDay;
  const from = addCareDays(today, -HISTORY_DAYS);
  const to = addCareDays(today, rules.horizonDays);
  const subjects = context.sink('grids', 'care_subject', ['person_id', 'household_id', 'grid_code', 'tags', 'birthday', 'version', 'updated_at'], 200_000);
  const slots = context.sink(
    'grids',
    'care_slot',
    ['id', 'household_id', 'person_id', 'grid_code', 'kind', 'period_start', 'window_start', 'due_date', 'fulfilled_at', 'fulfilled_by', 'overdue_raised_at', 'created_at'],
    2_000_000,
  );
  const rows = streamRows(
    context.connection,
    databaseName('people'),
    `select p.id, p.household_id, p.grid_code, to_char(p.birth_date, 'MM-DD'), string_agg(distinct pt.tag_code, ',' order by pt.tag_code)
       from person p join person_tag pt on pt.person_id = p.id
      where pt.tag_code in (${careTags.map((tag) => `'${tag}'`).join(', ')}) and pt.valid_from <= '${today}' and (pt.valid_to is null or pt.valid_to >= '${today}')
        and p.household_id is not null
      group by p.id, p.household_id, p.grid_code, p.birth_date
      order by p.household_id, p.id`,
    ['work_mem = \'256MB\''],
  );
  let slotCount = 0;
  let household: { id: string; gridCode: string; members: CareMember[] } | null = null;
  const flush = async () => {
    if (!household) return;
    for (const slot of slotsFor(household.id, household.members, rules, from, to)) {
      const past = slot.dueDate < today;
      const fulfilled = past ? random.chance(FULFILLED_SHARE) : slot.windowStart <= today && random.chance(0.3);
      const lastDay = slot.dueDate < today ? slot.dueDate : today;
      const span = Math.max(0, Math.round((Date.parse(lastDay) - Date.parse(slot.windowStart)) / 86_400_000));
      const doneDay = addCareDays(slot.windowStart, random.int(0, span));
      const fulfilledAt = fulfilled ? new Date(`${doneDay}T${String(random.int(8, 17)).padStart(2, '0')}:00:00+08:00`) : null;
      slots.add([
        context.ids.generic('care-slot', slotCount++),
        slot.householdId,
        slot.personId,
        household.gridCode,
        slot.kind,
        slot.periodStart,
        slot.windowStart,
        slot.dueDate,
        fulfilledAt,
        fulfilledAt ? `visit:${context.ids.generic('care-visit', slotCount)}` : null,
        !fulfilled && past ? new Date(`${addCareDays(slot.dueDate, 1)}T00:05:00+08:00`) : null,
        new Date(`${slot.windowStart}T00:00:00+08:00`),
      ]);
    }
    household = null;
    await slots.ready();
  };
  for await (const [personId, householdId, gridCode, birthday, tags] of rows) {
    if (household && household.id !== householdId) await flush();
    household ??= { id: householdId!, gridCode: gridCode!, members: [] };
    const member = { personId: personId!, tags: tags!.split(','), birthday };
    household.members.push(member);
    subjects.add([member.personId, householdId, gridCode, textArray(member.tags), birthday, 1, context.since]);
  }
  await flush();
  await Promise.all([subjects.end(), slots.end()]);
}
