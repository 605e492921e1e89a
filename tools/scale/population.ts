import type { GridPlan, VillagePlan } from './area-plan.ts';
import type { Random } from './prng.ts';

/**
 * Households and their members for one grid, in realistic shapes (living alone, empty nest, three
 * generations, left-behind children, floating renters …) and focus-tag proportions close to what
 * the county reports: elderly ~18 %, living alone ~3 %, left-behind children ~2 %, disabled ~2 %,
 * low income ~2 %, veterans ~1 %, special populations rare. Pure: ID numbers, encryption and rows
 * are the loader's business.
 *
 * Person numbering: the grid's heads of household come first (personBase … personBase + H − 1), the
 * other members after them, so another loader can pick "a head of household in grid g" (an adult
 * who reports cases) from the plan alone.
 */

export type Sex = 'MALE' | 'FEMALE';
export type ResidenceStatus = 'REGISTERED_RESIDENT' | 'FLOATING' | 'AWAY';

export interface Resident {
  /** County-wide person index. */
  index: number;
  name: string;
  sex: Sex;
  /** Age in whole years on the as-of day. */
  age: number;
  status: ResidenceStatus;
  tags: string[];
  /** Party member (about 7 % of adults); HOUSEHOLD_LINKING members link households. */
  partyType: PartyType | null;
}

export type PartyType = 'HOUSEHOLD_LINKING' | 'WITHOUT_POST' | 'MOBILE' | 'IN_SERVICE' | 'PROBATIONARY';

export type HouseholdShape =
  | 'LIVING_ALONE'
  | 'SINGLE'
  | 'EMPTY_NEST'
  | 'COUPLE'
  | 'NUCLEAR'
  | 'THREE_GENERATIONS'
  | 'LEFT_BEHIND'
  | 'FLOATING'
  | 'MIDDLE_AGED';

export interface GeneratedHousehold {
  /** County-wide household index. */
  index: number;
  shape: HouseholdShape;
  /** 户号, unique in the county; floating renters have none. */
  number: string | null;
  address: string;
  members: Resident[];
  /** Index into `linkingMembers` of the party member who keeps in touch with it. */
  linkedBy: number | null;
}

export interface GridPopulation {
  households: GeneratedHousehold[];
  /** The grid's household-linking party members (联户党员), as residents of its households. */
  linkingMembers: Resident[];
}

/** Size range of each shape; sizes are adjusted within them until the grid's people add up. */
const SHAPES: Record<HouseholdShape, { weight: number; min: number; max: number }> = {
  LIVING_ALONE: { weight: 10.6, min: 1, max: 1 },
  SINGLE: { weight: 7, min: 1, max: 1 },
  EMPTY_NEST: { weight: 8.5, min: 2, max: 2 },
  COUPLE: { weight: 7, min: 2, max: 2 },
  NUCLEAR: { weight: 27, min: 3, max: 6 },
  THREE_GENERATIONS: { weight: 17, min: 4, max: 8 },
  LEFT_BEHIND: { weight: 4.5, min: 3, max: 7 },
  FLOATING: { weight: 9, min: 1, max: 4 },
  MIDDLE_AGED: { weight: 10, min: 2, max: 5 },
};
const SHAPE_NAMES = Object.keys(SHAPES) as HouseholdShape[];

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方顾钱屠俞褚'];
/** Jiaxing surnames (沈, 陆, 钱, 朱, 徐, 顾 …) weighted up next to the national ones. */
const LOCAL_SURNAMES = [...'沈陆钱朱徐顾姚吴金屠俞褚张王李陈周'];
const MALE_GIVEN = [...'伟强磊军勇杰涛斌超明辉刚健峰建国华平林波鹏宇浩俊凯晨阳锋志龙海文德荣'];
const FEMALE_GIVEN = [...'芳娟敏静丽艳霞燕玲婷雪梅兰英琴红萍洁晶颖琳慧佳怡欣悦蕾倩秀珍凤月桂'];
const ELDER_MALE = ['福根', '阿大', '金林', '根宝', '水生', '德兴', '荣昌', '炳坤', '阿三', '长生'];
const ELDER_FEMALE = ['阿珍', '杏娣', '桂英', '秀宝', '金娣', '彩凤', '阿囡', '巧英', '月娥', '凤仙'];

