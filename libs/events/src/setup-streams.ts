import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { ensureDeadLetterStream } from './dead-letter.js';
import { ensureStream, type StreamOptions } from './streams.js';

/**
 * Stream administration, as the setup user (issue 14: services may not create or change streams): one
 * stream per publishing domain and the dead-letter stream. Idempotent; run by the stacks before the
 * services start (tools/nats/setup-streams.ts) and by the setup job in deploy/.
 */
export async function setupStreams(nc: NatsConnection, domains: string[], options: StreamOptions = {}): Promise<string[]> {
  const jsm = await jetstreamManager(nc);
  const streams: string[] = [];
  for (const domain of domains) streams.push(await ensureStream(jsm, domain, options));
  await ensureDeadLetterStream(jsm);
  return [...streams, 'DEAD_LETTERS'];
}
