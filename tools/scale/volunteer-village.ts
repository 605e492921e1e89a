import { pickRule, PointsBook, type Account, type PersonAccountKind, type PointRule, type PointSource, type PostingLine } from './points-book.ts';
import { randomStream, type Random } from './prng.ts';
import type { Row } from './table-rows.ts';

/**
 * One village's volunteers and points over the period, as the volunteers service would have
 * written them (pure: no database; rows come out with the service's column names):
 *
 * - volunteers: many party members (all household-linking and in-service members — 双报到 — a third
 *   of those without a post, few mobile ones), the grids' own volunteers (1+1+3+N), and residents
 *   (activists, students, professionals, local talents) up to the village's share; 70 % serve a
 *   grid, 30 % the whole village; three village teams and the township's rescue team;
 * - double reports of the in-service members per year; a points shop (积分超市) of four items;
 * - activities (two or three a month) with sign-ups, check-ins and service minutes;
 * - service orders (3–7 a month) walked OPEN → CLAIMED → COMPLETED → CONFIRMED, or EXPIRED when
 *   nobody took or finished them by the deadline, cut at the as-of instant, so recent ones are
 *   still open, claimed or waiting for confirmation;
 * - manual awards (civic deeds, red mediations) through proposal and a second admin's decision,
 *   in-service members' monthly declarations (申报 → 汇总 → 核实), and the civic points the
 *   case-verified consumer pays residents whose reports the grid verified;
 * - the ledger (PointsBook): every award, redemption on the quarter-end redemption days and
 *   red-line veto as a balanced posting, in the order they were recorded, so no person's balance
 *   is ever negative on the way; rules from the service's point_rule table.
 *
 * Randomness comes from the village's own stream, so villages do not depend on each other.
 */

export type PartyType = 'HOUSEHOLD_LINKING' | 'WITHOUT_POST' | 'MOBILE' | 'IN_SERVICE' | 'PROBATIONARY';

export interface VolunteerCandidate {
  personId: string;
  gridCode: string;
  age: number;
  sex: 'MALE' | 'FEMALE';
  partyType: PartyType | null;
  workUnit: string | null;
}

/** A case's first verification (cases.case.verified) with the resident who reported it. */
export interface CaseVerification {
  caseId: string;
  gridCode: string;
  reporterPersonId: string;
  at: number;
  actor: string;
}

export interface CatalogueItem {
  id: string;
  name: string;
  areaCode: string;
  pointsCost: number;
}

export interface VillageFrame {
  seed: number;
  village: { code: string; townshipCode: string };
  grids: ReadonlyArray<{ code: string; households: number; personBase: number }>;
  /** The period: [since, asOf). */
  since: number;
  asOf: number;
  /** Party members and a sample of adults of the village, in a stable order. */
  candidates: readonly VolunteerCandidate[];
  /** The grids' own volunteers (the N of 1+1+3+N). */
  staffVolunteers: readonly VolunteerCandidate[];
  volunteerTarget: number;
  /** Sorted by time. */
  verifications: readonly CaseVerification[];
  actors: { villageAdmin: string; townshipAdmin: string; gridLeader: (gridCode: string) => string };
  /** A resident by county-wide person index (a grid's household heads come first). */
  personId: (index: number) => string;
  demo: { volunteerUserId: string | null; resident: { personId: string; userId: string } | null };
  /** The township's rescue team (蓝天救援队), which some volunteers of every village join. */
  townshipTeamId: string;
  /** Items offered county-wide (free haircut, priority clinic visit). */
  countyItems: readonly CatalogueItem[];
  rules: readonly PointRule[];
  redemptionWindowDays: number;
  /** The service's quarter-end redemption window (periods.js quarterEndWindow). */
  quarterEndWindow: (now: Date, days: number) => { firstDay: string | null; lastDay: string | null };
  assertBalanced: (lines: PostingLine[]) => void;
  /** The skills each kind of volunteer offers (the service's demo catalogue, volunteer-skills.js). */
  skillsByKind: Readonly<Record<string, readonly string[]>>;
  /** Ids in the order they are asked for (the loader numbers them county-wide). */
  newId: (kind: string) => string;
}

export interface VillageRows {
  volunteer: Row[];
  team: Row[];
  team_membership: Row[];
  double_report: Row[];
  redemption_item: Row[];
  activity: Row[];
  activity_sign_up: Row[];
  service_order: Row[];
  manual_award: Row[];
  point_declaration: Row[];
  point_veto: Row[];
  redemption: Row[];
  point_account: Row[];
  ledger_posting: Row[];
  ledger_entry: Row[];
}

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const CHINA = 8 * HOUR;

