import type { GridPlan, VillagePlan } from './area-plan.ts';
import type { LoadContext } from './context.ts';
import { byteaHex, type CopySink } from './copy-sink.ts';
import { birthDateFor, HOME_REGIONS, IdNumberAllocator, MIGRANT_REGIONS } from './id-numbers.ts';
import { RESIDENT_DEMO } from './ids.ts';
import { PopulationGenerator, type PartyType, type ResidenceStatus, type Sex } from './population.ts';
import { randomStream, type Random } from './prng.ts';
import { PersonalDataVault, buildIdNumber, sealIdNumber, sealPhone } from './service-code.ts';
import { gridTeam } from './staff.ts';

/**
 * people: households, persons (ID and phone numbers sealed and hashed by the people service's own
 * vault: AES-256-GCM with a random IV, HMAC-SHA256 lookup hash, masked forms), their residence row,
 * focus tags with dates, and party memberships. The grid staff get their own person records
 * (`staff:<grid>:<i>`, no household), as in the people demo.
 *
 * The vault reads PEOPLE_DATA_KEY like the service does (the development key when unset): the scale
 * stack's people service must run with the same key to reveal what was sealed here. Ciphertexts use
 * random IVs, exactly as the service writes them, so they differ between runs; the numbers inside,
 * the lookup hashes and everything else are the same for the same seed.
 *
 * The population counters (population_count, population_tag_count) are not written here: COPY runs
 * with the service's triggers off, and seed-scale.ts runs its rebuildPopulationCounters after the load.
 */
const DAY_MS = 86_400_000;
const MOBILE_PREFIXES = ['138', '139', '135', '136', '137', '150', '151', '152', '157', '158', '159', '187', '188', '133', '153', '180', '189', '177', '186', '185'];
const WORK_UNITS = ['嘉兴学院', '国网嘉兴供电公司', '南湖区人民医院', '南湖区教育局', '嘉兴市中级人民法院', '南湖区税务局', '嘉兴银行', '南湖区实验小学'];
/** Tags with a start that follows from age; the others start somewhere in the period. */
const AGE_TAG_START: Record<string, number> = { ELDERLY: 60 };

interface PersonRow {
  id: string;
  name: string;
  sex: Sex;
  age: number;
  status: ResidenceStatus;
  gridCode: string;
  householdId: string | null;
  address: string;
  userId: string | null;
  tags: string[];
  partyType: PartyType | null;
}

