// Creates every domain's stream and DEAD_LETTERS as the setup user (issue 14: services may not):
//   node tools/nats/setup-streams.ts            (NATS_URL, NATS_CREDENTIALS_DIR or NATS_USER/NATS_PASSWORD)
// The domains are the publishers of tools/nats/nats-users.json. Needs libs/events built.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { connectNats, NATS_SETUP_USER, type NatsUserAccess, setupStreams } from '@lianxin/events';

const here = dirname(fileURLToPath(import.meta.url));
const { users } = JSON.parse(readFileSync(join(here, 'nats-users.json'), 'utf8')) as { users: Record<string, NatsUserAccess> };
const domains = Object.values(users).flatMap((access) => (access.publishes ? [access.publishes] : []));
const nc = await connectNats({ url: process.env.NATS_URL, user: NATS_SETUP_USER, name: 'lianxin-setup' });
try {
  const streams = await setupStreams(nc, domains);
  console.error(`[nats] streams ready: ${streams.join(', ')}`);
} finally {
  await nc.close();
}
