import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { Activity, ActivitySignUp } from '../activity/activity.entity.js';
import { ActivityKind } from '../activity/activity-kind.js';
import { villageOf } from '../common/access.js';
import { PartyMemberType } from '../common/party-member-type.js';
import { chinaMonth, parsePeriod, yearPeriod } from '../common/periods.js';
import { DoubleReport } from '../double-report/double-report.entity.js';
import { ServiceOrderKind, ServiceOrderStatus } from '../order/order-enums.js';
import { ServiceOrder } from '../order/service-order.entity.js';
import { AwardService, awardRequestFor } from '../points/award.service.js';
import { PointDeclaration } from '../points/declaration.entity.js';
import { LedgerService } from '../points/ledger.service.js';
import { ManualAward } from '../points/manual-award.entity.js';
import { PointVeto } from '../points/point-veto.entity.js';
import { ApprovalStatus, DeclarationStatus, PointAccountKind, PointSource, PostingKind, RedemptionItemKind } from '../points/points-enums.js';
import { Redemption, RedemptionItem } from '../points/redemption.entity.js';
import { Team, TeamMembership } from '../volunteer/team.entity.js';
import { VolunteerKind } from '../volunteer/volunteer-kind.js';
import { Volunteer } from '../volunteer/volunteer.entity.js';
import { DEMO_USERS, demoUuid, personIdFor, randomSource, RESIDENT_DEMO_GRID, RESIDENT_DEMO_PERSON_KEY, VOLUNTEER_DEMO_PERSON_KEY } from './demo-ids.js';
import { DEMO_VOLUNTEER_PERSONS } from './demo-persons.js';
import { SKILLS_BY_KIND as SKILLS } from './volunteer-skills.js';

const DAY = 86_400_000;
const HISTORY_DAYS = 150;
const TOWNSHIP_ADMINS: Record<string, string> = {
  '330402001': DEMO_USERS.jiansheAdmin,
  '330402002': DEMO_USERS.xinjiaAdmin,
  '330402003': DEMO_USERS.qixingAdmin,
};

const ACTIVITY_TITLES: Record<ActivityKind, string[]> = {
  [ActivityKind.CLEAN_UP]: ['河道沿岸环境清洁', '小区楼道杂物清理', '垃圾分类宣传与桶边督导'],
  [ActivityKind.SECURITY_PATROL]: ['夜间平安巡逻', '电动车充电隐患排查巡查', '汛期堤岸巡查'],
  [ActivityKind.FREE_CLINIC]: ['社区义诊：量血压测血糖', '中医义诊进社区', '老年人健康体检咨询'],
  [ActivityKind.POLICY_TALK]: ['医保政策宣讲', '反诈知识讲座', '民法典进社区'],
  [ActivityKind.OTHER]: ['为独居老人理发', '周末四点半课堂', '义务修补家电'],
};
const ORDER_TITLES: Array<[ServiceOrderKind, string]> = [
  [ServiceOrderKind.NEED, '独居老人代购米面油'],
  [ServiceOrderKind.NEED, '帮忙疏通下水道'],
  [ServiceOrderKind.NEED, '陪同老人去医院复诊'],
  [ServiceOrderKind.NEED, '楼道灯坏了请帮忙更换'],
  [ServiceOrderKind.NEED, '代办高龄津贴申请'],
  [ServiceOrderKind.MICRO_WISH, '留守儿童想要一套课外书'],
  [ServiceOrderKind.MICRO_WISH, '困难家庭孩子想要一个新书包'],
  [ServiceOrderKind.MICRO_WISH, '空巢老人想学用智能手机视频通话'],
  [ServiceOrderKind.MICRO_WISH, '残疾人家庭想要一台电风扇'],
];
const CIVIC_DEEDS = ['垃圾分类示范户', '庭院整洁', '移风易俗：丧事简办', '拾金不昧', '参与邻里互助', '主动劝导电动车入户充电'];