/** Who among the party members volunteers, by member type. */
const PARTY_VOLUNTEER_SHARE: Record<PartyType, number> = { HOUSEHOLD_LINKING: 1, IN_SERVICE: 0.95, PROBATIONARY: 0.6, WITHOUT_POST: 0.3, MOBILE: 0.05 };
const RESIDENT_KINDS: ReadonlyArray<readonly [number, string]> = [
  [55, 'ACTIVIST'],
  [10, 'PROFESSIONAL_TEACHER'],
  [10, 'PROFESSIONAL_DOCTOR'],
  [7, 'PROFESSIONAL_LAWYER'],
  [18, 'LOCAL_TALENT'],
];
const TEAMS = [
  ['mediation', '红色纠纷调解队', '党员调解邻里纠纷。Party members mediate disputes between neighbours.'],
  ['women', '巾帼志愿队', '关爱老人儿童、家风建设。Care for the old and young.'],
  ['patrol', '平安巡逻队', '夜间巡逻、隐患排查。Night patrols and hazard checks.'],
] as const;
const VILLAGE_ITEMS = [
  ['大米 5 斤', 50],
  ['洗衣液', 30],
  ['毛巾', 10],
  ['食用油', 60],
] as const;
const ACTIVITY_KINDS = ['CLEAN_UP', 'SECURITY_PATROL', 'FREE_CLINIC', 'POLICY_TALK', 'OTHER'] as const;
const ACTIVITY_TITLES: Record<(typeof ACTIVITY_KINDS)[number], string[]> = {
  CLEAN_UP: ['河道沿岸环境清洁', '小区楼道杂物清理', '垃圾分类宣传与桶边督导'],
  SECURITY_PATROL: ['夜间平安巡逻', '电动车充电隐患排查巡查', '汛期堤岸巡查'],
  FREE_CLINIC: ['社区义诊：量血压测血糖', '中医义诊进社区', '老年人健康体检咨询'],
  POLICY_TALK: ['医保政策宣讲', '反诈知识讲座', '民法典进社区'],
  OTHER: ['为独居老人理发', '周末四点半课堂', '义务修补家电'],
};
const ORDER_TITLES: ReadonlyArray<readonly ['NEED' | 'MICRO_WISH', string]> = [
  ['NEED', '独居老人代购米面油'],
  ['NEED', '帮忙疏通下水道'],
  ['NEED', '陪同老人去医院复诊'],
  ['NEED', '楼道灯坏了请帮忙更换'],
  ['NEED', '代办高龄津贴申请'],
  ['MICRO_WISH', '留守儿童想要一套课外书'],
  ['MICRO_WISH', '困难家庭孩子想要一个新书包'],
  ['MICRO_WISH', '空巢老人想学用智能手机视频通话'],
  ['MICRO_WISH', '残疾人家庭想要一台电风扇'],
];
const CIVIC_DEEDS = ['垃圾分类示范户', '庭院整洁', '移风易俗：丧事简办', '拾金不昧', '参与邻里互助', '主动劝导电动车入户充电'];
const DECLARATIONS = ['周末到社区参加环境整治', '认领微心愿并完成', '参与社区夜间巡逻', '为居民开展政策宣讲'];
const RED_LINES = ['违章搭建拒不整改', '占用消防通道屡教不改', '高空抛物造成损害'];
const REDEEM_CHANCE = 0.15;
const VETO_CHANCE = 0.002;

interface Member {
  id: string;
  personId: string;
  gridCode: string;
  areaCode: string;
  partyType: PartyType | null;
  userId: string | null;
  createdAt: number;
  sex: 'MALE' | 'FEMALE';
  workUnit: string | null;
  serviceMinutes: number;
  row: Row;
}

interface TimelineEvent {
  at: number;
  seq: number;
  run: () => void;
}

/** Midnight in China at the start of a month `YYYY-MM` (UTC+8 has no daylight saving). */
export function monthStart(month: string): number {
  const [year, monthNumber] = month.split('-').map(Number);
  return Date.UTC(year, monthNumber - 1, 1) - CHINA;
}

export function chinaMonthOf(instant: number): string {
  return new Date(instant + CHINA).toISOString().slice(0, 7);
}

function nextMonth(month: string): string {
  return chinaMonthOf(monthStart(month) + 40 * DAY);
}

/** The months touched by [since, asOf), oldest first. */
export function monthsOf(since: number, asOf: number): string[] {
  const months: string[] = [];
  for (let month = chinaMonthOf(since); monthStart(month) < asOf; month = nextMonth(month)) months.push(month);
  return months;
}

export function generateVillage(frame: VillageFrame): VillageRows {
  return new VillageGenerator(frame).run();
}

class VillageGenerator {
  private readonly random: Random;
  private readonly book: PointsBook;
  private readonly members: Member[] = [];
  private readonly months: string[];
  private readonly events: TimelineEvent[] = [];
  /** Points awarded per account and month of the deed, as posted so far (what a veto voids). */
  private readonly earned = new Map<string, number>();
  private readonly rows: VillageRows = {
    volunteer: [],
    team: [],
    team_membership: [],
    double_report: [],
    redemption_item: [],
    activity: [],
    activity_sign_up: [],
    service_order: [],
    manual_award: [],
    point_declaration: [],
    point_veto: [],
    redemption: [],
    point_account: [],
    ledger_posting: [],
    ledger_entry: [],
  };
  private readonly items: CatalogueItem[] = [];
  private readonly frame: VillageFrame;

