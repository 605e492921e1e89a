import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { print } from 'graphql';
import * as operations from './generated/graphql.js';

/** liveClient({ persisted: true }) sends sha256(print(document)): it must be the id the gateway registered. */
describe('live subscriptions of libs/client as trusted documents', () => {
  const manifest = JSON.parse(readFileSync(join(process.cwd(), 'gateway', 'persisted-operations.json'), 'utf8')) as { operations: Array<{ id: string; name: string; type: string }> };
  const subscriptions = manifest.operations.filter((operation) => operation.type === 'subscription');

  it('registers every subscription of live.graphql', () => {
    expect(subscriptions.map((operation) => operation.name)).toEqual(expect.arrayContaining(['CaseBoard', 'CasesAwaitingMyAction', 'MyCaseProgress', 'ServiceOrdersInMyVillage']));
  });

  it.each(subscriptions.map((operation) => [operation.name, operation.id] as const))('%s: the printed document hashes to its registered id', (name, id) => {
    const document = (operations as Record<string, unknown>)[`${name}Document`];
    expect(document).toBeDefined();
    expect(createHash('sha256').update(print(document as Parameters<typeof print>[0])).digest('hex')).toBe(id);
  });
});
