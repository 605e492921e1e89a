import type { LoadContext } from './context.ts';
import { databaseName, runSql, type CopySink } from './copy-sink.ts';
import { RESIDENT_DEMO } from './ids.ts';
import type { PointRule } from './points-book.ts';
import { KeyedRuns, streamRows } from './row-stream.ts';
import { HandlingLevel } from './service-code.ts';
import { assertBalanced, loadVolunteersConfig, quarterEndWindow, SKILLS_BY_KIND, VOLUNTEERS_DEMO_USERS } from './service-code-volunteers.ts';
import { gridTeam } from './staff.ts';
import { writeRows, type Row } from './table-rows.ts';
import { generateVillage, type CaseVerification, type CatalogueItem, type PartyType, type VillageRows, type VolunteerCandidate } from './volunteer-village.ts';

/**
 * volunteers: volunteers, teams, double reports, activities, service orders, manual awards,
 * declarations, the dual-points ledger (accounts, postings, entries), redemptions and vetoes,
 * village by village (volunteer-village.ts). It reads what it builds on from the other services'
 * loaded databases, as the service would have learnt it:
 * - people: the party members (party_membership, with type and work unit) and a fixed sample of
 *   registered adults (one in eight by person id) — the people loader's population is drawn from
 *   one stream with everything else it writes, so it cannot be replayed from the plan alone;
 * - cases: each case's first verification with its reporting resident (cases.case.verified → civic
 *   points, CaseVerifiedConsumer), so it runs after the cases are loaded.
 * The grids' own volunteers (1+1+3+N) come from staff.ts, the rules from the migrated point_rule.
 * Leaderboards are not stored: the service ranks from the ledger when asked.
 */
const VOLUNTEER_SHARE = 0.05;

/** Columns of the service's tables, in the order the rows are copied. */
const COLUMNS: Record<keyof VillageRows, readonly string[]> = {
  volunteer: ['id', 'created_at', 'updated_at', 'version', 'person_id', 'user_id', 'area_code', 'kinds', 'skills', 'party_member_type', 'service_minutes'],
  team: ['id', 'created_at', 'updated_at', 'version', 'name', 'area_code', 'description'],
  team_membership: ['team_id', 'volunteer_id', 'joined_at'],
  double_report: ['id', 'created_at', 'updated_at', 'version', 'person_id', 'work_unit', 'area_code', 'year', 'registered_by_user_id'],
  redemption_item: ['id', 'created_at', 'updated_at', 'version', 'name', 'description', 'kind', 'area_code', 'points_cost', 'stock', 'active'],
  activity: ['id', 'created_at', 'updated_at', 'version', 'title', 'kind', 'description', 'area_code', 'starts_at', 'ends_at', 'capacity', 'signed_up_count', 'attended_count', 'service_minutes', 'organiser_user_id'],
  activity_sign_up: ['activity_id', 'volunteer_id', 'signed_up_at', 'attended_at', 'checked_in_by_user_id'],
  service_order: [
    'id', 'created_at', 'updated_at', 'version', 'kind', 'title', 'description', 'area_code', 'deadline', 'status', 'requester_person_id', 'requester_user_id',
    'published_by_user_id', 'published_at', 'claimant_volunteer_id', 'claimed_at', 'completed_at', 'completion_note', 'confirmed_at', 'confirmed_by_user_id',
    'expired_at', 'last_claimant_volunteer_id',
  ],
  manual_award: [
    'id', 'created_at', 'updated_at', 'version', 'person_id', 'account_kind', 'area_code', 'rule_code', 'points', 'reason', 'occurred_at', 'status',
    'proposed_by_user_id', 'decided_by_user_id', 'decided_at', 'decision_note', 'posting_id',
  ],
  point_declaration: [
    'id', 'created_at', 'updated_at', 'version', 'volunteer_id', 'person_id', 'area_code', 'month', 'points', 'description', 'status', 'declared_by_user_id',
    'collected_by_user_id', 'collected_at', 'verified_by_user_id', 'verified_at', 'rejected_reason', 'posting_id',
  ],
  point_veto: ['id', 'created_at', 'updated_at', 'version', 'account_id', 'person_id', 'area_code', 'period', 'period_start', 'period_end', 'reason', 'points_voided', 'posting_id', 'vetoed_by_user_id'],
  redemption: ['id', 'created_at', 'updated_at', 'version', 'item_id', 'account_id', 'person_id', 'account_kind', 'area_code', 'quantity', 'points', 'posting_id', 'redeemed_by_user_id'],
  point_account: ['id', 'created_at', 'updated_at', 'version', 'kind', 'person_id', 'area_code', 'party_member_type', 'holder_user_id', 'balance'],
  ledger_posting: ['id', 'idempotency_key', 'kind', 'source', 'rule_code', 'memo', 'area_code', 'occurred_at', 'recorded_at', 'actor'],
  ledger_entry: ['id', 'posting_id', 'account_id', 'amount', 'created_at'],
};