  constructor(frame: VillageFrame) {
    this.frame = frame;
    this.random = randomStream(frame.seed, `volunteers:${frame.village.code}`);
    this.book = new PointsBook((kind) => frame.newId(kind), frame.assertBalanced);
    this.months = monthsOf(frame.since, frame.asOf);
  }

  run(): VillageRows {
    this.volunteers();
    this.teams();
    this.doubleReports();
    this.catalogue();
    this.activities();
    this.orders();
    this.manualAwards();
    this.declarations();
    this.caseReports();
    this.vetoes();
    this.redemptionDays();
    this.events.sort((a, b) => a.at - b.at || a.seq - b.seq);
    for (const event of this.events) event.run();
    for (const member of this.members) member.row.service_minutes = member.serviceMinutes;
    this.ledgerRows();
    return this.rows;
  }

  // ─── helpers ──────────────────────────────────────────────────────────────

  /** A working-hours instant on a random day of [from, from + days). */
  private someTime(from: number, days: number, firstHour = 8, lastHour = 18): number {
    return from + this.random.int(0, Math.max(0, days - 1)) * DAY + this.random.int(firstHour, lastHour - 1) * HOUR + this.random.int(0, 59) * MINUTE;
  }

  private daysIn(month: string): number {
    return Math.round((monthStart(nextMonth(month)) - monthStart(month)) / DAY);
  }

  private at(time: number, run: () => void): void {
    if (time < this.frame.asOf) this.events.push({ at: time, seq: this.events.length, run });
  }

  private base(id: string, createdAt: number, updatedAt = createdAt, version = 1): Row {
    return { id, created_at: new Date(createdAt), updated_at: new Date(updatedAt), version };
  }

  private pickGrid(): { code: string; households: number; personBase: number } {
    return this.random.pick(this.frame.grids);
  }

  /** A household head of the grid (the people who order services and report cases). */
  private residentOf(grid: { households: number; personBase: number }): string {
    return this.frame.personId(grid.personBase + this.random.int(0, grid.households - 1));
  }

  private holderOf(personId: string): string | null {
    return this.frame.demo.resident?.personId === personId ? this.frame.demo.resident.userId : null;
  }

  /** Awards points by the rules: a posting from the village's AWARDS_ISSUED account to the person's account (AwardService.award). */
  private award(
    target: { personId: string; kind: PersonAccountKind; areaCode: string; partyType: PartyType | null; holderUserId: string | null },
    request: { source: PointSource; key: string; occurredAt: number; recordedAt: number; actor: string; memo: string; ruleCode?: string; points?: number },
  ): string | null {
    const account = this.book.personAccount(
      { personId: target.personId, kind: target.kind, areaCode: target.areaCode, partyMemberType: target.partyType, holderUserId: target.holderUserId },
      request.recordedAt,
    );
    const rule = request.ruleCode
      ? (this.frame.rules.find((candidate) => candidate.code === request.ruleCode && candidate.active) ?? null)
      : pickRule(this.frame.rules, request.source, account.kind, account.partyMemberType);
    if (!rule) return null;
    const points = request.points ?? rule.points;
    const issuer = this.book.systemAccount('AWARDS_ISSUED', account.areaCode, request.recordedAt);
    const posting = this.book.post({
      idempotencyKey: request.key,
      kind: 'AWARD',
      source: request.source,
      ruleCode: rule.code,
      memo: request.memo,
      areaCode: account.areaCode,
      occurredAt: request.occurredAt,
      recordedAt: request.recordedAt,
      actor: request.actor,
      lines: [
        { accountId: account.id, amount: points },
        { accountId: issuer.id, amount: -points },
      ],
    });
    if (!posting) return null;
    const key = `${account.id}|${chinaMonthOf(request.occurredAt)}`;
    this.earned.set(key, (this.earned.get(key) ?? 0) + points);
    return posting.id;
  }

  private memberTarget(member: Member) {
    return {
      personId: member.personId,
      kind: (member.partyType ? 'PARTY' : 'CIVIC') as PersonAccountKind,
      areaCode: member.areaCode,
      partyType: member.partyType,
      holderUserId: member.userId,
    };
  }

  // ─── volunteers and teams ─────────────────────────────────────────────────

