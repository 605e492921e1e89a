import { writeCost } from './write-cost.js';

const visit = (n: number) => ({ visit: { householdId: `h${n}`, findings: `走访${n}`, idempotencyKey: `k${n}` } });
const items = (count: number) => Array.from({ length: count }, (_, index) => visit(index));
const SYNC = 'mutation Sync($input: SyncFieldWorkInput!) { syncFieldWork(input: $input) { created } }';

describe('write cost: what a request takes of the per-user rate limit (syncFieldWork batches)', () => {
  it('a query costs 1, however large, as every request did', () => {
    expect(writeCost('{ grids(first: 100) { edges { node { code } } } }').cost).toBe(1);
    expect(writeCost('query Q { a: viewer { id } b: viewer { id } }').cost).toBe(1);
    expect(writeCost(undefined).cost).toBe(1);
  });

  it('syncFieldWork costs its number of items: in variables, as a whole input or as the list alone, or written literally', () => {
    expect(writeCost(SYNC, { variables: { input: { items: items(40) } } })).toEqual({
      cost: 40,
      batches: [{ field: 'syncFieldWork', path: 'syncFieldWork.input.items', items: 40 }],
    });
    expect(writeCost('mutation ($items: [FieldWorkItemInput!]!) { syncFieldWork(input: { items: $items }) { created } }', { variables: { items: items(7) } }).cost).toBe(7);
    expect(
      writeCost('mutation { syncFieldWork(input: { items: [{ visit: { householdId: "a" } }, { visit: { householdId: "b" } }, { hazard: { gridCode: "1" } }] }) { created } }').cost,
    ).toBe(3);
    // Items given one by one as variables are still items of the list.
    expect(writeCost('mutation ($a: FieldWorkItemInput!, $b: FieldWorkItemInput!) { syncFieldWork(input: { items: [$a, $b] }) { created } }', { variables: { a: visit(1), b: visit(2) } }).cost).toBe(2);
  });

  it("a variable's default counts when the request leaves it out; a single item where a list goes is one item", () => {
    expect(writeCost('mutation ($input: SyncFieldWorkInput = { items: [{ visit: { householdId: "a" } }, { visit: { householdId: "b" } }] }) { syncFieldWork(input: $input) { created } }').cost).toBe(2);
    expect(writeCost(SYNC, { variables: { input: { items: visit(1) } } }).cost).toBe(1);
  });

  it('aliases and fragments do not hide writes: every root mutation field counts, each batch with its items', () => {
    const twice = 'mutation ($a: SyncFieldWorkInput!, $b: SyncFieldWorkInput!) { a: syncFieldWork(input: $a) { created } b: syncFieldWork(input: $b) { created } }';
    expect(writeCost(twice, { variables: { a: { items: items(30) }, b: { items: items(30) } } }).cost).toBe(60);
    expect(writeCost('mutation { a: recordVisit(input: {}) { visit { id } } b: recordVisit(input: {}) { visit { id } } c: verifyCase(input: {}) { case { id } } }').cost).toBe(3);
    const fragment = 'mutation ($input: SyncFieldWorkInput!) { ...F ... on Mutation { again: syncFieldWork(input: $input) { created } } } fragment F on Mutation { syncFieldWork(input: $input) { created } }';
    expect(writeCost(fragment, { variables: { input: { items: items(5) } } }).cost).toBe(10);
    // A fragment that spreads itself (refused by validation later) does not loop here.
    expect(writeCost('mutation { ...F } fragment F on Mutation { recordVisit(input: {}) { visit { id } } ...F }').cost).toBe(1);
  });

  it('the operation the request names is the one that counts', () => {
    const document = `${SYNC} query Read { viewer { id } }`;
    expect(writeCost(document, { operationName: 'Read', variables: { input: { items: items(50) } } }).cost).toBe(1);
    expect(writeCost(document, { operationName: 'Sync', variables: { input: { items: items(50) } } }).cost).toBe(50);
  });

  it('what is not a valid request costs 1 (Apollo Server refuses it afterwards): no list, a syntax error, no operation chosen', () => {
    expect(writeCost(SYNC, { variables: {} }).cost).toBe(1);
    expect(writeCost(SYNC, { variables: { input: { items: null } } }).cost).toBe(1);
    expect(writeCost(SYNC, { variables: 'not an object' }).cost).toBe(1);
    expect(writeCost('mutation { syncFieldWork(input: ').cost).toBe(1);
    expect(writeCost(`${SYNC} mutation Other { recordVisit(input: {}) { visit { id } } }`, { variables: { input: { items: items(9) } } }).cost).toBe(1);
  });
});
