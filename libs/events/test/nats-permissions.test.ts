import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MikroORM } from '@mikro-orm/postgresql';
import { AckPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { pino } from 'pino';
import { z } from 'zod';
import { createTestDatabase, startNatsServer, type TestDatabase, type TestNatsServer } from '@lianxin/testing';
import { EventConsumer } from '../src/consumer.js';
import { DEAD_LETTER_STREAM } from '../src/dead-letter.js';
import { KvBucket } from '../src/kv-bucket.js';
import { NATS_SETUP_USER, natsAuthorizationConfig, type NatsCredentials, type NatsUserAccess } from '../src/nats-access.js';
import { connectNats, NatsConnector } from '../src/nats-connection.js';
import { OutboxRelay } from '../src/outbox-relay.js';
import { recordEvent } from '../src/record-event.js';
import { setupStreams } from '../src/setup-streams.js';
import { createSchema, effectCounts, NoteEffect, testLogger, waitFor } from './fixtures.js';

const TEST_TIMEOUT_MS = 30_000;
const { users } = JSON.parse(readFileSync(join(process.cwd(), 'tools', 'nats', 'nats-users.json'), 'utf8')) as { users: Record<string, NatsUserAccess> };

/** Issue 14: NATS with one user per service (tools/nats/nats-users.json), as the stacks run it. */
describe('NATS users and permissions', () => {
  let db: TestDatabase;
  let nats: TestNatsServer;
  let orm: MikroORM;
  const credentials: Record<string, NatsCredentials> = {};
  const open: NatsConnection[] = [];
  const as = async (user: string) => {
    const nc = await connectNats({ url: nats.url, credentials: credentials[user], name: `test-${user}` });
    open.push(nc);
    return nc;
  };
  const messagesIn = async (stream: string) => (await (await jetstreamManager(await as(NATS_SETUP_USER))).streams.info(stream)).state.messages;
  const verifiedEvent = (data: unknown) => JSON.stringify({ id: randomUUID(), type: 'cases.case.verified', occurredAt: new Date().toISOString(), areaCode: '330402001001001', actor: 'system', data, schemaVersion: 1 });

  beforeAll(async () => {
    for (const user of [NATS_SETUP_USER, ...Object.keys(users)]) credentials[user] = { user, pass: randomBytes(18).toString('base64url') };
    const configFile = join(mkdtempSync(join(tmpdir(), 'lianxin-nats-auth-')), 'auth.conf');
    writeFileSync(configFile, natsAuthorizationConfig(users, Object.fromEntries(Object.entries(credentials).map(([user, { pass }]) => [user, pass]))));
    [db, nats] = await Promise.all([createTestDatabase('events_nats_auth'), startNatsServer({ configFile })]);
    orm = await createSchema(db);
    // Stream administration is the setup user's: the setup job runs this before any service starts.
    const domains = Object.values(users).flatMap((access) => (access.publishes ? [access.publishes] : []));
    await setupStreams(await as(NATS_SETUP_USER), domains);
  }, TEST_TIMEOUT_MS);

  afterAll(async () => {
    await Promise.all(open.map((nc) => nc.close().catch(() => undefined)));
    await orm?.close(true);
    await nats?.dispose();
    await db?.drop();
  }, TEST_TIMEOUT_MS);

  it('refuses anonymous connections and wrong passwords', async () => {
    await expect(connect({ servers: nats.url, reconnect: false })).rejects.toThrow(/Authorization Violation/i);
    await expect(connect({ servers: nats.url, reconnect: false, user: 'cases', pass: 'guessed' })).rejects.toThrow(/Authorization Violation/i);
  });

  it('refuses a forged cases.case.verified from the volunteers user; the cases user publishes it', async () => {
    const before = await messagesIn('CASES');
    const forged = jetstream(await as('volunteers')).publish('cases.case.verified', verifiedEvent({ caseId: 'forged' }), { timeout: 2_000 });
    await expect(forged).rejects.toThrow(/permission|timeout|no responders/i);
    const alsoForged = jetstream(await as('assessments')).publish('cases.case.verified', verifiedEvent({ caseId: 'forged-2' }), { timeout: 2_000 });
    await expect(alsoForged).rejects.toThrow(/permission|timeout|no responders/i);
    expect(await messagesIn('CASES')).toBe(before);

    const ack = await jetstream(await as('cases')).publish('cases.case.verified', verifiedEvent({ caseId: 'real' }));
    expect(ack.stream).toBe('CASES');
    expect(await messagesIn('CASES')).toBe(before + 1);
  });

  it('a service cannot administer streams, widen its consumer or read through a consumer it did not declare', async () => {
    const jsm = await jetstreamManager(await as('volunteers'));
    await expect(jsm.streams.add({ name: 'EVIL', subjects: ['evil.>'] })).rejects.toThrow(/permission|timeout/i);
    await expect(jsm.streams.delete('CASES')).rejects.toThrow(/permission|timeout/i);
    await expect(jsm.streams.purge('CASES')).rejects.toThrow(/permission|timeout/i);
    // Its declared consumer, but with every case event instead of cases.case.verified.
    await expect(
      jsm.consumers.add('CASES', { durable_name: 'volunteers-case-verified', filter_subject: 'cases.>', ack_policy: AckPolicy.Explicit }),
    ).rejects.toThrow(/permission|timeout/i);
    // Another service's consumer.
    await expect(
      jsm.consumers.add('GRIDS', { durable_name: 'cases-grid-names', filter_subject: 'grids.grid.*', ack_policy: AckPolicy.Explicit }),
    ).rejects.toThrow(/permission|timeout/i);
    // Subscribing to the event subjects directly (around JetStream).
    const sniff = (await as('volunteers')).subscribe('cases.>');
    await expect(sniff.closed).resolves.toBeInstanceOf(Error);
  }, TEST_TIMEOUT_MS);

  it('the outbox relay publishes and the declared consumer applies, dead-letters included, as their own users', async () => {
    const cases = new NatsConnector({ url: nats.url, credentials: credentials.cases, logger: testLogger });
    const volunteers = new NatsConnector({ url: nats.url, credentials: credentials.volunteers, logger: testLogger });
    const relay = new OutboxRelay({ em: orm.em, nats: () => cases.connection(), domains: ['cases'], pollIntervalMs: 100, logger: testLogger });
    const consumer = new EventConsumer<{ noteId: string }>(
      {
        name: 'volunteers-case-verified',
        filterSubject: 'cases.case.verified',
        schemas: { 'cases.case.verified': { versions: [1], data: z.object({ noteId: z.uuid() }) } },
        handle: async (envelope, em) => {
          em.persist(em.create(NoteEffect, { eventId: envelope.id, noteId: envelope.data.noteId }));
        },
      },
      { em: orm.em, nats: () => volunteers.connection(), logger: testLogger, expiresMs: 1_000 },
    );
    cases.start();
    volunteers.start();
    relay.start();
    consumer.start();
    try {
      const event = await orm.em.fork().transactional((em) =>
        recordEvent(em, { type: 'cases.case.verified', areaCode: '330402001001001', actor: 'system', data: { noteId: randomUUID() } }),
      );
      await waitFor(() => effectCounts(orm), (counts) => counts.get(event.id) === 1);
      const deadBefore = await messagesIn(DEAD_LETTER_STREAM);
      await jetstream(await as(NATS_SETUP_USER)).publish('cases.case.verified', verifiedEvent({ noteId: 'not-a-uuid' }));
      await waitFor(() => messagesIn(DEAD_LETTER_STREAM), (n) => n === deadBefore + 1);
    } finally {
      await consumer.stop();
      await relay.stop();
      await Promise.all([cases.close(), volunteers.close()]);
    }
  }, TEST_TIMEOUT_MS);

  it('a consumer not declared in tools/nats/nats-users.json is refused, and the log says where to declare it', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'error' }, { write: (line: string) => lines.push(line) });
    const volunteers = new NatsConnector({ url: nats.url, credentials: credentials.volunteers, logger: testLogger });
    const consumer = new EventConsumer(
      { name: 'volunteers-undeclared', filterSubject: 'cases.case.verified', handle: async () => undefined },
      { em: orm.em, nats: () => volunteers.connection(), logger, retryBaseMs: 50, retryMaxMs: 100 },
    );
    consumer.start();
    try {
      await waitFor(async () => lines.join(''), (text) => text.includes('tools/nats/nats-users.json'));
      expect(lines.join('')).toContain('durable: volunteers-undeclared');
    } finally {
      await consumer.stop();
      await volunteers.close();
    }
  }, TEST_TIMEOUT_MS);

  it('the gateway user reaches its rate-limit bucket and nothing else', async () => {
    const gateway = await as('gateway');
    const bucket = await KvBucket.open(gateway, { bucket: 'gateway_rate_limits', ttlMs: 60_000, timeoutMs: 2_000 });
    const revision = await bucket.put('client-1', new TextEncoder().encode('5'), 0);
    expect(revision).toBeGreaterThan(0);
    expect(new TextDecoder().decode((await bucket.get('client-1'))!.value)).toBe('5');
    await expect(jetstream(gateway).publish('cases.case.verified', verifiedEvent({ caseId: 'x' }), { timeout: 2_000 })).rejects.toThrow(/permission|timeout|no responders/i);
  });
});
