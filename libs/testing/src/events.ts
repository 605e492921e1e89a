import { randomUUID } from 'node:crypto';
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
  const connection = await connect({ servers: natsUrl });
  try {
    const id = envelope.id ?? randomUUID();
    const body = { schemaVersion: 1, occurredAt: new Date().toISOString(), ...envelope, id };
    await jetstream(connection).publish(envelope.type, JSON.stringify(body), { msgID: id });
    return id;
  } finally {
    await connection.close();
  }
}