export async function loadPeople(context: LoadContext): Promise<void> {
  const { plan, ids } = context;
  const staffPerGrid = 8.7;
  const people = plan.size.persons + Math.round(plan.grids.length * staffPerGrid);
  const base = (id: string, at: Date) => [id, at, at, 1];
  const households = context.sink('people', 'household', ['id', 'created_at', 'updated_at', 'version', 'number', 'address', 'grid_code', 'head_id', 'linking_party_member_id'], plan.size.households);
  const persons = context.sink(
    'people',
    'person',
    ['id', 'created_at', 'updated_at', 'version', 'name', 'sex', 'birth_date', 'id_number_sealed', 'id_number_hash', 'id_number_masked', 'phone_sealed', 'phone_masked', 'household_id', 'address', 'grid_code', 'residence_status', 'user_id'],
    people,
  );
  const residences = context.sink('people', 'residence', ['id', 'person_id', 'grid_code', 'household_id', 'moved_in_at', 'moved_out_at', 'reason', 'recorded_by'], people);
  const tags = context.sink('people', 'person_tag', ['id', 'person_id', 'tag_code', 'valid_from', 'valid_to', 'assigned_by', 'created_at'], Math.round(people * 0.38));
  const memberships = context.sink(
    'people',
    'party_membership',
    ['id', 'created_at', 'updated_at', 'version', 'person_id', 'type', 'branch_id', 'joined_on', 'reported_to_area_code', 'work_unit'],
    Math.round(people * 0.05),
  );

  const random = randomStream(context.seed, 'people');
  const generator = new PopulationGenerator(random);
  const vault = PersonalDataVault.fromEnvironment();
  const allocator = new IdNumberAllocator(buildIdNumber as (region: string, birthDate: string, sequence: number, sex: Sex) => string);
  const villages = new Map<string, VillagePlan>(plan.villages.map((village) => [village.code, village]));
  const since = context.since.getTime();
  const asOf = context.asOf.getTime();
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  let tagCount = 0;
  let membershipCount = 0;

  const writePerson = (person: PersonRow, grid: GridPlan, village: VillagePlan) => {
    const birthDate = birthDateFor(context.asOfDay, person.age, random.int(0, 364));
    const region = person.status === 'FLOATING' ? random.weighted(MIGRANT_REGIONS) : random.weighted(HOME_REGIONS);
    const idNumber = allocator.next(region, birthDate, person.sex);
    const phone = person.age < 16 || (person.age >= 80 && random.chance(0.5)) || random.chance(0.04) ? null : `${random.pick(MOBILE_PREFIXES)}${String(random.int(0, 99_999_999)).padStart(8, '0')}`;
    const sealedId = sealIdNumber(vault, idNumber);
    const sealedPhone = sealPhone(vault, phone);
    const born = Date.parse(`${birthDate}T08:00:00+08:00`);
    // Floating residents arrived in the period; everyone else was on the ledger when it started.
    const movedIn = person.status === 'FLOATING' ? since + random.int(0, Math.floor((asOf - since) / DAY_MS) - 7) * DAY_MS + random.int(8, 18) * 3_600_000 : Math.max(since, born);
    const registered = new Date(movedIn);
    persons.add([
      ...base(person.id, registered),
      person.name,
      person.sex,
      birthDate,
      byteaHex(sealedId.idNumberSealed),
      sealedId.idNumberHash,
      sealedId.idNumberMasked,
      sealedPhone.phoneSealed ? byteaHex(sealedPhone.phoneSealed) : null,
      sealedPhone.phoneMasked,
      person.householdId,
      person.address,
      person.gridCode,
      person.status,
      person.userId,
    ]);
    residences.add([ids.generic('residence', persons.rows), person.id, person.gridCode, person.householdId, registered, null, person.status === 'FLOATING' ? '流入登记' : '台账建立', 'system']);
    for (const tag of person.tags) {
      const startAge = AGE_TAG_START[tag];
      const start = startAge !== undefined ? Date.parse(`${birthDate}T00:00:00Z`) + startAge * 365.25 * DAY_MS : since + random.int(0, 700) * DAY_MS;
      const validFrom = day(Math.min(Math.max(start, movedIn, since), asOf - DAY_MS));
      tags.add([ids.generic('person-tag', tagCount++), person.id, tag, validFrom, null, 'system', new Date(Date.parse(`${validFrom}T09:00:00+08:00`))]);
    }
    // Some had a low-income allowance that has since ended: history the current counts must skip.
    if (!person.tags.includes('LOW_INCOME') && random.chance(0.006)) {
      const from = since + random.int(0, 400) * DAY_MS;
      tags.add([ids.generic('person-tag', tagCount++), person.id, 'LOW_INCOME', day(from), day(from + random.int(90, 500) * DAY_MS), 'system', new Date(from)]);
    }
    if (person.partyType) {
      const joinedYear = person.partyType === 'PROBATIONARY' ? Number(context.asOfDay.slice(0, 4)) - 1 : Number(birthDate.slice(0, 4)) + random.int(20, Math.max(20, Math.min(35, person.age - 1)));
      const inService = person.partyType === 'IN_SERVICE';
      memberships.add([
        ...base(ids.generic('party-membership', membershipCount++), registered),
        person.id,
        person.partyType,
        ids.organization('branch', grid.index),
        `${joinedYear}-07-01`,
        inService ? village.code : null,
        inService ? random.pick(WORK_UNITS) : null,
      ]);
    }
  };

  for (const grid of plan.grids) {
    const village = villages.get(grid.villageCode)!;
    const population = generator.grid(grid, village);
    const linkingIds = population.linkingMembers.map((member) => ids.person(member.index));
    for (const household of population.households) {
      const householdId = ids.household(household.index);
      const headId = ids.person(household.members[0].index);
      households.add([...base(householdId, context.since), household.number, household.address, grid.code, headId, household.linkedBy === null ? null : linkingIds[household.linkedBy]]);
      for (const member of household.members) {
        const isResidentDemo = member.index === RESIDENT_DEMO.personIndex;
        writePerson(
          {
            id: ids.person(member.index),
            name: isResidentDemo ? RESIDENT_DEMO.name : member.name,
            sex: isResidentDemo ? 'FEMALE' : member.sex,
            age: isResidentDemo ? 38 : member.age,
            status: member.status,
            gridCode: grid.code,
            householdId,
            address: household.address,
            userId: isResidentDemo ? RESIDENT_DEMO.userId : null,
            tags: isResidentDemo ? [] : member.tags,
            partyType: isResidentDemo ? null : member.partyType,
          },
          grid,
          village,
        );
      }
    }
    for (const member of gridTeam(context.seed, ids, grid).staff) {
      writePerson(
        {
          id: ids.staffPerson(grid.code, member.position),
          name: member.name,
          sex: member.sex,
          age: member.age,
          status: 'REGISTERED_RESIDENT',
          gridCode: grid.code,
          householdId: null,
          address: staffAddress(random, village, grid),
          userId: member.userId,
          tags: member.age >= 60 ? ['ELDERLY'] : [],
          // A part-time grid worker is often a party member without a post (DOMAIN.md §2).
          partyType: member.position === 2 ? 'WITHOUT_POST' : null,
        },
        grid,
        village,
      );
    }
    await readyAll([households, persons, residences, tags, memberships]);
  }
  for (const sink of [persons, residences, tags, memberships]) context.reporter.expect(sink, sink.rows);
  await Promise.all([households, persons, residences, tags, memberships].map((sink) => sink.end()));
}

function staffAddress(random: Random, village: VillagePlan, grid: GridPlan): string {
  return village.urban ? `${random.pick(village.streets)}${random.int(1, 300)}号` : `${village.name}${Number(grid.code.slice(12))}组${random.int(1, 200)}号`;
}

async function readyAll(sinks: CopySink[]): Promise<void> {
  await Promise.all(sinks.map((sink) => sink.ready()));
}
