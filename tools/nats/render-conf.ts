// Writes nats-server's authorization block for the development and test stacks (issue 14):
//   node tools/nats/render-conf.ts <credentials-dir> <out.conf>
// One user per service from tools/nats/nats-users.json, plus the setup user; each user's password is
// <credentials-dir>/<user>.password, generated (random, mode 0600) when missing. Services find theirs through
// NATS_CREDENTIALS_DIR (libs/events natsCredentials). deploy/ takes them from Secrets instead (deploy/README.md).
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NATS_SETUP_USER, natsAuthorizationConfig, type NatsUserAccess } from '../../libs/events/src/nats-access.ts';

const here = dirname(fileURLToPath(import.meta.url));
const [credentialsDir, out] = process.argv.slice(2);
if (!credentialsDir || !out) {
  console.error('usage: node tools/nats/render-conf.ts <credentials-dir> <out.conf>');
  process.exit(2);
}
const { users } = JSON.parse(readFileSync(join(here, 'nats-users.json'), 'utf8')) as { users: Record<string, NatsUserAccess> };
mkdirSync(credentialsDir, { recursive: true, mode: 0o700 });
const passwords: Record<string, string> = {};
for (const user of [NATS_SETUP_USER, ...Object.keys(users)]) {
  const file = join(credentialsDir, `${user}.password`);
  if (!existsSync(file)) writeFileSync(file, `${randomBytes(24).toString('base64url')}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  passwords[user] = readFileSync(file, 'utf8').trim();
}
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, natsAuthorizationConfig(users, passwords), { mode: 0o600 });