  private volunteers(): void {
    const { frame, random } = this;
    const periodDays = Math.floor((frame.asOf - frame.since) / DAY);
    const add = (candidate: VolunteerCandidate, kinds: string[], demoAccount: boolean) => {
      const createdAt = demoAccount || random.chance(0.85) ? this.someTime(frame.since - 720 * DAY, 690, 9, 18) : this.someTime(frame.since, periodDays - 30, 9, 18);
      const areaCode = demoAccount || random.chance(0.3) ? frame.village.code : candidate.gridCode;
      const skills = [...new Set(kinds.flatMap((kind) => frame.skillsByKind[kind].filter(() => random.chance(0.6))))];
      const id = frame.newId('volunteer');
      const userId = demoAccount ? frame.demo.volunteerUserId : null;
      const row: Row = {
        ...this.base(id, createdAt),
        person_id: candidate.personId,
        user_id: userId,
        area_code: areaCode,
        kinds,
        skills: skills.length > 0 ? skills : [frame.skillsByKind[kinds[0]][0]],
        party_member_type: candidate.partyType,
        service_minutes: 0,
      };
      this.members.push({ id, personId: candidate.personId, gridCode: candidate.gridCode, areaCode, partyType: candidate.partyType, userId, createdAt, sex: candidate.sex, workUnit: candidate.workUnit, serviceMinutes: 0, row });
      this.rows.volunteer.push(row);
    };
    const residentKinds = (candidate: VolunteerCandidate): string[] => {
      const kinds = candidate.partyType ? ['PARTY_MEMBER'] : [];
      if (candidate.age <= 24) kinds.push('STUDENT');
      else if (!candidate.partyType || random.chance(0.2)) kinds.push(random.weighted(RESIDENT_KINDS));
      return kinds;
    };
    let demoTaken = frame.demo.volunteerUserId === null;
    for (const candidate of frame.candidates) {
      if (!candidate.partyType || !random.chance(PARTY_VOLUNTEER_SHARE[candidate.partyType])) continue;
      // volunteer.demo is the village's first in-service member, serving the whole village.
      const demoAccount = !demoTaken && candidate.partyType === 'IN_SERVICE';
      if (demoAccount) demoTaken = true;
      add(candidate, residentKinds(candidate), demoAccount);
    }
    for (const candidate of frame.staffVolunteers) add(candidate, [random.chance(0.7) ? 'ACTIVIST' : 'LOCAL_TALENT'], false);
    for (const candidate of frame.candidates) {
      if (this.members.length >= frame.volunteerTarget) break;
      if (candidate.partyType || candidate.age < 18 || candidate.age > 70) continue;
      add(candidate, residentKinds(candidate), false);
    }
  }

  private teams(): void {
    const { frame, random } = this;
    const created = frame.since - 900 * DAY + 10 * HOUR;
    const team = (key: string, name: string, description: string) => {
      const id = frame.newId('volunteer-team');
      this.rows.team.push({ ...this.base(id, created), name, area_code: frame.village.code, description });
      return { id, key };
    };
    const [mediation, women, patrol] = TEAMS.map(([key, name, description]) => team(key, name, description));
    const join = (teamId: string, member: Member) => {
      const joinedAt = Math.max(member.createdAt, created) + random.int(1, 60) * DAY;
      if (joinedAt < frame.asOf) this.rows.team_membership.push({ team_id: teamId, volunteer_id: member.id, joined_at: new Date(joinedAt) });
    };
    let inServiceSeen = 0;
    for (const member of this.members) {
      const inService = member.partyType === 'IN_SERVICE';
      // Every third in-service member has not taken a post yet: the double-reporting duty list shows them.
      if (inService && member.userId === null && inServiceSeen++ % 3 === 0) continue;
      if (member.partyType && (inService || random.chance(0.6))) join(mediation.id, member);
      if (member.sex === 'FEMALE' && random.chance(0.5)) join(women.id, member);
      if (!member.partyType && random.chance(0.5)) join(patrol.id, member);
      if (random.chance(0.08)) join(frame.townshipTeamId, member);
    }
  }

  /** In-service members register with the community every year (双报到). */
  private doubleReports(): void {
    const { frame, random } = this;
    const firstYear = Number(chinaMonthOf(frame.since).slice(0, 4));
    const lastYear = Number(chinaMonthOf(frame.asOf - 1).slice(0, 4));
    for (const member of this.members) {
      if (member.partyType !== 'IN_SERVICE') continue;
      for (let year = firstYear; year <= lastYear; year += 1) {
        const yearStart = Date.UTC(year, 0, 1) - CHINA;
        const registered = Math.max(yearStart + random.int(10, 60) * DAY, member.createdAt + random.int(1, 10) * DAY) + random.int(9, 16) * HOUR;
        if (registered >= frame.asOf || registered >= Date.UTC(year + 1, 0, 1) - CHINA) continue;
        this.rows.double_report.push({
          ...this.base(this.frame.newId('double-report'), registered),
          person_id: member.personId,
          work_unit: member.workUnit ?? '南湖区机关事务管理中心',
          area_code: frame.village.code,
          year,
          registered_by_user_id: frame.actors.villageAdmin,
        });
      }
    }
  }

  private catalogue(): void {
    const created = this.frame.since - 800 * DAY + 10 * HOUR;
    for (const [name, pointsCost] of VILLAGE_ITEMS) {
      const id = this.frame.newId('redemption-item');
      this.items.push({ id, name, areaCode: this.frame.village.code, pointsCost });
      // Restocks are increments nobody records; the stock is what is left today.
      this.rows.redemption_item.push({
        ...this.base(id, created),
        name,
        description: '积分超市兑换。From the points shop.',
        kind: 'GOODS',
        area_code: this.frame.village.code,
        points_cost: pointsCost,
        stock: this.random.int(5, 60),
        active: true,
      });
    }
    this.items.push(...this.frame.countyItems);
  }

  // ─── activities and orders ────────────────────────────────────────────────

