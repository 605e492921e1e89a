import { buildIdNumber } from '../personal-data/id-number.js';
import { PartyMemberType } from '../party/party-member-type.js';
import { ResidenceStatus, Sex } from '../person/person-enums.js';
import { householdIdFor, personIdFor } from './deterministic-id.js';

/**
 * The demo population of 南湖区 (330402): 37 households in each of the 27 grids (village code + 001…003),
 * about 3,000 people, with focus tags in realistic proportions, party members, the grid staff the grids
 * service names (`staff:<gridCode>:<index>`, index 0…5) and resident.demo's own record. Everything
 * follows from a fixed seed and a fixed reference day, so every run produces the same data.
 */
export const DEMO_REFERENCE_DAY = '2025-07-01';
/** Tags and residences of the demo start on this day. */
export const DEMO_SINCE = '2024-01-01';
export const DEMO_REGION = '330402';
export const HOUSEHOLDS_PER_GRID = 37;
export const STAFF_PER_GRID = 6;

/** Keycloak accounts with a Person of their own (ids fixed in the realm). */
export const DEMO_ACCOUNTS = {
  residentDemo: { key: 'resident:demo', userId: '00000000-0000-4000-8000-000000000014', name: '陈晓梅', sex: Sex.FEMALE, gridCode: '330402001001001' },
  gridLeader: { key: 'staff:330402001001001:0', userId: '00000000-0000-4000-8000-000000000008', name: '黄晓明', sex: Sex.MALE },
  gridWorker: { key: 'staff:330402001001001:1', userId: '00000000-0000-4000-8000-000000000009', name: '周辉', sex: Sex.MALE },
  gridWorker2: { key: 'staff:330402001002001:1', userId: '00000000-0000-4000-8000-000000000010', name: '吴婷', sex: Sex.FEMALE },
} as const;

/**
 * volunteer.demo's login is linked to this resident (§8.7: a volunteer acts as exactly one Person): the
 * in-service party member of 禾兴社区 the volunteers and assessments subgraphs' demo data name.
 */
export const VOLUNTEER_DEMO_ACCOUNT = { key: 'resident:48', userId: '00000000-0000-4000-8000-000000000013' } as const;

export interface DemoPartyMembership {
  type: PartyMemberType;
  joinedOn: string;
  reportedToAreaCode: string | null;
  workUnit: string | null;
}

export interface DemoPerson {
  id: string;
  key: string;
  name: string;
  sex: Sex;
  birthDate: string;
  idNumber: string;
  phone: string | null;
  gridCode: string;
  address: string;
  residenceStatus: ResidenceStatus;
  householdId: string | null;
  userId: string | null;
  tags: string[];
  party: DemoPartyMembership | null;
}

export interface DemoHousehold {
  id: string;
  number: string | null;
  gridCode: string;
  address: string;
  headId: string;
  linkingPartyMemberId: string | null;
  members: DemoPerson[];
}

export interface DemoPopulation {
  households: DemoHousehold[];
  /** Grid staff without a household in the ledger. */
  staff: DemoPerson[];
}

interface DemoVillage {
  code: string;
  name: string;
  streets: string[];
}

const VILLAGES: DemoVillage[] = [
  { code: '330402001001', name: '禾兴社区', streets: ['禾兴南路', '禾兴北路', '建国路'] },
  { code: '330402001002', name: '紫阳社区', streets: ['紫阳街', '勤俭路', '少年路'] },
  { code: '330402001003', name: '南溪社区', streets: ['南溪路', '南湖路', '环城南路'] },
  { code: '330402002001', name: '广益社区', streets: ['广益路', '中山东路', '广益花园'] },
  { code: '330402002002', name: '中港社区', streets: ['中港路', '东栅路', '港湾新村'] },
  { code: '330402002003', name: '新嘉社区', streets: ['新嘉街', '新气象路', '嘉禾新村'] },
  { code: '330402003001', name: '东进村', streets: [] },
  { code: '330402003002', name: '湘城村', streets: [] },
  { code: '330402003003', name: '七星村', streets: [] },
];

