import { DiscardPolicy, type JetStreamClient, type JetStreamManager, RetentionPolicy, StorageType } from '@nats-io/jetstream';
import { headers as natsHeaders, nanos } from '@nats-io/transport-node';
import { isApiError } from './streams.js';
import { JetStreamApiCodes } from '@nats-io/jetstream';

/**
 * Events a consumer could not apply go to one stream, `DEAD_LETTERS`, on `dlq.<consumer>.<original subject>`,
 * with the original body and headers saying why. Kept 30 days; an operator inspects them
 * (`nats stream view DEAD_LETTERS`) and republishes the fixed event to its original subject.
 */
export const DEAD_LETTER_STREAM = 'DEAD_LETTERS';
export const DEAD_LETTER_SUBJECT_PREFIX = 'dlq';
export const DEAD_LETTER_MAX_AGE_MS = 30 * 24 * 3600_000;

export type DeadLetterReason = 'malformed-envelope' | 'invalid-event' | 'handler-failed';

export const DEAD_LETTER_HEADERS = {
  consumer: 'Lianxin-Dlq-Consumer',
  reason: 'Lianxin-Dlq-Reason',
  detail: 'Lianxin-Dlq-Detail',
  subject: 'Lianxin-Dlq-Subject',
  stream: 'Lianxin-Dlq-Stream',
  sequence: 'Lianxin-Dlq-Sequence',
  deliveries: 'Lianxin-Dlq-Deliveries',
} as const;

export function deadLetterSubject(consumer: string, subject: string): string {
  return `${DEAD_LETTER_SUBJECT_PREFIX}.${consumer}.${subject}`;
}

/** Creates the dead-letter stream if it does not exist (the setup job does; a consumer tries too, for development). */
export async function ensureDeadLetterStream(jsm: JetStreamManager): Promise<void> {
  try {
    await jsm.streams.info(DEAD_LETTER_STREAM);
    return;
  } catch (error) {
    if (!isApiError(error, JetStreamApiCodes.StreamNotFound)) throw error;
  }
  try {
    await jsm.streams.add({
      name: DEAD_LETTER_STREAM,
      subjects: [`${DEAD_LETTER_SUBJECT_PREFIX}.>`],
      storage: StorageType.File,
      retention: RetentionPolicy.Limits,
      discard: DiscardPolicy.Old,
      max_age: nanos(DEAD_LETTER_MAX_AGE_MS),
      duplicate_window: nanos(2 * 60_000),
      num_replicas: 1,
    });
  } catch (error) {
    await jsm.streams.info(DEAD_LETTER_STREAM).catch(() => {
      throw error;
    });
  }
}

export interface DeadLetter {
  consumer: string;
  reason: DeadLetterReason;
  detail: string;
  subject: string;
  stream: string;
  sequence: number;
  deliveries: number;
  body: Uint8Array;
}

/** Publishes the dead letter and waits for JetStream to store it (de-duplicated per consumer and stream sequence). */
export async function publishDeadLetter(js: JetStreamClient, letter: DeadLetter): Promise<void> {
  const h = natsHeaders();
  h.set(DEAD_LETTER_HEADERS.consumer, letter.consumer);
  h.set(DEAD_LETTER_HEADERS.reason, letter.reason);
  // Header values are one line of limited length.
  h.set(DEAD_LETTER_HEADERS.detail, letter.detail.replace(/[\r\n]+/g, ' ').slice(0, 500));
  h.set(DEAD_LETTER_HEADERS.subject, letter.subject);
  h.set(DEAD_LETTER_HEADERS.stream, letter.stream);
  h.set(DEAD_LETTER_HEADERS.sequence, String(letter.sequence));
  h.set(DEAD_LETTER_HEADERS.deliveries, String(letter.deliveries));
  await js.publish(deadLetterSubject(letter.consumer, letter.subject), letter.body, {
    headers: h,
    msgID: `${letter.consumer}:${letter.stream}:${letter.sequence}`,
  });
}