interface DemoVolunteer {
  volunteer: Volunteer;
  key: string;
  village: string;
  sex: 'F' | 'M';
  workUnit: string | null;
}

/**
 * Writes the demo county's volunteers, teams, double reports, orders in every state, activities,
 * points ledgers over the last months and a redemption catalogue, in the caller's transaction.
 * Points go through the ledger (balances, triggers and all) but write no events: this is history.
 */
export class DemoSeeder {
  private readonly random = randomSource(20_261_123);
  private readonly volunteers: DemoVolunteer[] = [];
  private readonly byVillage = new Map<string, DemoVolunteer[]>();

  constructor(
    private readonly em: EntityManager,
    private readonly awards: AwardService,
    private readonly ledger: LedgerService,
    private readonly logger: Logger,
    private readonly now: Date,
  ) {}

  async run(): Promise<void> {
    await this.step('volunteers', () => this.seedVolunteers());
    await this.step('teams', () => this.seedTeams());
    await this.step('double reports', () => this.seedDoubleReports());
    await this.step('catalogue', () => this.seedCatalogue());
    await this.step('activities', () => this.seedActivities());
    await this.step('orders', () => this.seedOrders());
    await this.step('manual awards', () => this.seedManualAwards());
    await this.step('declarations', () => this.seedDeclarations());
    await this.step('redemptions and a veto', () => this.seedRedemptionsAndVeto());
  }

  private async step(name: string, work: () => Promise<number>): Promise<void> {
    const started = Date.now();
    const written = await work();
    await this.em.flush();
    this.logger.info({ step: name, written, ms: Date.now() - started }, `demo ${name} written`);
  }