interface MemberPlan {
  minAge: number;
  maxAge: number;
  sex?: Sex;
  status?: ResidenceStatus;
  tags?: string[];
  /** Takes the household's surname (head and children); spouses and elders bring their own. */
  family: boolean;
}

export class PopulationGenerator {
  private readonly random: Random;

  constructor(random: Random) {
    this.random = random;
  }

  surname(): string {
    return this.random.chance(0.4) ? this.random.pick(LOCAL_SURNAMES) : this.random.pick(SURNAMES);
  }

  givenName(sex: Sex, age: number): string {
    if (age >= 70 && this.random.chance(0.35)) return this.random.pick(sex === 'MALE' ? ELDER_MALE : ELDER_FEMALE);
    const chars = sex === 'MALE' ? MALE_GIVEN : FEMALE_GIVEN;
    return this.random.chance(0.25) ? this.random.pick(chars) : `${this.random.pick(chars)}${this.random.pick(chars)}`;
  }

  /** The grid's households with sizes adding up to exactly grid.persons. */
  grid(grid: GridPlan, village: VillagePlan): GridPopulation {
    const shapes = this.shapes(grid);
    const sizes = this.sizes(shapes, grid.persons);
    let nextMember = grid.personBase + grid.households;
    const households = shapes.map((shape, k): GeneratedHousehold => {
      const plans = this.members(shape, sizes[k]);
      const familyName = this.surname();
      const members = plans.map((plan, position) => {
        const age = this.random.int(plan.minAge, plan.maxAge);
        const sex = plan.sex ?? (this.random.chance(0.5) ? 'MALE' : 'FEMALE');
        return {
          index: position === 0 ? grid.personBase + k : nextMember++,
          name: `${plan.family ? familyName : this.surname()}${this.givenName(sex, age)}`,
          sex,
          age,
          status: plan.status ?? 'REGISTERED_RESIDENT',
          tags: [...(plan.tags ?? []), ...(age >= 60 ? ['ELDERLY'] : [])],
          partyType: null,
        } satisfies Resident;
      });
      this.addOccasionalTags(shape, members);
      return {
        index: grid.householdBase + k,
        shape,
        number: shape === 'FLOATING' ? null : `${grid.code.slice(6)}${String(k + 1).padStart(4, '0')}`,
        address: this.address(village, grid, k),
        members,
        linkedBy: null,
      };
    });
    const linkingMembers = this.assignPartyMembers(households);
    return { households, linkingMembers };
  }

  private shapes(grid: GridPlan): HouseholdShape[] {
    const weights: Array<[number, HouseholdShape]> = SHAPE_NAMES.map((shape) => {
      let weight = SHAPES[shape].weight;
      // Dedicated grids (campuses, parks) are mostly single workers and renters.
      if (grid.kind === 'DEDICATED') weight = shape === 'SINGLE' || shape === 'FLOATING' ? weight * 6 : weight * 0.3;
      // Rural grids keep more generations together and more children behind; towns rent more.
      if (grid.kind === 'RURAL' && (shape === 'THREE_GENERATIONS' || shape === 'LEFT_BEHIND')) weight *= 1.6;
      if (grid.kind === 'URBAN' && shape === 'FLOATING') weight *= 1.4;
      return [weight, shape];
    });
    const shapes = Array.from({ length: grid.households }, () => this.random.weighted(weights));
    // Make the sizes feasible: swap shapes until the grid's people fit between the minimum and maximum.
    const total = (pick: 'min' | 'max') => shapes.reduce((sum, shape) => sum + SHAPES[shape][pick], 0);
    while (total('min') > grid.persons) shapes[shapes.findIndex((shape) => SHAPES[shape].min > 1)] = 'SINGLE';
    while (total('max') < grid.persons) shapes[shapes.findIndex((shape) => SHAPES[shape].max < 8)] = 'THREE_GENERATIONS';
    return shapes;
  }