/** Rough rows per person of the county, for the progress display until the real counts are known. */
const EXPECTED_PER_PERSON: Record<keyof VillageRows, number> = {
  volunteer: 0.05, team: 0.0013, team_membership: 0.05, double_report: 0.03, redemption_item: 0.0017, activity: 0.03, activity_sign_up: 0.3,
  service_order: 0.07, manual_award: 0.045, point_declaration: 0.2, point_veto: 0.0005, redemption: 0.2, point_account: 0.3, ledger_posting: 2.1, ledger_entry: 4.2,
};

export async function loadVolunteers(context: LoadContext): Promise<void> {
  const { plan, ids, connection } = context;
  const persons = plan.size.persons;
  const sinks = Object.fromEntries(
    (Object.keys(COLUMNS) as Array<keyof VillageRows>).map((table) => [table, context.sink('volunteers', table, COLUMNS[table], Math.round(persons * EXPECTED_PER_PERSON[table]))]),
  ) as Record<keyof VillageRows, CopySink>;
  const counters = new Map<string, number>();
  const newId = (kind: string) => {
    const n = counters.get(kind) ?? 0;
    counters.set(kind, n + 1);
    return ids.generic(kind, n);
  };
  const write = (table: keyof VillageRows, rows: readonly Row[]) => writeRows(sinks[table], COLUMNS[table], rows);

  const rules = (await runSql(connection, databaseName('volunteers'), `select code, source, account_kind, party_member_type, points, active from point_rule order by code`)).map(
    ([code, source, accountKind, memberType, points, active]): PointRule => ({
      code,
      source: source as PointRule['source'],
      accountKind: accountKind as PointRule['accountKind'],
      partyMemberType: memberType || null,
      points: Number(points),
      active: active === 't',
    }),
  );
  if (rules.length === 0) throw new Error('no point rules in the volunteers database: is it migrated?');
  const { redemptionWindowDays } = loadVolunteersConfig();

  // The county's own catalogue and each township's rescue team, before the villages.
  const itemsCreated = new Date(context.since.getTime() - 800 * 86_400_000 + 10 * 3_600_000);
  const countyItems: CatalogueItem[] = [
    { id: newId('redemption-item'), name: '社区医院优先就诊', areaCode: plan.townships[0].code.slice(0, 6), pointsCost: 30 },
    { id: newId('redemption-item'), name: '免费理发一次', areaCode: plan.townships[0].code.slice(0, 6), pointsCost: 10 },
  ];
  write(
    'redemption_item',
    countyItems.map((item, i) => ({
      id: item.id,
      created_at: itemsCreated,
      updated_at: itemsCreated,
      version: 1,
      name: item.name,
      description: i === 0 ? '凭兑换记录在社区卫生服务中心优先就诊一次。One priority visit.' : '新时代文明实践站理发服务。One haircut.',
      kind: 'PRIORITY_SERVICE',
      area_code: item.areaCode,
      points_cost: item.pointsCost,
      stock: 300 + i * 200,
      active: true,
    })),
  );
  const townshipTeams = new Map<string, string>();
  for (const township of plan.townships) {
    const id = newId('volunteer-team');
    townshipTeams.set(township.code, id);
    const created = new Date(context.since.getTime() - 900 * 86_400_000 + 10 * 3_600_000);
    write('team', [{ id, created_at: created, updated_at: created, version: 1, name: '蓝天救援队', area_code: township.code, description: '防汛抢险、应急救援。Flood and emergency rescue.' }]);
  }

  const candidates = new KeyedRuns(
    streamRows(
      connection,
      databaseName('people'),
      `select p.grid_code, p.id, date_part('year', age(date '${context.asOfDay}', p.birth_date))::int, p.sex, m.type, m.work_unit
         from person p left join party_membership m on m.person_id = p.id
        where m.person_id is not null
           or (p.household_id is not null and p.residence_status = 'REGISTERED_RESIDENT'
               and p.birth_date between date '${context.asOfDay}' - interval '70 years' and date '${context.asOfDay}' - interval '18 years'
               and (('x' || left(p.id::text, 8))::bit(32)::int & 7) = 0)
        order by p.grid_code, p.id`,
      ['work_mem = \'256MB\''],
    ),
    (row) => row[0]!.slice(0, 12),
  );
  const verifications = new KeyedRuns(
    streamRows(
      connection,
      databaseName('cases'),
      `select v.grid_code, v.case_id, v.reporter_person_id, (extract(epoch from v.at) * 1000)::bigint, v.actor_user_id from (
         select distinct on (h.case_id) h.case_id, c.grid_code, c.reporter_person_id, h.at, h.actor_user_id
           from case_history h join "case" c on c.id = h.case_id
          where h.action = 'VERIFY' and c.reporter_person_id is not null
          order by h.case_id, h.seq) v
       order by v.grid_code, v.at, v.case_id`,
      ['work_mem = \'256MB\''],
    ),
    (row) => row[0]!.slice(0, 12),
  );

  const since = context.since.getTime();
  const asOf = context.asOf.getTime();
  for (const village of plan.villages) {
    const grids = plan.grids.filter((grid) => grid.villageCode === village.code);
    const candidateRows = await candidates.take(village.code);
    const verificationRows = await verifications.take(village.code);
    const staffVolunteers: VolunteerCandidate[] = grids.flatMap((grid) =>
      gridTeam(context.seed, ids, grid)
        .staff.filter((member) => member.role === 'VOLUNTEER')
        .map((member) => ({ personId: ids.staffPerson(grid.code, member.position), gridCode: grid.code, age: member.age, sex: member.sex, partyType: null, workUnit: null })),
    );
    const rows = generateVillage({
      seed: context.seed,
      village: { code: village.code, townshipCode: village.townshipCode },
      grids,
      since,
      asOf,
      candidates: candidateRows.map(([gridCode, personId, age, sex, type, workUnit]) => ({
        personId: personId!,
        gridCode: gridCode!,
        age: Number(age),
        sex: sex as 'MALE' | 'FEMALE',
        partyType: (type as PartyType | null) ?? null,
        workUnit,
      })),
      staffVolunteers,
      volunteerTarget: Math.round(grids.reduce((sum, grid) => sum + grid.persons, 0) * VOLUNTEER_SHARE),
      verifications: verificationRows.map(
        ([gridCode, caseId, reporterPersonId, at, actor]): CaseVerification => ({ caseId: caseId!, gridCode: gridCode!, reporterPersonId: reporterPersonId!, at: Number(at), actor: actor! }),
      ),
      actors: {
        villageAdmin: ids.actorAt(HandlingLevel.VILLAGE, grids[0].code, null).userId,
        townshipAdmin: ids.actorAt(HandlingLevel.TOWNSHIP, grids[0].code, null).userId,
        gridLeader: (gridCode) => ids.gridLeaderUserId(gridCode),
      },
      personId: (index) => ids.person(index),
      demo: {
        volunteerUserId: village.code === RESIDENT_DEMO.gridCode.slice(0, 12) ? VOLUNTEERS_DEMO_USERS.volunteerDemo : null,
        resident: { personId: ids.person(RESIDENT_DEMO.personIndex), userId: RESIDENT_DEMO.userId },
      },
      townshipTeamId: townshipTeams.get(village.townshipCode)!,
      countyItems,
      rules,
      redemptionWindowDays,
      quarterEndWindow,
      assertBalanced,
      skillsByKind: SKILLS_BY_KIND,
      newId,
    });
    for (const table of Object.keys(COLUMNS) as Array<keyof VillageRows>) write(table, rows[table]);
    await Promise.all(Object.values(sinks).map((sink) => sink.ready()));
  }
  await Promise.all([candidates.finish(), verifications.finish()]);
  for (const sink of Object.values(sinks)) context.reporter.expect(sink, sink.rows);
  await Promise.all(Object.values(sinks).map((sink) => sink.end()));
}
