import {
  AckPolicy,
  DeliverPolicy,
  DiscardPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  type JetStreamManager,
  RetentionPolicy,
  StorageType,
} from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import { streamForDomain } from './envelope.js';

export interface StreamOptions {
  /** JetStream drops a second publish with the same Nats-Msg-Id within this window. */
  duplicateWindowMs?: number;
  /** 0 keeps messages until removed by hand. */
  maxAgeMs?: number;
}

export const DEFAULT_DUPLICATE_WINDOW_MS = 2 * 60_000;

export function isApiError(error: unknown, code: number): boolean {
  return error instanceof JetStreamApiError && error.code === code;
}

/** Creates the domain's stream if it does not exist; an existing stream is left as it is. */
export async function ensureStream(jsm: JetStreamManager, domain: string, options: StreamOptions = {}): Promise<string> {
  const { name, subjects } = streamForDomain(domain);
  try {
    await jsm.streams.info(name);
    return name;
  } catch (error) {
    if (!isApiError(error, JetStreamApiCodes.StreamNotFound)) throw error;
  }
  try {
    await jsm.streams.add({
      name,
      subjects,
      storage: StorageType.File,
      retention: RetentionPolicy.Limits,
      discard: DiscardPolicy.Old,
      duplicate_window: nanos(options.duplicateWindowMs ?? DEFAULT_DUPLICATE_WINDOW_MS),
      max_age: nanos(options.maxAgeMs ?? 0),
      num_replicas: 1,
    });
  } catch (error) {
    // Another replica may have created it in the meantime.
    await jsm.streams.info(name).catch(() => {
      throw error;
    });
  }
  return name;
}

export interface DurableConsumerConfig {
  stream: string;
  name: string;
  filterSubject: string;
  ackWaitMs: number;
  maxAckPending: number;
  /** Deliveries of one message before the server gives up on it (the consumer dead-letters it on the last one). */
  maxDeliver: number;
}

/** Creates the durable pull consumer, or updates its filter/ack/delivery settings if they changed. */
export async function ensureDurableConsumer(jsm: JetStreamManager, config: DurableConsumerConfig): Promise<void> {
  const wanted = {
    filter_subject: config.filterSubject,
    ack_wait: nanos(config.ackWaitMs),
    max_ack_pending: config.maxAckPending,
    max_deliver: config.maxDeliver,
  };
  try {
    const info = await jsm.consumers.info(config.stream, config.name);
    const current = info.config;
    if (
      current.filter_subject !== wanted.filter_subject ||
      current.ack_wait !== wanted.ack_wait ||
      current.max_ack_pending !== wanted.max_ack_pending ||
      current.max_deliver !== wanted.max_deliver
    ) {
      await jsm.consumers.update(config.stream, config.name, wanted);
    }
    return;
  } catch (error) {
    if (!isApiError(error, JetStreamApiCodes.ConsumerNotFound)) throw error;
  }
  await jsm.consumers.add(config.stream, {
    durable_name: config.name,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    ...wanted,
  });
}