  private activities(): void {
    const { frame, random } = this;
    for (const month of this.months) {
      const count = 2 + (random.chance(0.3) ? 1 : 0);
      for (let n = 0; n < count; n += 1) {
        const startsAt = monthStart(month) + random.int(0, this.daysIn(month) - 1) * DAY + random.int(8, 15) * HOUR + random.int(0, 1) * 30 * MINUTE;
        const createdAt = startsAt - random.int(5, 15) * DAY;
        if (createdAt >= frame.asOf || startsAt < frame.since) continue;
        const kind = ACTIVITY_KINDS[(this.rows.activity.length + frame.village.code.length) % ACTIVITY_KINDS.length];
        const serviceMinutes = random.int(2, 8) * 30;
        const endsAt = startsAt + serviceMinutes * MINUTE;
        const capacity = random.int(10, 30);
        const areaCode = random.chance(0.5) ? this.pickGrid().code : frame.village.code;
        const id = frame.newId('activity');
        const organiser = frame.actors.villageAdmin;
        const row: Row = {
          ...this.base(id, createdAt),
          title: random.pick(ACTIVITY_TITLES[kind]),
          kind,
          description: '志愿者请提前十分钟到场签到。Please arrive ten minutes early.',
          area_code: areaCode,
          starts_at: new Date(startsAt),
          ends_at: new Date(endsAt),
          capacity,
          signed_up_count: 0,
          attended_count: 0,
          service_minutes: serviceMinutes,
          organiser_user_id: organiser,
        };
        this.rows.activity.push(row);
        const eligible = this.members.filter(
          (member) => member.createdAt < createdAt && (areaCode.startsWith(member.areaCode.slice(0, 12)) || member.areaCode.startsWith(areaCode)),
        );
        let updatedAt = createdAt;
        for (const member of eligible.filter(() => random.chance(0.35)).slice(0, Math.floor(capacity * 0.9))) {
          const signedUpAt = createdAt + random.int(1, 48) * HOUR;
          if (signedUpAt >= frame.asOf) continue;
          const attended = endsAt < frame.asOf && random.chance(0.85);
          this.rows.activity_sign_up.push({
            activity_id: id,
            volunteer_id: member.id,
            signed_up_at: new Date(signedUpAt),
            attended_at: attended ? new Date(startsAt) : null,
            checked_in_by_user_id: attended ? organiser : null,
          });
          row.signed_up_count = (row.signed_up_count as number) + 1;
          updatedAt = Math.max(updatedAt, signedUpAt);
          if (!attended) continue;
          row.attended_count = (row.attended_count as number) + 1;
          member.serviceMinutes += serviceMinutes;
          updatedAt = Math.max(updatedAt, endsAt);
          this.at(endsAt, () =>
            this.award(this.memberTarget(member), {
              source: 'ACTIVITY_ATTENDED',
              key: `activity-attended:${id}:${member.id}`,
              occurredAt: endsAt,
              recordedAt: endsAt,
              actor: organiser,
              memo: `参加志愿活动：${row.title as string}`,
            }),
          );
        }
        row.updated_at = new Date(updatedAt);
      }
    }
  }