export const DEMO_GRID_CODES = VILLAGES.flatMap((village) => ['001', '002', '003'].map((suffix) => `${village.code}${suffix}`));

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方顾钱屠俞褚'];
/** Jiaxing surnames (沈, 陆, 钱, 朱, 徐, 顾 …) are weighted up next to the national ones. */
const LOCAL_SURNAMES = [...'沈陆钱朱徐顾姚吴金屠俞褚张王李陈周'];
const MALE_GIVEN = [...'伟强磊军勇杰涛斌超明辉刚健峰建国华平林波鹏宇浩俊凯晨阳锋志龙海文德荣'];
const FEMALE_GIVEN = [...'芳娟敏静丽艳霞燕玲婷雪梅兰英琴红萍洁晶颖琳慧佳怡欣悦蕾倩秀珍凤月桂'];
const ELDER_MALE = ['福根', '阿大', '金林', '根宝', '水生', '德兴', '荣昌', '炳坤'];
const ELDER_FEMALE = ['阿珍', '杏娣', '桂英', '秀宝', '金娣', '彩凤', '阿囡', '巧英'];
const WORK_UNITS = ['嘉兴学院', '国网嘉兴供电公司', '南湖区人民医院', '南湖区教育局', '嘉兴市中级人民法院', '南湖区税务局', '嘉兴银行', '南湖区实验小学'];
const MOBILE_PREFIXES = ['138', '139', '135', '136', '137', '150', '151', '152', '157', '158', '159', '187', '188', '133', '153', '180', '189', '177', '186', '185'];

/** mulberry32: small, fast and the same on every machine. */
function randomSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

type HouseholdKind = 'LIVING_ALONE' | 'EMPTY_NEST' | 'YOUNG' | 'NUCLEAR' | 'THREE_GENERATIONS' | 'LEFT_BEHIND' | 'FLOATING' | 'MIDDLE_AGED';

const KIND_WEIGHTS: Array<[HouseholdKind, number]> = [
  ['LIVING_ALONE', 9],
  ['EMPTY_NEST', 9],
  ['YOUNG', 11],
  ['NUCLEAR', 30],
  ['THREE_GENERATIONS', 12],
  ['LEFT_BEHIND', 4],
  ['FLOATING', 14],
  ['MIDDLE_AGED', 12],
];

/** The households the grids service's demo visits describe, so that its visit notes fit the people found here. */
const FIXED_KINDS: Record<string, Partial<Record<number, { kind: HouseholdKind; tag?: string }>>> = {
  '330402001001001': { 1: { kind: 'LIVING_ALONE' }, 2: { kind: 'NUCLEAR' }, 3: { kind: 'FLOATING' }, 4: { kind: 'MIDDLE_AGED', tag: 'LOW_INCOME' }, 5: { kind: 'NUCLEAR' } },
  '330402001002001': { 1: { kind: 'EMPTY_NEST' }, 2: { kind: 'MIDDLE_AGED', tag: 'DISABLED' } },
};
/** resident.demo heads this household (a family of three). */
const RESIDENT_DEMO_HOUSEHOLD = { gridCode: DEMO_ACCOUNTS.residentDemo.gridCode, n: 5 };

interface MemberPlan {
  role: 'head' | 'spouse' | 'child' | 'elder' | 'member';
  minAge: number;
  maxAge: number;
  sex?: Sex;
  status?: ResidenceStatus;
  tags?: string[];
}

