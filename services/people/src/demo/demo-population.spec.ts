import { DEMO_RESIDENTS_BY_GRID } from '@lianxin/db';
import { checkIdNumber } from '../personal-data/id-number.js';
import { personIdFor } from './deterministic-id.js';
import { ageOnReferenceDay, DEMO_ACCOUNTS, DEMO_GRID_CODES, demoPopulation, VOLUNTEER_DEMO_ACCOUNT, type DemoPerson } from './demo-population.js';

describe('demo population', () => {
  const population = demoPopulation();
  const people: DemoPerson[] = [...population.households.flatMap((household) => household.members), ...population.staff];
  const share = (tag: string) => people.filter((person) => person.tags.includes(tag)).length / people.length;

  it('numbers the residents of each grid as @lianxin/db DEMO_RESIDENTS_BY_GRID says (other services pick reporters from it)', () => {
    const numbers = new Map<string, number[]>();
    for (const person of population.households.flatMap((household) => household.members)) {
      const match = /^resident:(\d+)$/.exec(person.key);
      if (match) numbers.set(person.gridCode, [...(numbers.get(person.gridCode) ?? []), Number(match[1])]);
    }
    const table = Object.fromEntries([...numbers].map(([gridCode, list]) => [gridCode, { first: Math.min(...list), count: list.length }]));
    expect(table).toEqual(DEMO_RESIDENTS_BY_GRID);
    // Contiguous: first … first + count - 1, one grid after another.
    for (const [gridCode, list] of numbers) expect(Math.max(...list) - DEMO_RESIDENTS_BY_GRID[gridCode].first + 1).toBe(list.length);
  });

  it('is the same on every run', () => {
    const again = demoPopulation();
    expect(again.households.map((household) => household.members.map((person) => [person.id, person.name, person.idNumber, person.tags]))).toEqual(
      population.households.map((household) => household.members.map((person) => [person.id, person.name, person.idNumber, person.tags])),
    );
  });

  it('has about a thousand households and three thousand people over the 27 demo grids', () => {
    expect(DEMO_GRID_CODES).toHaveLength(27);
    expect(population.households).toHaveLength(999);
    expect(people.length).toBeGreaterThan(2700);
    expect(people.length).toBeLessThan(3600);
    expect(new Set(people.map((person) => person.gridCode))).toEqual(new Set(DEMO_GRID_CODES));
  });

  it('gives everyone a valid, unique ID number of region 330402 that matches the birth date and sex', () => {
    for (const person of people) {
      expect(checkIdNumber(person.idNumber, person.birthDate)).toMatchObject({ valid: true, regionCode: '330402', sex: person.sex });
    }
    expect(new Set(people.map((person) => person.idNumber)).size).toBe(people.length);
    expect(new Set(people.map((person) => person.id)).size).toBe(people.length);
  });

  it('tags in realistic proportions', () => {
    expect(share('ELDERLY')).toBeGreaterThan(0.15);
    expect(share('ELDERLY')).toBeLessThan(0.21);
    expect(people.filter((person) => ageOnReferenceDay(person.birthDate) >= 60).every((person) => person.tags.includes('ELDERLY'))).toBe(true);
    expect(share('LIVING_ALONE_ELDERLY')).toBeGreaterThan(0.02);
    expect(share('LIVING_ALONE_ELDERLY')).toBeLessThan(0.045);
    for (const tag of ['LEFT_BEHIND_CHILD', 'DISABLED', 'LOW_INCOME']) {
      expect(share(tag)).toBeGreaterThan(0.01);
      expect(share(tag)).toBeLessThan(0.035);
    }
    expect(share('VETERAN')).toBeGreaterThan(0.004);
    expect(share('VETERAN')).toBeLessThan(0.02);
    for (const tag of ['COMMUNITY_CORRECTION', 'RELEASED_PRISONER', 'DRUG_REHAB', 'SEVERE_MENTAL_ILLNESS']) {
      expect(share(tag)).toBeGreaterThan(0);
      expect(share(tag)).toBeLessThan(0.006);
    }
  });

  it('has party members, two linking members per grid, and links every household', () => {
    const members = people.filter((person) => person.party);
    expect(members.length / people.length).toBeGreaterThan(0.03);
    expect(members.filter((person) => person.party!.type === 'HOUSEHOLD_LINKING')).toHaveLength(54);
    expect(members.filter((person) => person.party!.type === 'IN_SERVICE').every((person) => person.party!.reportedToAreaCode && person.party!.workUnit)).toBe(true);
    const byId = new Map(people.map((person) => [person.id, person]));
    for (const household of population.households) {
      const linking = byId.get(household.linkingPartyMemberId!)!;
      expect(linking.gridCode).toBe(household.gridCode);
      expect(linking.party?.type).toBe('HOUSEHOLD_LINKING');
    }
  });

  it('includes resident.demo and the grid staff the grids service refers to', () => {
    const resident = people.find((person) => person.userId === '00000000-0000-4000-8000-000000000014')!;
    expect(resident).toMatchObject({ id: personIdFor('resident:demo'), gridCode: '330402001001001', name: '陈晓梅' });
    expect(population.staff).toHaveLength(27 * 6);
    expect(population.staff[0]).toMatchObject({ id: '93c3738b-6cb4-5f57-8a0f-97be9e4d942a', name: '黄晓明', userId: '00000000-0000-4000-8000-000000000008' });
    expect(population.staff.map((person) => person.key)).toContain('staff:330402003003003:5');
  });

  it('§8.7 links each demo login that acts as a person to exactly one person: resident.demo, volunteer.demo, the demo grid staff', () => {
    const population = demoPopulation();
    const everyone = [...population.households.flatMap((household) => household.members), ...population.staff];
    const linked = everyone.filter((person) => person.userId !== null);
    expect(new Set(linked.map((person) => person.userId)).size).toBe(linked.length);
    expect(linked.find((person) => person.userId === VOLUNTEER_DEMO_ACCOUNT.userId)).toMatchObject({ id: personIdFor('resident:48'), gridCode: '330402001001001' });
    expect(linked.map((person) => person.userId).sort()).toEqual(
      [...Object.values(DEMO_ACCOUNTS).map((account) => account.userId), VOLUNTEER_DEMO_ACCOUNT.userId].sort(),
    );
  });
});