  /** 群众点单 → 社区派单 → 党员接单 → done → confirmed (points), or expired; each order as it stands at the as-of instant. */
  private orders(): void {
    const { frame, random } = this;
    const publisher = frame.actors.villageAdmin;
    const demoVolunteer = this.members.find((member) => member.userId !== null && member.userId === frame.demo.volunteerUserId) ?? null;
    for (const month of this.months) {
      const count = random.int(3, 7);
      for (let n = 0; n < count; n += 1) {
        const publishedAt = this.someTime(monthStart(month), this.daysIn(month));
        if (publishedAt >= frame.asOf || publishedAt < frame.since) continue;
        const [kind, title] = random.pick(ORDER_TITLES);
        const grid = this.pickGrid();
        const residentDemo = frame.demo.resident && grid.personBase === 0 && random.chance(0.15) ? frame.demo.resident : null;
        const requesterPersonId = residentDemo?.personId ?? (random.chance(kind === 'NEED' ? 0.8 : 0.6) ? this.residentOf(grid) : null);
        const requesterUserId = residentDemo?.userId ?? null;
        const deadline = publishedAt + random.int(3, 10) * DAY;
        const pool = this.members.filter((member) => member.createdAt < publishedAt);
        const partyPool = pool.filter((member) => member.partyType !== null);
        const claimant =
          demoVolunteer && demoVolunteer.createdAt < publishedAt && random.chance(0.15)
            ? demoVolunteer
            : kind === 'MICRO_WISH' && partyPool.length > 0 && random.chance(0.7)
              ? random.pick(partyPool)
              : pool.length > 0
                ? random.pick(pool)
                : null;
        // Taken within hours to days (by the day before the deadline), done within days, confirmed within three days.
        const claimedAt = claimant && random.chance(0.92) ? Math.min(publishedAt + random.int(2, 96) * HOUR, deadline - DAY) : null;
        const completedAt = claimedAt !== null && random.chance(0.9) ? Math.min(claimedAt + random.int(1, 5) * DAY, deadline - HOUR) : null;
        const confirmedAt = completedAt !== null && random.chance(0.95) ? completedAt + random.int(2, 72) * HOUR : null;
        const confirmedBy = requesterUserId && random.chance(0.5) ? requesterUserId : publisher;
        // The expiry scheduler runs every minute.
        const expiredAt = completedAt === null ? deadline + random.int(1, 59) * 1000 : null;

        const id = frame.newId('service-order');
        const row: Row = {
          ...this.base(id, publishedAt),
          kind,
          title,
          description: '详情请联系网格员。Ask the grid worker for details.',
          area_code: grid.code,
          deadline: new Date(deadline),
          status: 'OPEN',
          requester_person_id: requesterPersonId,
          requester_user_id: requesterUserId,
          published_by_user_id: publisher,
          published_at: new Date(publishedAt),
          claimant_volunteer_id: null,
          claimed_at: null,
          completed_at: null,
          completion_note: null,
          confirmed_at: null,
          confirmed_by_user_id: null,
          expired_at: null,
          last_claimant_volunteer_id: null,
        };
        const step = (at: number, changes: Row) => {
          Object.assign(row, changes, { updated_at: new Date(at), version: (row.version as number) + 1 });
        };
        if (claimedAt !== null && claimedAt < frame.asOf) step(claimedAt, { status: 'CLAIMED', claimant_volunteer_id: claimant!.id, claimed_at: new Date(claimedAt) });
        if (completedAt !== null && completedAt < frame.asOf) step(completedAt, { status: 'COMPLETED', completed_at: new Date(completedAt), completion_note: '已完成，群众满意。Done.' });
        if (confirmedAt !== null && confirmedAt < frame.asOf) {
          step(confirmedAt, { status: 'CONFIRMED', confirmed_at: new Date(confirmedAt), confirmed_by_user_id: confirmedBy });
          this.at(confirmedAt, () =>
            this.award(this.memberTarget(claimant!), {
              source: 'ORDER_COMPLETED',
              key: `order-completed:${id}`,
              occurredAt: completedAt!,
              recordedAt: confirmedAt,
              actor: confirmedBy,
              memo: `完成服务单：${title}`,
            }),
          );
        }
        if (expiredAt !== null && expiredAt < frame.asOf) {
          step(expiredAt, { status: 'EXPIRED', expired_at: new Date(expiredAt), last_claimant_volunteer_id: row.claimant_volunteer_id, claimant_volunteer_id: null, claimed_at: null });
        }
        this.rows.service_order.push(row);
      }
    }
  }

  // ─── points from approvals ────────────────────────────────────────────────

  /** Civic deeds and red mediations awarded by hand: proposed by the grid, decided by a second admin (four eyes). */
  private manualAwards(): void {
    const { frame, random } = this;
    for (const month of this.months) {
      const from = monthStart(month);
      const proposals: Array<{ party: boolean }> = [
        ...Array.from({ length: random.int(1, 3) }, () => ({ party: false })),
        ...(random.chance(0.8) ? [{ party: true }] : []),
      ];
      for (const { party } of proposals) {
        const occurredAt = this.someTime(from, this.daysIn(month));
        if (occurredAt >= frame.asOf - 2 * DAY || occurredAt < frame.since) continue;
        const pool = this.members.filter((member) => member.createdAt < occurredAt && (party ? member.partyType !== null : member.partyType === null));
        let target: ReturnType<VillageGenerator['memberTarget']>;
        let gridCode: string;
        if (party || (pool.length > 0 && random.chance(0.7))) {
          if (pool.length === 0) continue;
          const member = random.pick(pool);
          target = this.memberTarget(member);
          gridCode = member.gridCode;
        } else {
          const grid = this.pickGrid();
          const personId = this.residentOf(grid);
          target = { personId, kind: 'CIVIC', areaCode: grid.code, partyType: null, holderUserId: this.holderOf(personId) };
          gridCode = grid.code;
        }
        const ruleCode = party ? 'PARTY_MEDIATION' : 'CIVIC_MANUAL';
        const points = party ? 8 : random.int(1, 4) * 5;
        const reason = party ? '参与调解邻里纠纷（红色调解）' : random.pick(CIVIC_DEEDS);
        // A second admin decides within a week: the last week's proposals are still open.
        const decidedAt = occurredAt + random.int(1, 7) * DAY;
        const decided = decidedAt < frame.asOf;
        const status = !decided ? 'PROPOSED' : random.chance(0.9) ? 'APPROVED' : 'REJECTED';
        const proposer = frame.actors.gridLeader(gridCode);
        const decider = frame.actors.townshipAdmin;
        const id = frame.newId('manual-award');
        const row: Row = {
          ...this.base(id, occurredAt, decided ? decidedAt : occurredAt, decided ? 2 : 1),
          person_id: target.personId,
          account_kind: target.kind,
          area_code: target.areaCode,
          rule_code: ruleCode,
          points,
          reason,
          occurred_at: new Date(occurredAt),
          status,
          proposed_by_user_id: proposer,
          decided_by_user_id: decided ? decider : null,
          decided_at: decided ? new Date(decidedAt) : null,
          decision_note: status === 'REJECTED' ? '证明材料不足。Not enough evidence.' : null,
          posting_id: null,
        };
        this.rows.manual_award.push(row);
        if (status !== 'APPROVED') continue;
        this.at(decidedAt, () => {
          row.posting_id = this.award(target, {
            source: party ? 'MEDIATION_JOINED' : 'MANUAL',
            ruleCode,
            points,
            key: `manual-award:${id}`,
            occurredAt,
            recordedAt: decidedAt,
            actor: decider,
            memo: reason,
          });
        });
      }
    }
  }