class PopulationBuilder {
  private readonly random = randomSource(20_250_701);
  private readonly usedIdNumbers = new Set<string>();
  private residentCount = 0;

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)];
  }

  chance(p: number): boolean {
    return this.random() < p;
  }

  between(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }

  kind(): HouseholdKind {
    const total = KIND_WEIGHTS.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = this.random() * total;
    for (const [kind, weight] of KIND_WEIGHTS) {
      roll -= weight;
      if (roll < 0) return kind;
    }
    return 'NUCLEAR';
  }

  surname(): string {
    return this.chance(0.4) ? this.pick(LOCAL_SURNAMES) : this.pick(SURNAMES);
  }

  givenName(sex: Sex, age: number): string {
    if (age >= 70 && this.chance(0.35)) return this.pick(sex === Sex.MALE ? ELDER_MALE : ELDER_FEMALE);
    const chars = sex === Sex.MALE ? MALE_GIVEN : FEMALE_GIVEN;
    return this.chance(0.25) ? this.pick(chars) : `${this.pick(chars)}${this.pick(chars)}`;
  }

  birthDate(age: number): string {
    const year = Number(DEMO_REFERENCE_DAY.slice(0, 4)) - age - 1;
    // A day of the year before the reference day's anniversary, so the age on the reference day is exact.
    const dayOfYear = this.between(183, 364);
    return new Date(Date.UTC(year, 0, 1) + dayOfYear * 86_400_000).toISOString().slice(0, 10);
  }

  idNumber(birthDate: string, sex: Sex): string {
    let sequence = this.between(0, 999);
    for (;;) {
      const candidate = buildIdNumber(DEMO_REGION, birthDate, sequence, sex);
      if (!this.usedIdNumbers.has(candidate)) {
        this.usedIdNumbers.add(candidate);
        return candidate;
      }
      sequence = (sequence + 2) % 1000;
    }
  }

  phone(age: number): string | null {
    if (age < 16 || (age >= 80 && this.chance(0.5)) || this.chance(0.04)) return null;
    return `${this.pick(MOBILE_PREFIXES)}${String(this.between(0, 99_999_999)).padStart(8, '0')}`;
  }

  address(village: DemoVillage, gridIndex: number, n: number): string {
    if (village.streets.length === 0) return `${village.name}${gridIndex + 1}组${n * 2 + this.between(0, 1)}号`;
    const building = Math.floor((n - 1) / 12) + 1 + gridIndex * 10;
    return `${village.streets[gridIndex % village.streets.length]}${this.between(1, 200)}号${building}幢${this.between(1, 3)}单元${this.between(1, 6)}0${this.between(1, 4)}室`;
  }

  person(
    key: string,
    plan: { name: string; sex: Sex; age: number },
    place: { gridCode: string; address: string; householdId: string | null },
    status: ResidenceStatus,
    tags: string[],
  ): DemoPerson {
    const birthDate = this.birthDate(plan.age);
    return {
      id: personIdFor(key),
      key,
      name: plan.name,
      sex: plan.sex,
      birthDate,
      idNumber: this.idNumber(birthDate, plan.sex),
      phone: this.phone(plan.age),
      gridCode: place.gridCode,
      address: place.address,
      residenceStatus: status,
      householdId: place.householdId,
      userId: null,
      tags,
      party: null,
    };
  }

  members(kind: HouseholdKind): MemberPlan[] {
    const children = (count: number, min: number, max: number, extra: Partial<MemberPlan> = {}): MemberPlan[] =>
      Array.from({ length: count }, () => ({ role: 'child', minAge: min, maxAge: max, ...extra }));
    switch (kind) {
      case 'LIVING_ALONE':
        return [{ role: 'head', minAge: 66, maxAge: 92, tags: ['LIVING_ALONE_ELDERLY'] }];
      case 'EMPTY_NEST':
        return [
          { role: 'head', minAge: 61, maxAge: 84, sex: Sex.MALE, tags: ['EMPTY_NEST_ELDERLY'] },
          { role: 'spouse', minAge: 60, maxAge: 82, sex: Sex.FEMALE, tags: ['EMPTY_NEST_ELDERLY'] },
        ];
      case 'YOUNG':
        return this.chance(0.5) ? [{ role: 'head', minAge: 22, maxAge: 35 }] : [{ role: 'head', minAge: 24, maxAge: 38, sex: Sex.MALE }, { role: 'spouse', minAge: 23, maxAge: 36, sex: Sex.FEMALE }];
      case 'NUCLEAR':
        return [
          { role: 'head', minAge: 30, maxAge: 48, sex: Sex.MALE },
          { role: 'spouse', minAge: 28, maxAge: 46, sex: Sex.FEMALE },
          ...children(this.chance(0.55) ? 2 : 1, 1, 18),
        ];
      case 'THREE_GENERATIONS':
        return [
          { role: 'head', minAge: 33, maxAge: 50, sex: Sex.MALE },
          { role: 'spouse', minAge: 31, maxAge: 48, sex: Sex.FEMALE },
          ...children(this.chance(0.4) ? 2 : 1, 0, 16),
          { role: 'elder', minAge: 58, maxAge: 82, sex: Sex.FEMALE },
          ...(this.chance(0.6) ? [{ role: 'elder', minAge: 60, maxAge: 84, sex: Sex.MALE } as MemberPlan] : []),
        ];
      case 'LEFT_BEHIND':
        return [
          { role: 'head', minAge: 56, maxAge: 74, sex: Sex.MALE },
          { role: 'spouse', minAge: 54, maxAge: 72, sex: Sex.FEMALE },
          { role: 'child', minAge: 26, maxAge: 40, sex: Sex.MALE, status: ResidenceStatus.AWAY, tags: ['MIGRANT_WORKER_AWAY'] },
          { role: 'member', minAge: 25, maxAge: 38, sex: Sex.FEMALE, status: ResidenceStatus.AWAY, tags: ['MIGRANT_WORKER_AWAY'] },
          ...children(this.chance(0.35) ? 2 : 1, 3, 15, { tags: ['LEFT_BEHIND_CHILD'] }),
        ];
      case 'FLOATING':
        return [
          { role: 'head', minAge: 20, maxAge: 45, status: ResidenceStatus.FLOATING },
          ...(this.chance(0.55) ? [{ role: 'spouse', minAge: 20, maxAge: 45, status: ResidenceStatus.FLOATING } as MemberPlan] : []),
          ...(this.chance(0.3) ? children(1, 0, 12, { status: ResidenceStatus.FLOATING }) : []),
        ];
      case 'MIDDLE_AGED':
        return [
          { role: 'head', minAge: 45, maxAge: 62, sex: Sex.MALE },
          { role: 'spouse', minAge: 44, maxAge: 60, sex: Sex.FEMALE },
          ...(this.chance(0.7)
            ? [this.chance(0.35) ? { role: 'child', minAge: 20, maxAge: 32, status: ResidenceStatus.AWAY, tags: ['MIGRANT_WORKER_AWAY'] } as MemberPlan : { role: 'child', minAge: 16, maxAge: 30 } as MemberPlan]
            : []),
        ];
    }
  }

  household(village: DemoVillage, gridIndex: number, n: number): DemoHousehold {
    const gridCode = `${village.code}${String(gridIndex + 1).padStart(3, '0')}`;
    const fixed = FIXED_KINDS[gridCode]?.[n];
    const kind = fixed?.kind ?? this.kind();
    const householdId = householdIdFor(`household:${gridCode}:${n}`);
    const address = this.address(village, gridIndex, n);
    const place = { gridCode, address, householdId };
    const familyName = this.surname();
    const isResidentDemo = gridCode === RESIDENT_DEMO_HOUSEHOLD.gridCode && n === RESIDENT_DEMO_HOUSEHOLD.n;
    const plans = this.members(kind);
    const members = plans.map((plan, index) => {
      const age = this.between(plan.minAge, plan.maxAge);
      const sex = plan.sex ?? (this.chance(0.5) ? Sex.MALE : Sex.FEMALE);
      const ownName = plan.role === 'head' || plan.role === 'child';
      const name = `${ownName ? familyName : this.surname()}${this.givenName(sex, age)}`;
      const status = plan.status ?? ResidenceStatus.REGISTERED_RESIDENT;
      const tags = [...(plan.tags ?? []), ...(age >= 60 ? ['ELDERLY'] : [])];
      if (isResidentDemo && index === 0) {
        const account = DEMO_ACCOUNTS.residentDemo;
        return { ...this.person(account.key, { name: account.name, sex: account.sex, age: 38 }, place, status, []), userId: account.userId };
      }
      this.residentCount += 1;
      return this.person(`resident:${this.residentCount}`, { name, sex, age }, place, status, tags);
    });
    this.addOccasionalTags(members, fixed?.tag);
    return {
      id: householdId,
      number: kind === 'FLOATING' ? null : `${gridCode.slice(6)}${String(n).padStart(4, '0')}`,
      gridCode,
      address,
      headId: members[0].id,
      linkingPartyMemberId: null,
      members,
    };
  }

  /** Tags that do not follow from the household's shape, at the rates the county reports. */
  private addOccasionalTags(members: DemoPerson[], fixedTag: string | undefined): void {
    const add = (person: DemoPerson, tag: string) => {
      if (!person.tags.includes(tag)) person.tags.push(tag);
    };
    if (fixedTag === 'LOW_INCOME' || (fixedTag === undefined && this.chance(0.02))) for (const member of members) add(member, 'LOW_INCOME');
    if (fixedTag === 'DISABLED') add(members[members.length - 1], 'DISABLED');
    for (const person of members) {
      const age = ageOnReferenceDay(person.birthDate);
      if (this.chance(0.018)) add(person, 'DISABLED');
      if (this.chance(0.01)) add(person, 'HARDSHIP');
      if (person.sex === Sex.MALE && age >= 38 && this.chance(0.035)) add(person, 'VETERAN');
      if (age >= 18 && age <= 70 && person.residenceStatus !== ResidenceStatus.AWAY) {
        const roll = this.random();
        if (roll < 0.0015) add(person, 'COMMUNITY_CORRECTION');
        else if (roll < 0.004) add(person, 'RELEASED_PRISONER');
        else if (roll < 0.0058) add(person, 'DRUG_REHAB');
        else if (roll < 0.0088) add(person, 'SEVERE_MENTAL_ILLNESS');
      }
    }
  }

  /** About 7 % of adults are party members; two per grid link the grid's households (联户党员). */
  assignPartyMembers(households: DemoHousehold[], villageCode: string): void {
    const adults = households.flatMap((household) => household.members).filter((person) => ageOnReferenceDay(person.birthDate) >= 25 && person.residenceStatus !== ResidenceStatus.FLOATING);
    const linking = adults.filter((person) => person.residenceStatus === ResidenceStatus.REGISTERED_RESIDENT && ageOnReferenceDay(person.birthDate) <= 68).slice(0, 2);
    for (const person of linking) person.party = this.membership(PartyMemberType.HOUSEHOLD_LINKING, person, villageCode);
    for (const person of adults) {
      if (person.party || !this.chance(0.07)) continue;
      const age = ageOnReferenceDay(person.birthDate);
      const type =
        person.residenceStatus === ResidenceStatus.AWAY
          ? PartyMemberType.MOBILE
          : age <= 55 && this.chance(0.45)
            ? PartyMemberType.IN_SERVICE
            : age <= 35 && this.chance(0.2)
              ? PartyMemberType.PROBATIONARY
              : PartyMemberType.WITHOUT_POST;
      person.party = this.membership(type, person, villageCode);
    }
    households.forEach((household, index) => {
      household.linkingPartyMemberId = linking.length > 0 ? linking[index % linking.length].id : null;
    });
  }

  membership(type: PartyMemberType, person: DemoPerson, villageCode: string): DemoPartyMembership {
    const joinedYear = type === PartyMemberType.PROBATIONARY ? 2025 : Math.min(2024, Number(person.birthDate.slice(0, 4)) + this.between(20, 35));
    const inService = type === PartyMemberType.IN_SERVICE;
    return {
      type,
      joinedOn: `${joinedYear}-07-01`,
      reportedToAreaCode: inService ? villageCode : null,
      workUnit: inService ? this.pick(WORK_UNITS) : null,
    };
  }

  staff(village: DemoVillage, gridIndex: number): DemoPerson[] {
    const gridCode = `${village.code}${String(gridIndex + 1).padStart(3, '0')}`;
    const accounts = Object.values(DEMO_ACCOUNTS).filter((account) => account.key.startsWith(`staff:${gridCode}:`));
    return Array.from({ length: STAFF_PER_GRID }, (_, index) => {
      const key = `staff:${gridCode}:${index}`;
      const account = accounts.find((candidate) => candidate.key === key);
      const sex = account?.sex ?? (this.chance(0.5) ? Sex.MALE : Sex.FEMALE);
      const age = index === 5 ? this.between(20, 66) : this.between(26, 56);
      const name = account?.name ?? `${this.surname()}${this.givenName(sex, age)}`;
      const person = this.person(key, { name, sex, age }, { gridCode, address: this.address(village, gridIndex, 40 + index), householdId: null }, ResidenceStatus.REGISTERED_RESIDENT, age >= 60 ? ['ELDERLY'] : []);
      person.userId = account?.userId ?? null;
      // A part-time grid worker is often a party member without a post (DOMAIN.md §2).
      if (index === 2) person.party = this.membership(PartyMemberType.WITHOUT_POST, person, village.code);
      return person;
    });
  }
}

export function ageOnReferenceDay(birthDate: string): number {
  const years = Number(DEMO_REFERENCE_DAY.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return DEMO_REFERENCE_DAY.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

export function demoPopulation(): DemoPopulation {
  const builder = new PopulationBuilder();
  const households: DemoHousehold[] = [];
  const staff: DemoPerson[] = [];
  for (const village of VILLAGES) {
    for (let gridIndex = 0; gridIndex < 3; gridIndex += 1) {
      const gridHouseholds = Array.from({ length: HOUSEHOLDS_PER_GRID }, (_, i) => builder.household(village, gridIndex, i + 1));
      builder.assignPartyMembers(gridHouseholds, village.code);
      households.push(...gridHouseholds);
      staff.push(...builder.staff(village, gridIndex));
    }
  }
  const volunteer = households.flatMap((household) => household.members).find((person) => person.key === VOLUNTEER_DEMO_ACCOUNT.key);
  if (volunteer) volunteer.userId = VOLUNTEER_DEMO_ACCOUNT.userId;
  return { households, staff };
}
