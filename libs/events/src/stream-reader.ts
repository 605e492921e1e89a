import { jetstream, jetstreamManager, type ConsumerMessages, type JsMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { parseEnvelope, type EventEnvelope } from './envelope.js';

export { connectNats, NatsConnector } from './nats-connection.js';
export type { NatsConnection };

/**
 * Reading a stream without consuming it (the gateway's live feed, issue 16): ephemeral ordered consumers
 * from any start sequence, nothing acknowledged, so readers never disturb the services' durable consumers.
 * The user needs a `readers` line for the stream in tools/nats/nats-users.json. Loaded as
 * `@lianxin/events/reader`: it pulls in no ORM.
 */
export interface StreamMessage {
  seq: number;
  subject: string;
  /** The envelope, or null when the message is not one. */
  envelope: EventEnvelope<Record<string, unknown>> | null;
  /** When JetStream stored it, epoch ms. */
  storedAt: number;
  /** Messages of the filter still after this one (0: caught up). */
  pending: number;
}

function toMessage(message: JsMsg): StreamMessage {
  let envelope: EventEnvelope<Record<string, unknown>> | null = null;
  try {
    envelope = parseEnvelope<Record<string, unknown>>(message.data);
  } catch {
    envelope = null;
  }
  return { seq: message.seq, subject: message.subject, envelope, storedAt: message.info.timestampNanos / 1e6, pending: message.info.pending };
}

/** First and last sequence of a stream. */
export async function streamBounds(nc: NatsConnection, stream: string): Promise<{ firstSeq: number; lastSeq: number }> {
  const info = await (await jetstreamManager(nc)).streams.info(stream);
  return { firstSeq: info.state.first_seq, lastSeq: info.state.last_seq };
}

export interface StreamFollower {
  messages: AsyncIterable<StreamMessage>;
  close(): Promise<void>;
}

/**
 * Follows a stream from `startSeq` on (an ordered consumer: the client recreates it from the last sequence
 * seen after a NATS restart, so nothing is skipped or repeated).
 */
export async function followStream(nc: NatsConnection, options: { stream: string; filterSubject: string; startSeq: number; namePrefix: string }): Promise<StreamFollower> {
  const consumer = await jetstream(nc).consumers.get(options.stream, { filter_subjects: options.filterSubject, opt_start_seq: options.startSeq, name_prefix: options.namePrefix });
  const messages: ConsumerMessages = await consumer.consume({ max_messages: 1000 });
  return {
    messages: (async function* () {
      for await (const message of messages) yield toMessage(message);
    })(),
    close: async () => {
      await messages.close().catch(() => undefined);
    },
  };
}

/** The messages with after < seq ≤ until, read once with a short-lived ordered consumer (deleted after). */
export async function* readStreamRange(
  nc: NatsConnection,
  options: { stream: string; filterSubject: string; after: number; until: number; namePrefix: string; batch?: number },
): AsyncGenerator<StreamMessage> {
  const consumer = await jetstream(nc).consumers.get(options.stream, { filter_subjects: options.filterSubject, opt_start_seq: options.after + 1, name_prefix: options.namePrefix });
  try {
    while (true) {
      const batch = await consumer.fetch({ max_messages: options.batch ?? 500, expires: 2_000 });
      let got = 0;
      for await (const raw of batch) {
        got += 1;
        if (raw.seq > options.until) return;
        const message = toMessage(raw);
        yield message;
        if (message.seq >= options.until || message.pending === 0) return;
      }
      if (got === 0) return;
    }
  } finally {
    await consumer.delete().catch(() => undefined);
  }
}
