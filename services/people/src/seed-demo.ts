import { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { NestFactory } from '@nestjs/core';
import { recordEvent } from '@lianxin/events';
import { pino } from 'pino';
import { recordAccountLinked } from './account/account-events.js';
import { AppModule } from './app.module.js';
import { DEMO_SINCE, demoPopulation, type DemoHousehold, type DemoPerson } from './demo/demo-population.js';
import { PeopleEvents, type HouseholdCreatedData, type PersonCareTagsData, type PersonRegisteredData } from './events/people-events.js';
import { INITIAL_TAGS } from './tag/tag-catalogue.js';
import { TagCategory } from './tag/tag-category.js';
import { Household } from './household/household.entity.js';
import { PartyMembership } from './party/party-membership.entity.js';
import { Person } from './person/person.entity.js';
import { Residence } from './person/residence.entity.js';
import { TagAssignment } from './person/tag-assignment.entity.js';
import { PersonalDataVault } from './personal-data/personal-data-vault.js';
import { sealIdNumber, sealPhone } from './personal-data/sealed-fields.js';

/**
 * Loads the demo population (src/demo/demo-population.ts), one grid per transaction with its events.
 * Ids are deterministic: households and persons that already exist are left alone, so it is safe to
 * run again (and after an import that registered some of the same ID numbers).
 */
const logger = pino({ name: 'people-seed' });
const app = await NestFactory.createApplicationContext(AppModule, { logger: false });
const orm = app.get(MikroORM);
const vault = app.get(PersonalDataVault);
const registeredAt = new Date(`${DEMO_SINCE}T00:00:00+08:00`);
const CARE_TAG_CODES = new Set(INITIAL_TAGS.filter((tag) => tag.category === TagCategory.VULNERABLE && !tag.sensitive).map((tag) => tag.code));

function addPerson(em: EntityManager, person: DemoPerson): void {
  em.create(Person, {
    id: person.id,
    name: person.name,
    sex: person.sex,
    birthDate: person.birthDate,
    ...sealIdNumber(vault, person.idNumber),
    ...sealPhone(vault, person.phone),
    address: person.address,
    gridCode: person.gridCode,
    residenceStatus: person.residenceStatus,
    householdId: person.householdId,
    userId: person.userId,
  });
  em.create(Residence, { personId: person.id, gridCode: person.gridCode, householdId: person.householdId, movedInAt: registeredAt, reason: 'demo data', recordedBy: 'system' });
  for (const tagCode of person.tags) em.create(TagAssignment, { personId: person.id, tagCode, validFrom: DEMO_SINCE, assignedBy: 'system' });
  if (person.party) em.create(PartyMembership, { personId: person.id, ...person.party });
  recordEvent<PersonRegisteredData>(em, {
    type: PeopleEvents.PERSON_REGISTERED,
    areaCode: person.gridCode,
    actor: 'system',
    data: {
      personId: person.id,
      gridCode: person.gridCode,
      householdId: person.householdId,
      residenceStatus: person.residenceStatus,
      version: 1,
      ...(person.userId ? { userId: person.userId } : {}),
    },
  });
  // §8.3: the care-relevant tags (non-sensitive VULNERABLE ones) for grids' care schedule, as PersonService publishes them.
  const careTags = person.tags.filter((code) => CARE_TAG_CODES.has(code)).sort();
  if (careTags.length > 0) {
    recordEvent<PersonCareTagsData>(em, {
      type: PeopleEvents.PERSON_CARE_TAGS,
      areaCode: person.gridCode,
      actor: 'system',
      data: { personId: person.id, householdId: person.householdId, gridCode: person.gridCode, tags: careTags, birthday: person.birthDate.slice(5, 10), version: 1 },
    });
  }
  // resident.demo and the demo grid staff are linked to their own persons (§8.7): say so to the person directories.
  if (person.userId) recordAccountLinked(em, 'system', { id: person.id, gridCode: person.gridCode, userId: person.userId, version: 1 });
}

function addHousehold(em: EntityManager, household: DemoHousehold): void {
  em.create(Household, {
    id: household.id,
    number: household.number,
    address: household.address,
    gridCode: household.gridCode,
    headId: household.headId,
    linkingPartyMemberId: household.linkingPartyMemberId,
  });
  recordEvent<HouseholdCreatedData>(em, {
    type: PeopleEvents.HOUSEHOLD_CREATED,
    areaCode: household.gridCode,
    actor: 'system',
    data: { householdId: household.id, gridCode: household.gridCode, headId: household.headId },
  });
}

try {
  const { households, staff } = demoPopulation();
  const grids = [...new Set(households.map((household) => household.gridCode))];
  const totals = { households: 0, persons: 0, skippedPersons: 0 };
  const started = Date.now();
  for (const [index, gridCode] of grids.entries()) {
    const gridHouseholds = households.filter((household) => household.gridCode === gridCode);
    const gridPeople = [...gridHouseholds.flatMap((household) => household.members), ...staff.filter((person) => person.gridCode === gridCode)];
    const created = await orm.em.fork().transactional(async (em) => {
      const existingHouseholds = new Set((await em.find(Household, { id: { $in: gridHouseholds.map((household) => household.id) } })).map((household) => household.id));
      const existingPersons = await em.find(Person, {
        $or: [{ id: { $in: gridPeople.map((person) => person.id) } }, { idNumberHash: { $in: gridPeople.flatMap((person) => vault.lookupHashes(person.idNumber)) } }],
      });
      const takenIds = new Set(existingPersons.map((person) => person.id));
      const takenHashes = new Set(existingPersons.map((person) => person.idNumberHash));
      const counts = { households: 0, persons: 0, skippedPersons: 0 };
      for (const household of gridHouseholds) {
        if (existingHouseholds.has(household.id)) continue;
        addHousehold(em, household);
        counts.households += 1;
      }
      for (const person of gridPeople) {
        if (takenIds.has(person.id)) continue;
        if (vault.lookupHashes(person.idNumber).some((hash) => takenHashes.has(hash))) {
          counts.skippedPersons += 1;
          continue;
        }
        addPerson(em, person);
        counts.persons += 1;
      }
      return counts;
    });
    totals.households += created.households;
    totals.persons += created.persons;
    totals.skippedPersons += created.skippedPersons;
    logger.info({ step: 'grids', gridCode, done: index + 1, total: grids.length, created }, 'seeding people');
  }
  logger.info({ ...totals, elapsedMs: Date.now() - started }, 'people demo data loaded');
} finally {
  await app.close();
}
