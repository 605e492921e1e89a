import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { assertInScope, type AuthUser } from '@lianxin/auth';
import { CountySettings, recordEvent } from '@lianxin/events';
import { badUserInput, notFound } from '@lianxin/graphql';
import { whenDone } from '../common/time.js';
import { type CareOverdueData, type CareRecordedData, GridEvents } from '../events/grid-events.js';
import { Grid } from '../grid/grid.entity.js';
import { GridStaff } from '../staff/grid-staff.entity.js';
import { StaffService } from '../staff/staff.service.js';
import { CARE_CONFIG, type CareConfig } from './care-config.js';
import { CareKind, type CareRules, DEFAULT_CARE_RULES, rulesFromCountySetting } from './care-rules.js';
import { addDays, type CareMember, chinaDay, slotFulfilledBy, slotsFor, slotState, weekStart } from './care-schedule.js';
import { CareRecord, CareSlot, CareSlotState, CareSubject } from './care.entities.js';
import { outsideGrid } from './proof-of-visit.js';

export interface PersonCareTags {
  personId: string;
  householdId: string | null;
  gridCode: string;
  tags: string[];
  birthday: string | null;
  version: number;
}

export interface CareDueList {
  staff: GridStaff;
  asOf: string;
  overdue: CareSlot[];
  today: CareSlot[];
  thisWeek: CareSlot[];
  later: CareSlot[];
}

export interface RecordCareInput {
  householdId: string;
  kind: CareKind;
  personId?: string | null;
  staffId?: string | null;
  doneAt?: Date | null;
  latitude?: number | null;
  longitude?: number | null;
  note?: string | null;
}

const SLOT_COLUMNS = `s.id, s.household_id, s.person_id, s.grid_code, s.kind, to_char(s.period_start, 'YYYY-MM-DD') as period_start,
  to_char(s.window_start, 'YYYY-MM-DD') as window_start, to_char(s.due_date, 'YYYY-MM-DD') as due_date, s.fulfilled_at, s.fulfilled_by, s.overdue_raised_at, s.created_at`;

interface SlotRow {
  id: string;
  household_id: string;
  person_id: string | null;
  grid_code: string;
  kind: CareKind;
  period_start: string;
  window_start: string;
  due_date: string;
  fulfilled_at: Date | null;
  fulfilled_by: string | null;
  overdue_raised_at: Date | null;
  created_at: Date;
}

function slotOf(row: SlotRow): CareSlot {
  const slot = new CareSlot();
  Object.assign(slot, {
    id: row.id,
    householdId: row.household_id,
    personId: row.person_id,
    gridCode: row.grid_code,
    kind: row.kind,
    periodStart: row.period_start,
    windowStart: row.window_start,
    dueDate: row.due_date,
    fulfilledAt: row.fulfilled_at,
    fulfilledBy: row.fulfilled_by,
    overdueRaisedAt: row.overdue_raised_at,
    createdAt: row.created_at,
  });
  return slot;
}

/**
 * The care schedule (DOMAIN.md §8.3) in the database: the copy of people's care tags, the slots
 * written from care-schedule.ts, their fulfilment by visits and care records, the due lists and the
 * overdue warnings.
 */
@Injectable()
export class CareService {
  constructor(
    private readonly em: EntityManager,
    private readonly staff: StaffService,
    @Inject(CARE_CONFIG) private readonly config: CareConfig,
    private readonly countySettings: CountySettings,
  ) {}

  /** The county's cadences in force on `day` (county setting CARE_CADENCES, grids' copy; the default when none is set). */
  async rulesFor(em: EntityManager, gridCode: string, day: string): Promise<CareRules> {
    return rulesFromCountySetting(await this.countySettings.valueAt(em, gridCode.slice(0, 6), 'CARE_CADENCES', day));
  }

  // ─── The copy of people's care tags ─────────────────────────────────────

