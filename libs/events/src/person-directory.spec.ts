import { createEnvelope } from './envelope.js';
import { eventShapeProblem } from './event-schema.js';
import { directoryChangesOf, PERSON_DIRECTORY_SCHEMAS, PersonDirectoryEvents } from './person-directory.js';

const personId = '3f2c7c1e-8a4b-4c1d-9e2f-0a1b2c3d4e5f';
const grid = '330402001001001';
const otherGrid = '330402001002001';

describe('§8.7 person directory: what each people event changes', () => {
  it('§8.7 a registered person gets their grid at the registered version; the account too when the event names one', () => {
    expect(directoryChangesOf({ type: PersonDirectoryEvents.PERSON_REGISTERED, data: { personId, gridCode: grid, version: 1 } })).toEqual([
      { kind: 'grid', personId, gridCode: grid, version: 1 },
    ]);
    expect(directoryChangesOf({ type: PersonDirectoryEvents.PERSON_REGISTERED, data: { personId, gridCode: grid, version: 1, userId: 'u-1' } })).toEqual([
      { kind: 'grid', personId, gridCode: grid, version: 1 },
      { kind: 'link', personId, version: 1, userId: 'u-1' },
    ]);
  });

  it('§8.7 a move changes the grid to the destination; a move without a version is marked as such', () => {
    expect(directoryChangesOf({ type: PersonDirectoryEvents.PERSON_MOVED, data: { personId, fromGridCode: grid, toGridCode: otherGrid, version: 3 } })).toEqual([
      { kind: 'grid', personId, gridCode: otherGrid, version: 3 },
    ]);
    expect(directoryChangesOf({ type: PersonDirectoryEvents.PERSON_MOVED, data: { personId, fromGridCode: grid, toGridCode: otherGrid, householdId: null } })).toEqual([
      { kind: 'grid', personId, gridCode: otherGrid, version: null },
    ]);
  });

  it('§8.7 linking sets the account, unlinking clears it; both carry the grid', () => {
    const data = { userId: 'u-1', personId, gridCode: grid, version: 4 };
    expect(directoryChangesOf({ type: PersonDirectoryEvents.ACCOUNT_LINKED, data })).toEqual([
      { kind: 'grid', personId, gridCode: grid, version: 4 },
      { kind: 'link', personId, version: 4, userId: 'u-1' },
    ]);
    expect(directoryChangesOf({ type: PersonDirectoryEvents.ACCOUNT_UNLINKED, data })).toEqual([
      { kind: 'grid', personId, gridCode: grid, version: 4 },
      { kind: 'link', personId, version: 4, userId: null },
    ]);
  });

  it('§8.7 other people events change nothing; malformed ones are named, not applied', () => {
    expect(directoryChangesOf({ type: 'people.person.updated', data: { personId, gridCode: grid, changed: ['phone'], version: 2 } })).toEqual([]);
    expect(directoryChangesOf({ type: 'people.household.created', data: { householdId: personId, gridCode: grid } })).toEqual([]);
    expect(directoryChangesOf({ type: PersonDirectoryEvents.PERSON_REGISTERED, data: { personId: 'x', gridCode: grid, version: 1 } })).toEqual({ problem: 'no person id' });
    expect(directoryChangesOf({ type: PersonDirectoryEvents.PERSON_REGISTERED, data: { personId, gridCode: '3304', version: 1 } })).toEqual({ problem: 'no 15-digit grid code' });
    expect(directoryChangesOf({ type: PersonDirectoryEvents.ACCOUNT_LINKED, data: { personId, gridCode: grid, version: 2 } })).toEqual({ problem: 'no user id' });
    expect(directoryChangesOf({ type: PersonDirectoryEvents.ACCOUNT_LINKED, data: { personId, gridCode: grid, userId: 'u-1' } })).toEqual({ problem: 'no version' });
  });

  it('§8.7 declares the shapes it reads: a malformed directory event is set aside before the handler, other people events pass', () => {
    const event = (type: string, data: unknown) => createEnvelope({ type, areaCode: grid, actor: 'system', data });
    expect(eventShapeProblem(PERSON_DIRECTORY_SCHEMAS, event(PersonDirectoryEvents.PERSON_REGISTERED, { personId, gridCode: grid, version: 1 }))).toBeNull();
    expect(eventShapeProblem(PERSON_DIRECTORY_SCHEMAS, event(PersonDirectoryEvents.PERSON_MOVED, { personId, toGridCode: otherGrid }))).toBeNull();
    expect(eventShapeProblem(PERSON_DIRECTORY_SCHEMAS, event(PersonDirectoryEvents.PERSON_REGISTERED, { personId: 'x', gridCode: grid, version: 1 }))).toMatch(/personId/);
    expect(eventShapeProblem(PERSON_DIRECTORY_SCHEMAS, event(PersonDirectoryEvents.ACCOUNT_LINKED, { personId, gridCode: grid, version: 1 }))).toMatch(/userId/);
    expect(eventShapeProblem(PERSON_DIRECTORY_SCHEMAS, event('people.person.updated', { personId, changed: ['phone'] }))).toBeNull();
  });
});