  /** In-service members declare monthly: 党员申报 → 召集人汇总 → 社区核实 (a few rejected). */
  private declarations(): void {
    const { frame, random } = this;
    for (const member of this.members) {
      if (member.partyType !== 'IN_SERVICE') continue;
      for (const month of this.months) {
        const from = monthStart(month);
        if (from < frame.since || member.createdAt >= from || (member.userId === null && !random.chance(0.6))) continue;
        // Declared in the first days of the next month, collected by the convener, verified by the community.
        const declaredAt = from + this.daysIn(month) * DAY + random.int(0, 2) * DAY + random.int(9, 20) * HOUR;
        const collectedAt = declaredAt + random.int(1, 10) * DAY;
        const verifiedAt = collectedAt + random.int(3, 20) * DAY;
        if (declaredAt >= frame.asOf) continue;
        const status = verifiedAt < frame.asOf ? (random.chance(0.92) ? 'VERIFIED' : 'REJECTED') : collectedAt < frame.asOf ? 'COLLECTED' : 'DECLARED';
        const convener = frame.actors.gridLeader(member.gridCode);
        const verifier = frame.actors.villageAdmin;
        const collected = status !== 'DECLARED';
        const verified = status === 'VERIFIED' || status === 'REJECTED';
        const id = frame.newId('point-declaration');
        const description = random.pick(DECLARATIONS);
        const points = random.int(2, 4) * 5;
        const row: Row = {
          ...this.base(id, declaredAt, verified ? verifiedAt : collected ? collectedAt : declaredAt, 1 + (collected ? 1 : 0) + (verified ? 1 : 0)),
          volunteer_id: member.id,
          person_id: member.personId,
          area_code: member.areaCode,
          month,
          points,
          description,
          status,
          // Members without a login declare at the community's service desk.
          declared_by_user_id: member.userId ?? convener,
          collected_by_user_id: collected ? convener : null,
          collected_at: collected ? new Date(collectedAt) : null,
          verified_by_user_id: verified ? verifier : null,
          verified_at: verified ? new Date(verifiedAt) : null,
          rejected_reason: status === 'REJECTED' ? '与服务记录不符。Does not match the service records.' : null,
          posting_id: null,
        };
        this.rows.point_declaration.push(row);
        if (status !== 'VERIFIED') continue;
        this.at(verifiedAt, () => {
          row.posting_id = this.award(this.memberTarget(member), {
            source: 'DECLARATION',
            ruleCode: 'PARTY_DECLARATION_IN_SERVICE',
            points,
            key: `declaration:${id}`,
            occurredAt: from,
            recordedAt: verifiedAt,
            actor: verifier,
            memo: `在职党员申报（${month}）：${description}`,
          });
        });
      }
    }
  }

  /** cases.case.verified → civic points for the resident who reported the case (CaseVerifiedConsumer), a moment after the verification. */
  private caseReports(): void {
    for (const verification of this.frame.verifications) {
      const recordedAt = verification.at + 2000;
      this.at(recordedAt, () =>
        this.award(
          { personId: verification.reporterPersonId, kind: 'CIVIC', areaCode: verification.gridCode, partyType: null, holderUserId: this.holderOf(verification.reporterPersonId) },
          {
            source: 'CASE_REPORTED_CONFIRMED',
            key: `case-verified:${verification.caseId}`,
            occurredAt: verification.at,
            recordedAt,
            actor: verification.actor,
            memo: `反映问题经网格核实（事项 ${verification.caseId}）`,
          },
        ),
      );
    }
  }

  // ─── vetoes and redemptions ───────────────────────────────────────────────

