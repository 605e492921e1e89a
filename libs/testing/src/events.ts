import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { jetstream } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';

/**
 * Publishes an event envelope straight to JetStream, as a redelivery or a replay would arrive
 * (a new envelope id for the same business fact), for tests of idempotent consumers.
 */
export async function publishEnvelope(
  natsUrl: string,
  envelope: { type: string; areaCode: string; actor: string; data: unknown; id?: string; occurredAt?: string },
): Promise<string> {
  const connection = await connect({ servers: natsUrl, ...setupCredentials() });
  try {
    const id = envelope.id ?? randomUUID();
    const body = { schemaVersion: 1, occurredAt: new Date().toISOString(), ...envelope, id };
    await jetstream(connection).publish(envelope.type, JSON.stringify(body), { msgID: id });
    return id;
  } finally {
    await connection.close();
  }
}

/**
 * The stacks' NATS has no anonymous access (issue 14): events are injected as the setup user, whose password
 * the stack keeps in NATS_CREDENTIALS_DIR (tools/nats/render-conf.ts). A private test server without users ignores them.
 */
function setupCredentials(): { user?: string; pass?: string } {
  const dir = process.env.NATS_CREDENTIALS_DIR;
  const file = dir ? join(dir, 'setup.password') : undefined;
  return file && existsSync(file) ? { user: 'setup', pass: readFileSync(file, 'utf8').trim() } : {};
}