  /** Natural sizes, then nudged one person at a time (random households, within their range) to the target. */
  private sizes(shapes: HouseholdShape[], target: number): number[] {
    const sizes = shapes.map((shape) => {
      const { min, max } = SHAPES[shape];
      // Mostly small families: the range's lower part is likelier.
      return min + Math.floor(this.random.next() * this.random.next() * (max - min + 1));
    });
    let sum = sizes.reduce((acc, size) => acc + size, 0);
    while (sum !== target) {
      const k = this.random.int(0, shapes.length - 1);
      const { min, max } = SHAPES[shapes[k]];
      if (sum < target && sizes[k] < max) {
        sizes[k] += 1;
        sum += 1;
      } else if (sum > target && sizes[k] > min) {
        sizes[k] -= 1;
        sum -= 1;
      }
    }
    return sizes;
  }

  private members(shape: HouseholdShape, size: number): MemberPlan[] {
    const child = (minAge: number, maxAge: number, extra: Partial<MemberPlan> = {}): MemberPlan => ({ minAge, maxAge, family: true, ...extra });
    const fill = (count: number, make: () => MemberPlan) => Array.from({ length: Math.max(0, count) }, make);
    switch (shape) {
      case 'LIVING_ALONE':
        return [{ minAge: 66, maxAge: 95, family: true, tags: ['LIVING_ALONE_ELDERLY'] }];
      case 'SINGLE':
        return [{ minAge: 20, maxAge: 45, family: true }];
      case 'EMPTY_NEST':
        return [
          { minAge: 61, maxAge: 88, sex: 'MALE', family: true, tags: ['EMPTY_NEST_ELDERLY'] },
          { minAge: 60, maxAge: 86, sex: 'FEMALE', family: false, tags: ['EMPTY_NEST_ELDERLY'] },
        ];
      case 'COUPLE':
        return [
          { minAge: 24, maxAge: 45, sex: 'MALE', family: true },
          { minAge: 23, maxAge: 44, sex: 'FEMALE', family: false },
        ];
      case 'NUCLEAR':
        return [
          { minAge: 28, maxAge: 52, sex: 'MALE', family: true },
          { minAge: 26, maxAge: 50, sex: 'FEMALE', family: false },
          ...fill(size - 2, () => child(0, 22)),
        ];
      case 'THREE_GENERATIONS': {
        const elders = size >= 5 && this.random.chance(0.6) ? 2 : 1;
        return [
          { minAge: 32, maxAge: 52, sex: 'MALE', family: true },
          { minAge: 30, maxAge: 50, sex: 'FEMALE', family: false },
          ...fill(size - 2 - elders, () => child(0, 18)),
          { minAge: 58, maxAge: 90, sex: 'FEMALE', family: false },
          ...(elders === 2 ? [{ minAge: 60, maxAge: 90, sex: 'MALE' as const, family: true }] : []),
        ];
      }
      case 'LEFT_BEHIND': {
        // Grandparents at home with the children; the parents work away (外出务工).
        const grandparents = size >= 4 ? 2 : 1;
        const away = size >= 6 ? 2 : 1;
        return [
          { minAge: 55, maxAge: 78, sex: 'MALE', family: true },
          ...(grandparents === 2 ? [{ minAge: 53, maxAge: 76, sex: 'FEMALE' as const, family: false }] : []),
          ...fill(size - grandparents - away, () => child(3, 15, { tags: ['LEFT_BEHIND_CHILD'] })),
          child(26, 42, { sex: 'MALE', status: 'AWAY', tags: ['MIGRANT_WORKER_AWAY'] }),
          ...(away === 2 ? [child(25, 40, { sex: 'FEMALE', family: false, status: 'AWAY', tags: ['MIGRANT_WORKER_AWAY'] })] : []),
        ];
      }
      case 'FLOATING':
        return [
          { minAge: 19, maxAge: 48, family: true, status: 'FLOATING' },
          ...(size >= 2 ? [{ minAge: 19, maxAge: 48, family: false, status: 'FLOATING' as const }] : []),
          ...fill(size - 2, () => child(0, 14, { status: 'FLOATING' })),
        ];
      case 'MIDDLE_AGED':
        return [
          { minAge: 45, maxAge: 64, sex: 'MALE', family: true },
          { minAge: 44, maxAge: 62, sex: 'FEMALE', family: false },
          ...fill(size - 2, () =>
            this.random.chance(0.35) ? child(19, 34, { status: 'AWAY', tags: ['MIGRANT_WORKER_AWAY'] }) : child(16, 32),
          ),
        ];
    }
  }