  // ─── helpers ──────────────────────────────────────────────────────────────

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)];
  }

  private chance(p: number): boolean {
    return this.random() < p;
  }

  private between(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }

  private daysAgo(days: number, hour = 9): Date {
    const at = new Date(this.now.getTime() - days * DAY);
    at.setUTCHours(hour - 8, this.between(0, 59), 0, 0);
    return at;
  }

  /** A village's admin on file (the demo realm has two), else its township's admin. */
  private staffOf(village: string): string {
    if (village === '330402001001') return DEMO_USERS.villageAdmin;
    if (village === '330402001002') return DEMO_USERS.village2Admin;
    return TOWNSHIP_ADMINS[village.slice(0, 9)] ?? DEMO_USERS.countyAdmin;
  }

  // ─── steps ────────────────────────────────────────────────────────────────

  private async seedVolunteers(): Promise<number> {
    for (const [key, gridCode, age, sex, memberType, workUnit] of DEMO_VOLUNTEER_PERSONS) {
      const isDemo = key === VOLUNTEER_DEMO_PERSON_KEY;
      const kinds: VolunteerKind[] = [];
      if (memberType) kinds.push(VolunteerKind.PARTY_MEMBER);
      if (age <= 24) kinds.push(VolunteerKind.STUDENT);
      else if (!memberType || this.chance(0.2)) {
        const roll = this.random();
        kinds.push(
          roll < 0.55 ? VolunteerKind.ACTIVIST
          : roll < 0.65 ? VolunteerKind.PROFESSIONAL_TEACHER
          : roll < 0.75 ? VolunteerKind.PROFESSIONAL_DOCTOR
          : roll < 0.82 ? VolunteerKind.PROFESSIONAL_LAWYER
          : VolunteerKind.LOCAL_TALENT,
        );
      }
      const skills = [...new Set(kinds.flatMap((kind) => SKILLS[kind].filter(() => this.chance(0.6))))];
      // Most serve their grid; some (and volunteer.demo) the whole village.
      const areaCode = isDemo || this.chance(0.3) ? villageOf(gridCode) : gridCode;
      const volunteer = this.em.create(Volunteer, {
        id: demoUuid('volunteer', key),
        personId: personIdFor(key),
        userId: isDemo ? DEMO_USERS.volunteerDemo : null,
        areaCode,
        kinds: [...new Set(kinds)],
        skills: skills.length ? skills : [SKILLS[kinds[0]][0]],
        partyMemberType: (memberType as PartyMemberType | null) ?? null,
        createdAt: this.daysAgo(this.between(HISTORY_DAYS + 30, 720)),
      });
      const demo = { volunteer, key, village: villageOf(gridCode), sex, workUnit };
      this.volunteers.push(demo);
      this.byVillage.set(demo.village, [...(this.byVillage.get(demo.village) ?? []), demo]);
    }
    return this.volunteers.length;
  }

  private async seedTeams(): Promise<number> {
    let memberships = 0;
    const join = (team: Team, volunteer: Volunteer) => {
      this.em.create(TeamMembership, { teamId: team.id, volunteerId: volunteer.id, joinedAt: new Date(volunteer.createdAt.getTime() + this.between(1, 60) * DAY) });
      memberships += 1;
    };
    const townships = new Map<string, Team>();
    for (const township of Object.keys(TOWNSHIP_ADMINS)) {
      townships.set(
        township,
        this.em.create(Team, { id: demoUuid('team', `${township}:rescue`), name: '蓝天救援队', areaCode: township, description: '防汛抢险、应急救援。Flood and emergency rescue.' }),
      );
    }
    for (const [village, members] of this.byVillage) {
      const mediation = this.em.create(Team, { id: demoUuid('team', `${village}:mediation`), name: '红色纠纷调解队', areaCode: village, description: '党员调解邻里纠纷。Party members mediate disputes between neighbours.' });
      const women = this.em.create(Team, { id: demoUuid('team', `${village}:women`), name: '巾帼志愿队', areaCode: village, description: '关爱老人儿童、家风建设。Care for the old and young.' });
      const patrol = this.em.create(Team, { id: demoUuid('team', `${village}:patrol`), name: '平安巡逻队', areaCode: village, description: '夜间巡逻、隐患排查。Night patrols and hazard checks.' });
      let inServiceSeen = 0;
      for (const member of members) {
        const { volunteer } = member;
        const inService = volunteer.partyMemberType === PartyMemberType.IN_SERVICE;
        // Every third in-service member has not taken a post yet: the double-reporting duty list shows them.
        if (inService && member.key !== VOLUNTEER_DEMO_PERSON_KEY && inServiceSeen++ % 3 === 0) continue;
        if (volunteer.partyMemberType && (inService || this.chance(0.6))) join(mediation, volunteer);
        if (member.sex === 'F' && this.chance(0.5)) join(women, volunteer);
        if (!volunteer.partyMemberType && this.chance(0.5)) join(patrol, volunteer);
        if (this.chance(0.08)) join(townships.get(village.slice(0, 9))!, volunteer);
      }
    }
    return memberships;
  }

  private async seedDoubleReports(): Promise<number> {
    const year = Number(chinaMonth(this.now).slice(0, 4));
    let written = 0;
    for (const { volunteer, village, workUnit } of this.volunteers) {
      if (volunteer.partyMemberType !== PartyMemberType.IN_SERVICE) continue;
      for (const reportYear of [year - 1, year]) {
        this.em.create(DoubleReport, {
          id: demoUuid('double-report', `${volunteer.personId}:${reportYear}`),
          personId: volunteer.personId,
          workUnit: workUnit ?? '南湖区机关事务管理中心',
          areaCode: village,
          year: reportYear,
          registeredByUserId: this.staffOf(village),
          createdAt: new Date(yearPeriod(reportYear).start.getTime() + this.between(10, 60) * DAY),
        });
        written += 1;
      }
    }
    return written;
  }

  private readonly items: RedemptionItem[] = [];

  private async seedCatalogue(): Promise<number> {
    const item = (key: string, name: string, kind: RedemptionItemKind, areaCode: string, pointsCost: number, stock: number, description: string) =>
      this.items.push(this.em.create(RedemptionItem, { id: demoUuid('redemption-item', key), name, kind, areaCode, pointsCost, stock, description }));
    item('county:clinic', '社区医院优先就诊', RedemptionItemKind.PRIORITY_SERVICE, '330402', 30, 500, '凭兑换记录在社区卫生服务中心优先就诊一次。One priority visit.');
    item('county:haircut', '免费理发一次', RedemptionItemKind.PRIORITY_SERVICE, '330402', 10, 800, '新时代文明实践站理发服务。One haircut.');
    for (const village of this.byVillage.keys()) {
      item(`${village}:rice`, '大米 5 斤', RedemptionItemKind.GOODS, village, 50, this.between(20, 60), '积分超市兑换。From the points shop.');
      item(`${village}:detergent`, '洗衣液', RedemptionItemKind.GOODS, village, 30, this.between(20, 60), '积分超市兑换。From the points shop.');
      item(`${village}:towel`, '毛巾', RedemptionItemKind.GOODS, village, 10, this.between(50, 120), '积分超市兑换。From the points shop.');
      item(`${village}:oil`, '食用油', RedemptionItemKind.GOODS, village, 60, this.between(10, 40), '积分超市兑换。From the points shop.');
    }
    return this.items.length;
  }

  private async seedActivities(): Promise<number> {
    let written = 0;
    const kinds = Object.values(ActivityKind);
    for (const [village, members] of this.byVillage) {
      for (let index = 0; index < 10; index += 1) {
        const upcoming = index >= 8;
        const kind = kinds[(index + village.length) % kinds.length];
        const startsAt = upcoming ? new Date(this.daysAgo(-this.between(2, 20)).getTime()) : this.daysAgo(this.between(3, HISTORY_DAYS));
        const serviceMinutes = this.between(2, 8) * 30;
        const capacity = this.between(10, 30);
        const grid = this.chance(0.5) ? `${village}00${this.between(1, 3)}` : village;
        const activity = this.em.create(Activity, {
          id: demoUuid('activity', `${village}:${index}`),
          title: this.pick(ACTIVITY_TITLES[kind]),
          kind,
          description: '志愿者请提前十分钟到场签到。Please arrive ten minutes early.',
          areaCode: grid,
          startsAt,
          endsAt: new Date(startsAt.getTime() + serviceMinutes * 60_000),
          capacity,
          serviceMinutes,
          organiserUserId: this.staffOf(village),
          createdAt: new Date(startsAt.getTime() - this.between(5, 15) * DAY),
        });
        const eligible = members.filter((member) => grid.startsWith(villageOf(member.volunteer.areaCode)) || member.volunteer.areaCode.startsWith(grid));
        const takers = eligible.filter(() => this.chance(0.35)).slice(0, Math.floor(capacity * 0.9));
        activity.signedUpCount = takers.length;
        for (const { volunteer } of takers) {
          const attended = !upcoming && this.chance(0.85);
          this.em.create(ActivitySignUp, {
            activityId: activity.id,
            volunteerId: volunteer.id,
            signedUpAt: new Date(activity.createdAt.getTime() + this.between(1, 48) * 3_600_000),
            attendedAt: attended ? activity.startsAt : null,
            checkedInByUserId: attended ? activity.organiserUserId : null,
          });
          if (!attended) continue;
          activity.attendedCount += 1;
          volunteer.serviceMinutes += serviceMinutes;
          await this.awards.award(this.em, {
            ...awardRequestFor(volunteer),
            source: PointSource.ACTIVITY_ATTENDED,
            idempotencyKey: `activity-attended:${activity.id}:${volunteer.id}`,
            occurredAt: activity.endsAt,
            actor: activity.organiserUserId,
            memo: `参加志愿活动：${activity.title}`,
            quiet: true,
          });
        }
        written += 1;
      }
      await this.em.flush();
      this.progress('activities', village);
    }
    return written;
  }

  private progress(step: string, village: string): void {
    const villages = [...this.byVillage.keys()];
    this.logger.info({ step, village, done: villages.indexOf(village) + 1, total: villages.length }, `writing demo ${step}`);
  }

  private async seedOrders(): Promise<number> {
    let written = 0;
    // OPEN, CLAIMED, COMPLETED, CONFIRMED and EXPIRED, most of them done.
    const plan: ServiceOrderStatus[] = [
      ...Array<ServiceOrderStatus>(3).fill(ServiceOrderStatus.OPEN),
      ...Array<ServiceOrderStatus>(2).fill(ServiceOrderStatus.CLAIMED),
      ...Array<ServiceOrderStatus>(2).fill(ServiceOrderStatus.COMPLETED),
      ...Array<ServiceOrderStatus>(8).fill(ServiceOrderStatus.CONFIRMED),
      ...Array<ServiceOrderStatus>(2).fill(ServiceOrderStatus.EXPIRED),
    ];
    const residentDemo = { personId: personIdFor(RESIDENT_DEMO_PERSON_KEY), userId: DEMO_USERS.residentDemo };
    const demoVolunteer = this.volunteers.find((member) => member.key === VOLUNTEER_DEMO_PERSON_KEY)!.volunteer;
    for (const [village, members] of this.byVillage) {
      const publisher = this.staffOf(village);
      for (const [index, status] of plan.entries()) {
        const [kind, title] = this.pick(ORDER_TITLES);
        const live = status === ServiceOrderStatus.OPEN || status === ServiceOrderStatus.CLAIMED;
        const publishedAt = live ? this.daysAgo(this.between(0, 6)) : this.daysAgo(this.between(10, HISTORY_DAYS));
        const deadline = new Date(publishedAt.getTime() + (live ? this.between(8, 20) : this.between(3, 10)) * DAY);
        const isResidentDemos = village === '330402001001' && index % 4 === 0;
        const areaCode = isResidentDemos ? RESIDENT_DEMO_GRID : `${village}00${this.between(1, 3)}`;
        // volunteer.demo holds some orders of 禾兴社区 in every state it can hold.
        const claimant =
          village === '330402001001' && [3, 5, 7, 8].includes(index)
            ? demoVolunteer
            : this.pick(members.filter((member) => member.volunteer.areaCode.startsWith(villageOf(areaCode))).map((member) => member.volunteer));
        const order = this.em.create(ServiceOrder, {
          id: demoUuid('service-order', `${village}:${index}`),
          kind,
          title,
          description: '详情请联系网格员。Ask the grid worker for details.',
          areaCode,
          deadline,
          status,
          requesterPersonId: isResidentDemos ? residentDemo.personId : null,
          requesterUserId: isResidentDemos ? residentDemo.userId : null,
          publishedByUserId: publisher,
          publishedAt,
          createdAt: publishedAt,
        });
        if (status !== ServiceOrderStatus.OPEN) {
          const claimedAt = new Date(publishedAt.getTime() + this.between(2, 30) * 3_600_000);
          if (status === ServiceOrderStatus.EXPIRED) {
            Object.assign(order, { expiredAt: deadline, lastClaimantVolunteerId: this.chance(0.5) ? claimant.id : null });
          } else {
            Object.assign(order, { claimantVolunteerId: claimant.id, claimedAt });
          }
          if (status === ServiceOrderStatus.COMPLETED || status === ServiceOrderStatus.CONFIRMED) {
            const completedAt = new Date(Math.min(claimedAt.getTime() + this.between(1, 3) * DAY, deadline.getTime() - 3_600_000));
            Object.assign(order, { completedAt, completionNote: '已完成，群众满意。Done.' });
            if (status === ServiceOrderStatus.CONFIRMED) {
              Object.assign(order, { confirmedAt: new Date(completedAt.getTime() + 6 * 3_600_000), confirmedByUserId: isResidentDemos ? residentDemo.userId : publisher });
              await this.awards.award(this.em, {
                ...awardRequestFor(claimant),
                source: PointSource.ORDER_COMPLETED,
                idempotencyKey: `order-completed:${order.id}`,
                occurredAt: completedAt,
                actor: order.confirmedByUserId!,
                memo: `完成服务单：${title}`,
                quiet: true,
              });
            }
          }
        }
        written += 1;
      }
      await this.em.flush();
      this.progress('orders', village);
    }
    return written;
  }

  /** Civic deeds awarded by hand (approved by a second admin), mediations for party members, and a few pending. */
  private async seedManualAwards(): Promise<number> {
    let written = 0;
    const residentDemo = { personId: personIdFor(RESIDENT_DEMO_PERSON_KEY), areaCode: RESIDENT_DEMO_GRID };
    await this.ledger.personAccount(this.em, { personId: residentDemo.personId, kind: PointAccountKind.CIVIC, areaCode: residentDemo.areaCode, holderUserId: DEMO_USERS.residentDemo });
    for (const [village, members] of this.byVillage) {
      const civic = members.filter((member) => !member.volunteer.partyMemberType).map(({ volunteer }) => ({ personId: volunteer.personId, areaCode: volunteer.areaCode }));
      if (village === '330402001001') civic.push(residentDemo, residentDemo, residentDemo);
      const party = members.filter((member) => member.volunteer.partyMemberType).map((member) => member.volunteer);
      const award = async (target: { personId: string; areaCode: string }, ruleCode: string, points: number, status: ApprovalStatus, reason: string) => {
        const occurredAt = this.daysAgo(this.between(2, HISTORY_DAYS));
        const proposer = village === '330402001001' && this.chance(0.5) ? DEMO_USERS.gridLeader : this.staffOf(village);
        const decider = proposer === DEMO_USERS.countyAdmin ? DEMO_USERS.jiansheAdmin : DEMO_USERS.countyAdmin;
        const proposal = this.em.create(ManualAward, {
          id: randomUUID(),
          personId: target.personId,
          accountKind: ruleCode.startsWith('PARTY') ? PointAccountKind.PARTY : PointAccountKind.CIVIC,
          areaCode: target.areaCode,
          ruleCode,
          points,
          reason,
          occurredAt,
          status,
          proposedByUserId: proposer,
          decidedByUserId: status === ApprovalStatus.PROPOSED ? null : decider,
          decidedAt: status === ApprovalStatus.PROPOSED ? null : new Date(occurredAt.getTime() + DAY),
          decisionNote: status === ApprovalStatus.REJECTED ? '证明材料不足。Not enough evidence.' : null,
          createdAt: occurredAt,
        });
        written += 1;
        if (status !== ApprovalStatus.APPROVED) return;
        const member = party.find((candidate) => candidate.personId === target.personId);
        const outcome = await this.awards.award(this.em, {
          ...(member ? awardRequestFor(member) : { personId: target.personId, areaCode: target.areaCode }),
          accountKind: proposal.accountKind as PointAccountKind.CIVIC | PointAccountKind.PARTY,
          source: ruleCode.includes('MEDIATION') ? PointSource.MEDIATION_JOINED : PointSource.MANUAL,
          ruleCode,
          points,
          idempotencyKey: `manual-award:${proposal.id}`,
          occurredAt,
          actor: decider,
          memo: reason,
          quiet: true,
        });
        proposal.postingId = outcome?.postingId ?? null;
      };
      for (let index = 0; index < 14 && civic.length > 0; index += 1) {
        await award(this.pick(civic), 'CIVIC_MANUAL', this.between(1, 4) * 5, index < 12 ? ApprovalStatus.APPROVED : index === 12 ? ApprovalStatus.PROPOSED : ApprovalStatus.REJECTED, this.pick(CIVIC_DEEDS));
      }
      for (let index = 0; index < 5 && party.length > 0; index += 1) {
        const member = this.pick(party);
        await award({ personId: member.personId, areaCode: member.areaCode }, 'PARTY_MEDIATION', 8, index < 4 ? ApprovalStatus.APPROVED : ApprovalStatus.PROPOSED, '参与调解邻里纠纷（红色调解）');
      }
      await this.em.flush();
    }
    return written;
  }

  /** In-service members declare monthly: verified in the past, collected or declared lately, a few rejected. */
  private async seedDeclarations(): Promise<number> {
    let written = 0;
    const months = [3, 2, 1].map((back) => chinaMonth(new Date(this.now.getTime() - back * 30 * DAY)));
    for (const { volunteer, key } of this.volunteers) {
      if (volunteer.partyMemberType !== PartyMemberType.IN_SERVICE) continue;
      for (const [index, month] of months.entries()) {
        if (key !== VOLUNTEER_DEMO_PERSON_KEY && this.chance(0.3)) continue;
        const last = index === months.length - 1;
        const status = last ? (this.chance(0.5) ? DeclarationStatus.DECLARED : DeclarationStatus.COLLECTED) : this.chance(0.9) ? DeclarationStatus.VERIFIED : DeclarationStatus.REJECTED;
        const start = parsePeriod(month)!.start;
        const village = villageOf(volunteer.areaCode);
        const convener = village === '330402001001' ? DEMO_USERS.gridLeader : this.staffOf(village);
        const declaration = this.em.create(PointDeclaration, {
          id: demoUuid('declaration', `${volunteer.id}:${month}`),
          volunteerId: volunteer.id,
          personId: volunteer.personId,
          areaCode: volunteer.areaCode,
          month,
          points: this.between(2, 4) * 5,
          description: this.pick(['周末到社区参加环境整治', '认领微心愿并完成', '参与社区夜间巡逻', '为居民开展政策宣讲']),
          status,
          // Members without a demo login declared at the community's service desk.
          declaredByUserId: volunteer.userId ?? convener,
          collectedByUserId: status === DeclarationStatus.DECLARED ? null : convener,
          collectedAt: status === DeclarationStatus.DECLARED ? null : new Date(start.getTime() + 33 * DAY),
          verifiedByUserId: status === DeclarationStatus.VERIFIED || status === DeclarationStatus.REJECTED ? this.staffOf(village) : null,
          verifiedAt: status === DeclarationStatus.VERIFIED || status === DeclarationStatus.REJECTED ? new Date(start.getTime() + 35 * DAY) : null,
          rejectedReason: status === DeclarationStatus.REJECTED ? '与服务记录不符。Does not match the service records.' : null,
          createdAt: new Date(start.getTime() + 31 * DAY),
        });
        written += 1;
        if (status !== DeclarationStatus.VERIFIED) continue;
        const outcome = await this.awards.award(this.em, {
          ...awardRequestFor(volunteer),
          source: PointSource.DECLARATION,
          ruleCode: 'PARTY_DECLARATION_IN_SERVICE',
          points: declaration.points,
          idempotencyKey: `declaration:${declaration.id}`,
          occurredAt: start,
          actor: declaration.verifiedByUserId!,
          memo: `在职党员申报（${month}）：${declaration.description}`,
          quiet: true,
        });
        declaration.postingId = outcome?.postingId ?? null;
      }
    }
    return written;
  }

  /** Redemptions on the last quarter's redemption days by holders with enough points, and one red-line veto. */
  private async seedRedemptionsAndVeto(): Promise<number> {
    let written = 0;
    const quarterStartMonth = Math.floor((Number(chinaMonth(this.now).slice(5, 7)) - 1) / 3) * 3;
    const year = Number(chinaMonth(this.now).slice(0, 4));
    const redemptionDay = new Date(Date.UTC(year, quarterStartMonth, 1) - 8 * 3_600_000 - 3 * DAY + 2 * 3_600_000);
    const accounts = await this.em.execute<Array<{ id: string; person_id: string; kind: PointAccountKind; area_code: string; balance: number }>>(
      `select id, person_id, kind, area_code, balance from point_account where person_id is not null and balance >= 10 order by person_id, kind`,
    );
    for (const account of accounts) {
      if (!this.chance(0.35)) continue;
      const offered = this.items.filter((item) => account.area_code.startsWith(item.areaCode) && item.pointsCost <= account.balance && item.stock > 0);
      if (offered.length === 0) continue;
      const item = this.pick(offered);
      const id = randomUUID();
      const till = await this.ledger.systemAccount(this.em, PointAccountKind.REDEMPTIONS, account.area_code);
      const posted = await this.ledger.post(this.em, {
        idempotencyKey: `redemption:${id}`,
        kind: PostingKind.REDEMPTION,
        source: PointSource.REDEMPTION,
        memo: `兑换 ${item.name} × 1`,
        areaCode: account.area_code,
        occurredAt: redemptionDay,
        actor: this.staffOf(villageOf(account.area_code)),
        lines: [
          { accountId: account.id, amount: -item.pointsCost },
          { accountId: till.id, amount: item.pointsCost },
        ],
      });
      item.stock -= 1;
      this.em.create(Redemption, {
        id,
        itemId: item.id,
        accountId: account.id,
        personId: account.person_id,
        accountKind: account.kind,
        areaCode: account.area_code,
        quantity: 1,
        points: item.pointsCost,
        postingId: posted!.postingId,
        redeemedByUserId: this.staffOf(villageOf(account.area_code)),
        createdAt: redemptionDay,
      });
      written += 1;
    }
    // 一票否决: a civic volunteer of 七星村 broke a red line last month.
    const offender = this.byVillage.get('330402003003')?.find((member) => !member.volunteer.partyMemberType)?.volunteer;
    if (offender) written += await this.veto(offender.personId, chinaMonth(new Date(this.now.getTime() - 30 * DAY)));
    return written;
  }

  private async veto(personId: string, month: string): Promise<number> {
    const account = await this.ledger.findPersonAccount(this.em, personId, PointAccountKind.CIVIC);
    if (!account) return 0;
    const period = parsePeriod(month)!;
    const issuer = await this.ledger.systemAccount(this.em, PointAccountKind.AWARDS_ISSUED, account.areaCode);
    const balances = await this.ledger.lockAccounts(this.em, [account.id, issuer.id]);
    const [{ earned }] = await this.em.execute<Array<{ earned: string | null }>>(
      `select sum(e.amount) as earned from ledger_entry e join ledger_posting p on p.id = e.posting_id where e.account_id = ? and p.kind = 'AWARD' and p.occurred_at >= ? and p.occurred_at < ?`,
      [account.id, period.start, period.end],
    );
    const voided = Math.min(Number(earned ?? 0), balances.get(account.id) ?? 0);
    const staff = TOWNSHIP_ADMINS['330402003'];
    const posted =
      voided > 0
        ? await this.ledger.post(this.em, {
            idempotencyKey: `red-line-veto:${account.id}:${month}`,
            kind: PostingKind.VOID,
            source: PointSource.RED_LINE_VETO,
            memo: `一票否决（${month}）：违章搭建拒不整改`,
            areaCode: account.areaCode,
            occurredAt: period.end,
            actor: staff,
            lines: [
              { accountId: account.id, amount: -voided },
              { accountId: issuer.id, amount: voided },
            ],
          })
        : null;
    this.em.create(PointVeto, {
      accountId: account.id,
      personId,
      areaCode: account.areaCode,
      period: month,
      periodStart: period.start,
      periodEnd: period.end,
      reason: '违章搭建拒不整改。Illegal building, not removed.',
      pointsVoided: voided,
      postingId: posted?.postingId ?? null,
      vetoedByUserId: staff,
    });
    return 1;
  }
}