  /** Applies people.person.care_tags (newer versions only) and rewrites the schedule of the households it touches. */
  async applySubject(em: EntityManager, data: PersonCareTags, today = chinaDay(new Date())): Promise<void> {
    const before = await em.findOne(CareSubject, { personId: data.personId });
    if (before && before.version > data.version) return;
    const households = new Set([before?.householdId, data.householdId].filter((id): id is string => !!id));
    if (data.tags.length === 0 || !data.householdId) {
      if (before) em.remove(before);
    } else if (before) {
      Object.assign(before, { householdId: data.householdId, gridCode: data.gridCode, tags: data.tags, birthday: data.birthday, version: data.version, updatedAt: new Date() });
    } else {
      em.create(CareSubject, { personId: data.personId, householdId: data.householdId, gridCode: data.gridCode, tags: data.tags, birthday: data.birthday, version: data.version });
    }
    await em.flush();
    for (const householdId of households) await this.writeSchedule(em, householdId, today);
  }

  /**
   * Writes a household's slots from today to the horizon (existing ones stay, with their
   * fulfilment); open slots not yet past that its members no longer call for are dropped, and open
   * ones follow the household to its grid. Past overdue slots stay: they were missed.
   */
  async writeSchedule(em: EntityManager, householdId: string, today: string): Promise<number> {
    const subjects = await em.find(CareSubject, { householdId });
    const gridCode = subjects[0]?.gridCode;
    const members: CareMember[] = subjects.map((subject) => ({ personId: subject.personId, tags: subject.tags, birthday: subject.birthday }));
    const rules = gridCode ? await this.rulesFor(em, gridCode, today) : DEFAULT_CARE_RULES;
    const plan = gridCode ? slotsFor(householdId, members, rules, today, addDays(today, rules.horizonDays)) : [];
    const connection = em.getConnection();
    const keep = plan.map((slot) => `${slot.kind}|${slot.periodStart}|${slot.personId ?? ''}`);
    await connection.execute(
      `delete from care_slot where household_id = ? and fulfilled_at is null and due_date >= ?
         and not (kind::text || '|' || to_char(period_start, 'YYYY-MM-DD') || '|' || coalesce(person_id::text, '') in (select jsonb_array_elements_text(?::jsonb)))`,
      [householdId, today, JSON.stringify(keep)],
    );
    if (plan.length === 0) return 0;
    await connection.execute(`update care_slot set grid_code = ? where household_id = ? and fulfilled_at is null and due_date >= ? and grid_code <> ?`, [
      gridCode,
      householdId,
      today,
      gridCode,
    ]);
    const rows = plan.map((slot) => [householdId, slot.personId, gridCode, slot.kind, slot.periodStart, slot.windowStart, slot.dueDate]);
    const result = await connection.execute(
      `insert into care_slot (id, household_id, person_id, grid_code, kind, period_start, window_start, due_date, created_at)
       select gen_random_uuid(), r.household_id::uuid, r.person_id::uuid, r.grid_code, r.kind::care_kind, r.period_start::date, r.window_start::date, r.due_date::date, now()
         from jsonb_to_recordset(?::jsonb) as r(household_id text, person_id text, grid_code text, kind text, period_start text, window_start text, due_date text)
       on conflict do nothing`,
      [
        JSON.stringify(
          rows.map(([household_id, person_id, grid_code, kind, period_start, window_start, due_date]) => ({ household_id, person_id, grid_code, kind, period_start, window_start, due_date })),
        ),
      ],
      'run',
    );
    return (result as { affectedRows?: number }).affectedRows ?? 0;
  }