  /** 一票否决: now and then a civic account loses a month's points, a few days after the month. */
  private vetoes(): void {
    const { frame, random } = this;
    for (const month of this.months) {
      const periodStart = monthStart(month);
      const periodEnd = monthStart(nextMonth(month));
      const vetoAt = periodEnd + random.int(3, 10) * DAY + random.int(9, 17) * HOUR;
      if (periodStart < frame.since) continue;
      this.at(vetoAt, () => {
        const civic = [...this.book.accounts.values()].filter((account) => account.kind === 'CIVIC' && (this.earned.get(`${account.id}|${month}`) ?? 0) > 0);
        civic.sort((a, b) => (a.id < b.id ? -1 : 1));
        for (const account of civic) {
          if (!random.chance(VETO_CHANCE)) continue;
          const voided = Math.min(this.earned.get(`${account.id}|${month}`)!, account.balance);
          const reason = random.pick(RED_LINES);
          const issuer = this.book.systemAccount('AWARDS_ISSUED', account.areaCode, vetoAt);
          const posting =
            voided > 0
              ? this.book.post({
                  idempotencyKey: `red-line-veto:${account.id}:${month}`,
                  kind: 'VOID',
                  source: 'RED_LINE_VETO',
                  ruleCode: null,
                  memo: `一票否决（${month}）：${reason}`,
                  areaCode: account.areaCode,
                  occurredAt: periodEnd,
                  recordedAt: vetoAt,
                  actor: frame.actors.townshipAdmin,
                  lines: [
                    { accountId: account.id, amount: -voided },
                    { accountId: issuer.id, amount: voided },
                  ],
                })
              : null;
          this.rows.point_veto.push({
            ...this.base(frame.newId('point-veto'), vetoAt),
            account_id: account.id,
            person_id: account.personId,
            area_code: account.areaCode,
            period: month,
            period_start: new Date(periodStart),
            period_end: new Date(periodEnd),
            reason: `${reason}。`,
            points_voided: voided,
            posting_id: posting?.id ?? null,
            vetoed_by_user_id: frame.actors.townshipAdmin,
          });
        }
      });
    }
  }

  /**
   * Quarterly redemption days (the service's quarter-end window). Who redeems is decided when the
   * window opens, against the balance then; inside the window balances only grow (awards; vetoes
   * come early in a month), so the redemption is covered when it is written, later in the window.
   */
  private redemptionDays(): void {
    const { frame, random } = this;
    const cheapest = Math.min(...this.items.map((item) => item.pointsCost));
    for (const month of this.months) {
      if (![1, 4, 7, 10].includes(Number(month.slice(5, 7)))) continue;
      const window = frame.quarterEndWindow(new Date(monthStart(month) + 10 * DAY), frame.redemptionWindowDays);
      if (!window.firstDay) continue;
      const opens = Date.parse(`${window.firstDay}T00:00:00+08:00`);
      if (opens < frame.since) continue;
      this.at(opens, () => {
        const accounts = [...this.book.accounts.values()].filter((account) => account.personId !== null && account.balance >= cheapest);
        accounts.sort((a, b) => (a.id < b.id ? -1 : 1));
        for (const account of accounts) {
          if (!random.chance(REDEEM_CHANCE)) continue;
          const offered = this.items.filter((item) => account.areaCode.startsWith(item.areaCode) && item.pointsCost <= account.balance);
          if (offered.length === 0) continue;
          const at = this.someTime(opens, frame.redemptionWindowDays, 9, 17);
          if (at >= frame.asOf) continue;
          this.redeem(account, random.pick(offered), at);
        }
      });
    }
  }

  private redeem(account: Account, item: CatalogueItem, at: number): void {
    const id = this.frame.newId('redemption');
    // The holder at the shop's counter, or an admin for them.
    const redeemedBy = account.holderUserId && this.random.chance(0.5) ? account.holderUserId : this.frame.actors.villageAdmin;
    const till = this.book.systemAccount('REDEMPTIONS', account.areaCode, at);
    const posting = this.book.post({
      idempotencyKey: `redemption:${id}`,
      kind: 'REDEMPTION',
      source: 'REDEMPTION',
      ruleCode: null,
      memo: `兑换 ${item.name} × 1`,
      areaCode: account.areaCode,
      occurredAt: at,
      recordedAt: at,
      actor: redeemedBy,
      lines: [
        { accountId: account.id, amount: -item.pointsCost },
        { accountId: till.id, amount: item.pointsCost },
      ],
    })!;
    this.rows.redemption.push({
      ...this.base(id, at),
      item_id: item.id,
      account_id: account.id,
      person_id: account.personId,
      account_kind: account.kind,
      area_code: account.areaCode,
      quantity: 1,
      points: item.pointsCost,
      posting_id: posting.id,
      redeemed_by_user_id: redeemedBy,
    });
  }

  private ledgerRows(): void {
    for (const account of this.book.accounts.values()) {
      this.rows.point_account.push({
        ...this.base(account.id, account.openedAt, account.updatedAt),
        kind: account.kind,
        person_id: account.personId,
        area_code: account.areaCode,
        party_member_type: account.partyMemberType,
        holder_user_id: account.holderUserId,
        balance: account.balance,
      });
    }
    for (const posting of this.book.postings) {
      this.rows.ledger_posting.push({
        id: posting.id,
        idempotency_key: posting.idempotencyKey,
        kind: posting.kind,
        source: posting.source,
        rule_code: posting.ruleCode,
        memo: posting.memo,
        area_code: posting.areaCode,
        occurred_at: new Date(posting.occurredAt),
        recorded_at: new Date(posting.recordedAt),
        actor: posting.actor,
      });
    }
    for (const entry of this.book.entries) {
      this.rows.ledger_entry.push({ id: entry.id, posting_id: entry.postingId, account_id: entry.accountId, amount: entry.amount, created_at: new Date(entry.createdAt) });
    }
  }
}