  /** Tags that do not follow from the household's shape, at the rates the counties report. */
  private addOccasionalTags(shape: HouseholdShape, members: Resident[]): void {
    const add = (person: Resident, tag: string) => {
      if (!person.tags.includes(tag)) person.tags.push(tag);
    };
    const vulnerable = shape === 'LIVING_ALONE' || shape === 'EMPTY_NEST' || shape === 'LEFT_BEHIND';
    if (this.random.chance(vulnerable ? 0.04 : 0.017)) for (const member of members) add(member, 'LOW_INCOME');
    if (this.random.chance(vulnerable ? 0.02 : 0.008)) for (const member of members) add(member, 'HARDSHIP');
    for (const person of members) {
      if (this.random.chance(person.age >= 60 ? 0.042 : 0.016)) add(person, 'DISABLED');
      if (person.sex === 'MALE' && person.age >= 38 && this.random.chance(0.046)) add(person, 'VETERAN');
      if (person.age >= 18 && person.age <= 70 && person.status !== 'AWAY') {
        const roll = this.random.next();
        if (roll < 0.0006) add(person, 'COMMUNITY_CORRECTION');
        else if (roll < 0.0016) add(person, 'RELEASED_PRISONER');
        else if (roll < 0.0022) add(person, 'DRUG_REHAB');
        else if (roll < 0.0052) add(person, 'SEVERE_MENTAL_ILLNESS');
      }
    }
  }

  /** About 7 % of adults (25+, not floating) are party members; two per grid link its households. */
  private assignPartyMembers(households: GeneratedHousehold[]): Resident[] {
    const linking: Resident[] = [];
    for (const household of households) {
      for (const person of household.members) {
        if (person.age < 25 || person.status === 'FLOATING') continue;
        if (linking.length < 2 && person.status === 'REGISTERED_RESIDENT' && person.age <= 68 && this.random.chance(0.2)) {
          person.partyType = 'HOUSEHOLD_LINKING';
          linking.push(person);
        } else if (this.random.chance(0.07)) {
          person.partyType =
            person.status === 'AWAY'
              ? 'MOBILE'
              : person.age <= 55 && this.random.chance(0.45)
                ? 'IN_SERVICE'
                : person.age <= 35 && this.random.chance(0.2)
                  ? 'PROBATIONARY'
                  : 'WITHOUT_POST';
        }
      }
    }
    if (linking.length > 0) households.forEach((household, k) => (household.linkedBy = k % linking.length));
    return linking;
  }

  private address(village: VillagePlan, grid: GridPlan, k: number): string {
    const gridNumber = Number(grid.code.slice(12));
    if (!village.urban) return `${village.name}${gridNumber}组${k * 2 + this.random.int(1, 2)}号`;
    const building = Math.floor(k / 24) + 1 + (gridNumber - 1) * 12;
    const street = village.streets[(gridNumber - 1) % village.streets.length];
    return `${street}${(gridNumber - 1) * 40 + Math.floor(k / 24) + 1}号${building}幢${this.random.int(1, 4)}单元${this.random.int(1, 18)}0${this.random.int(1, 4)}室`;
  }
}