  /** Every cared-for household's schedule up to the horizon, in batches (the scheduler, once a day). */
  async writeAllSchedules(today: string): Promise<number> {
    let written = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const em = this.em.fork();
      const households = await em
        .getConnection()
        .execute<Array<{ household_id: string }>>(
          `select distinct household_id from care_subject where household_id > ? order by household_id limit ?`,
          [after, this.config.batchSize],
        );
      if (households.length === 0) return written;
      await em.transactional(async (tx) => {
        for (const { household_id } of households) written += await this.writeSchedule(tx, household_id, today);
      });
      after = households[households.length - 1].household_id;
    }
  }

  // ─── Due lists ───────────────────────────────────────────────────────────

  /**
   * A worker's due list on `today`: the open slots of the households they cover now, overdue (within
   * overdueListDays), due today, due by Sunday, and later (open windows ending after this week). One
   * indexed query: household_assignment by staff, care_slot_open_idx by household.
   */
  async dueList(user: AuthUser, staffId: string | undefined, today = chinaDay(new Date())): Promise<CareDueList> {
    const staff = await this.staffFor(user, staffId);
    const rules = DEFAULT_CARE_RULES; // overdueListDays is not a county setting
    const rows = await this.em.execute<SlotRow[]>(
      `select ${SLOT_COLUMNS}
         from household_assignment ha
         join care_slot s on s.household_id = ha.household_id and s.fulfilled_at is null and s.due_date >= ? and s.window_start <= ?
        where ha.staff_id = ? and ha.ended_at is null and s.grid_code like ?
        order by s.due_date, s.kind, s.household_id`,
      [addDays(today, -rules.overdueListDays), addDays(weekStart(today), 6), staff.id, `${user.areaCode}%`],
    );
    const list: CareDueList = { staff, asOf: today, overdue: [], today: [], thisWeek: [], later: [] };
    for (const row of rows) {
      const slot = slotOf(row);
      const state = slotState({ ...slot, fulfilled: false }, today);
      if (state === 'OVERDUE') list.overdue.push(slot);
      else if (state === 'DUE_TODAY') list.today.push(slot);
      else if (state === 'DUE_THIS_WEEK') list.thisWeek.push(slot);
      else list.later.push(slot);
    }
    return list;
  }

  /** The caller's own current assignment, or a named one in the caller's scope. */
  private async staffFor(user: AuthUser, staffId: string | undefined): Promise<GridStaff> {
    if (staffId) {
      const staff = await this.em.findOne(GridStaff, { id: staffId, endedAt: null });
      if (!staff) throw notFound('GridStaff', staffId);
      assertInScope(user, staff.gridCode, 'staff member in grid');
      return staff;
    }
    return this.staff.recorder(this.em, user, undefined, undefined);
  }

  stateOf(slot: CareSlot, today = chinaDay(new Date())): CareSlotState {
    return slotState({ ...slot, fulfilled: slot.fulfilledAt !== null }, today) as CareSlotState;
  }

  // ─── Fulfilment ──────────────────────────────────────────────────────────

  /** Records care with its time and place; fulfils the slot whose window holds it (care-schedule.ts). */
  async record(user: AuthUser, input: RecordCareInput): Promise<{ record: CareRecord; slot: CareSlot | null }> {
    const doneAt = whenDone(input.doneAt ?? undefined, 'doneAt');
    if ((input.latitude ?? null) === null !== ((input.longitude ?? null) === null)) throw badUserInput('latitude', 'give latitude and longitude together');
    return this.em.transactional(async (em) => {
      const staff = await this.staff.recorder(em, user, undefined, input.staffId ?? undefined);
      const scheduled = await em.getConnection().execute<Array<{ n: string }>>(
        `select count(*) as n from care_slot where household_id = ? and grid_code = ?`,
        [input.householdId, staff.gridCode],
        'all',
        em.getTransactionContext(), // on the transaction's connection, not a second one from the pool
      );
      if (Number(scheduled[0].n) === 0) throw badUserInput('householdId', `the household has no care schedule in grid ${staff.gridCode}`);
      const grid = await em.findOne(Grid, { code: staff.gridCode });
      const record = em.create(CareRecord, {
        householdId: input.householdId,
        personId: input.personId ?? null,
        gridCode: staff.gridCode,
        staffId: staff.id,
        kind: input.kind,
        doneAt,
        latitude: input.latitude ?? null,
        longitude: input.longitude ?? null,
        outsideGrid: outsideGrid(grid?.boundary ?? null, input.longitude, input.latitude),
        note: input.note?.trim() || null,
        recordedBy: user.sub,
      });
      const slot = await this.fulfil(em, input.householdId, input.kind, doneAt, `care:${record.id}`, input.personId ?? null);
      record.slotId = slot?.id ?? null;
      await em.flush();
      recordEvent<CareRecordedData>(em, {
        type: GridEvents.CARE_RECORDED,
        areaCode: staff.gridCode,
        actor: user.sub,
        data: {
          recordId: record.id,
          gridCode: staff.gridCode,
          staffId: staff.id,
          staffUserId: staff.userId,
          householdId: input.householdId,
          kind: input.kind,
          doneAt: doneAt.toISOString(),
          slotId: record.slotId,
          outsideGrid: record.outsideGrid,
        },
      });
      return { record, slot };
    });
  }

  /** A recorded visit fulfils the household's weekly visit slot (inside the visit's transaction). */
  async fulfilVisit(em: EntityManager, visit: { id: string; householdId: string; visitedAt: Date }): Promise<CareSlot | null> {
    return this.fulfil(em, visit.householdId, CareKind.VISIT, visit.visitedAt, `visit:${visit.id}`, null);
  }

  private async fulfil(em: EntityManager, householdId: string, kind: CareKind, at: Date, by: string, personId: string | null): Promise<CareSlot | null> {
    const day = chinaDay(at);
    const rows = await em.getConnection().execute<SlotRow[]>(
      `select ${SLOT_COLUMNS} from care_slot s
        where s.household_id = ? and s.kind = ? and s.fulfilled_at is null and s.window_start <= ? and s.due_date >= ?
        for update`,
      [householdId, kind, day, day],
      'all',
      // In the caller's transaction (the visit's or care record's): without it the pool hands out a second
      // connection, outside the transaction — and ten visits at once then wait for each other's connections for ever.
      em.getTransactionContext(),
    );
    const slot = slotFulfilledBy(rows.map((row) => ({ ...slotOf(row), fulfilled: false })), { kind, day, personId });
    if (!slot) return null;
    await em.getConnection().execute(`update care_slot set fulfilled_at = ?, fulfilled_by = ? where id = ?`, [at, by, slot.id], 'run', em.getTransactionContext());
    return Object.assign(new CareSlot(), slot, { fulfilled: undefined, fulfilledAt: at, fulfilledBy: by });
  }

  // ─── Overdue care ────────────────────────────────────────────────────────

  /**
   * Claims slots whose last day passed undone and not yet raised (FOR UPDATE SKIP LOCKED: safe with
   * replicas), marks them raised and records one grids.care.overdue per covering worker and grid.
   * Returns how many slots it raised.
   */
  async raiseOverdue(today: string): Promise<number> {
    let raised = 0;
    for (;;) {
      const count = await this.em.fork().transactional(async (em) => {
        const rows = await em.execute<
          Array<SlotRow & { staff_id: string | null; staff_user_id: string | null; staff_name: string | null }>
        >(
          `with claimed as (
             select s.id from care_slot s where s.fulfilled_at is null and s.overdue_raised_at is null and s.due_date < ?
              order by s.due_date limit ? for update skip locked)
           update care_slot s set overdue_raised_at = now() from claimed where s.id = claimed.id
           returning ${SLOT_COLUMNS},
             (select ha.staff_id from household_assignment ha where ha.household_id = s.household_id and ha.ended_at is null) as staff_id,
             (select gs.user_id from household_assignment ha join grid_staff gs on gs.id = ha.staff_id where ha.household_id = s.household_id and ha.ended_at is null) as staff_user_id,
             (select gs.name from household_assignment ha join grid_staff gs on gs.id = ha.staff_id where ha.household_id = s.household_id and ha.ended_at is null) as staff_name`,
          [today, this.config.batchSize],
        );
        const groups = new Map<string, CareOverdueData>();
        for (const row of rows) {
          const key = `${row.grid_code}|${row.staff_id ?? ''}`;
          const group = groups.get(key) ?? { gridCode: row.grid_code, staffId: row.staff_id, staffUserId: row.staff_user_id, staffName: row.staff_name, slots: [] };
          group.slots.push({ slotId: row.id, householdId: row.household_id, kind: row.kind, dueDate: row.due_date });
          groups.set(key, group);
        }
        for (const data of groups.values()) {
          recordEvent<CareOverdueData>(em, { type: GridEvents.CARE_OVERDUE, areaCode: data.gridCode, actor: 'system', data });
        }
        return rows.length;
      });
      raised += count;
      if (count < this.config.batchSize) return raised;
    }
  }
}
