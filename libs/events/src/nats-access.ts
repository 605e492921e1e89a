/**
 * NATS users and their permissions (issue 14): each service connects as its own user, publishes only its
 * own domain and consumes only through its declared durable consumers; stream administration belongs to
 * the setup user (the migration/setup job). Pure functions without imports, so tools/nats/render-conf.ts
 * can load this file directly (node's type stripping). The table is tools/nats/nats-users.json.
 */

/** Stream administration, and publishing anything (the setup job; tests that inject events). */
export const NATS_SETUP_USER = 'setup';
export const NATS_DEAD_LETTER_STREAM = 'DEAD_LETTERS';

export interface NatsConsumerAccess {
  stream: string;
  durable: string;
  filterSubject: string;
}

export interface NatsUserAccess {
  /** The domain whose events the user publishes (`<domain>.>`), if any. */
  publishes?: string;
  consumers?: NatsConsumerAccess[];
  /** JetStream KV buckets the user reads and writes (the gateway's rate limits). */
  kvBuckets?: string[];
  /**
   * Streams the user reads with ephemeral ordered consumers (no acks, any start sequence, filtered by
   * `filterSubject`): the gateway's live feed (gateway/src/live). Read-only: nothing is acknowledged.
   */
  readers?: NatsReaderAccess[];
}

export interface NatsReaderAccess {
  stream: string;
  filterSubject: string;
}

export interface NatsPermissions {
  publish: { allow: string[] };
  subscribe: { allow: string[] };
}

const USER = /^[a-z][a-z0-9_-]*$/;

/** Replies to a user's requests come to its own inbox prefix, which only it may subscribe to. */
export function natsInboxPrefix(user: string): string {
  return `_INBOX_${user.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

function streamOf(domain: string): string {
  return domain.toUpperCase().replace(/-/g, '_');
}

/** What one service user may publish and subscribe to. */
export function natsPermissions(user: string, access: NatsUserAccess): NatsPermissions {
  if (!USER.test(user)) throw new Error(`invalid NATS user name: ${user}`);
  const publish = new Set<string>(['$JS.API.INFO', `$JS.API.STREAM.INFO.${NATS_DEAD_LETTER_STREAM}`]);
  if (access.publishes) {
    publish.add(`${access.publishes}.>`);
    publish.add(`$JS.API.STREAM.INFO.${streamOf(access.publishes)}`);
  }
  for (const consumer of access.consumers ?? []) {
    const { stream, durable, filterSubject } = consumer;
    publish.add(`$JS.API.STREAM.INFO.${stream}`);
    publish.add(`$JS.API.CONSUMER.INFO.${stream}.${durable}`);
    // The filter is part of the create subject (nats-server 2.9+): the consumer cannot be widened.
    publish.add(`$JS.API.CONSUMER.CREATE.${stream}.${durable}.${filterSubject}`);
    publish.add(`$JS.API.CONSUMER.MSG.NEXT.${stream}.${durable}`);
    publish.add(`$JS.ACK.${stream}.${durable}.>`);
    publish.add(`dlq.${durable}.>`);
  }
  for (const { stream, filterSubject } of access.readers ?? []) {
    publish.add(`$JS.API.STREAM.INFO.${stream}`);
    // Ordered consumers are ephemeral, named by the client, with the filter in the create subject.
    publish.add(`$JS.API.CONSUMER.CREATE.${stream}.*.${filterSubject}`);
    publish.add(`$JS.API.CONSUMER.MSG.NEXT.${stream}.*`);
    publish.add(`$JS.API.CONSUMER.INFO.${stream}.*`);
    publish.add(`$JS.API.CONSUMER.DELETE.${stream}.*`);
  }
  for (const bucket of access.kvBuckets ?? []) {
    const stream = `KV_${bucket}`;
    publish.add(`$KV.${bucket}.>`);
    publish.add(`$JS.API.STREAM.INFO.${stream}`);
    // The bucket's own stream only (memory storage, recreated after a NATS restart by its user).
    publish.add(`$JS.API.STREAM.CREATE.${stream}`);
    publish.add(`$JS.API.DIRECT.GET.${stream}`);
    publish.add(`$JS.API.DIRECT.GET.${stream}.>`);
    publish.add(`$JS.API.STREAM.MSG.GET.${stream}`);
  }
  return { publish: { allow: [...publish] }, subscribe: { allow: [`${natsInboxPrefix(user)}.>`] } };
}

/** The setup user: everything (stream administration, publishing for tests and replays). */
export function natsSetupPermissions(): NatsPermissions {
  return { publish: { allow: ['>'] }, subscribe: { allow: ['>'] } };
}

/**
 * nats-server's `authorization { users = [...] }` block for the table, with each user's password (or a
 * `$VARIABLE` the server takes from its environment).
 */
export function natsAuthorizationConfig(users: Record<string, NatsUserAccess>, passwords: Record<string, string>): string {
  const entry = (user: string, permissions: NatsPermissions) => {
    const password = passwords[user];
    if (!password) throw new Error(`no password for NATS user ${user}`);
    const list = (subjects: string[]) => subjects.map((subject) => JSON.stringify(subject)).join(', ');
    return [
      `    {`,
      `      user: ${JSON.stringify(user)}`,
      // `$NAME` (deploy/: the server's environment, from a Secret) stays a variable reference, unquoted.
      `      password: ${/^\$[A-Z][A-Z0-9_]*$/.test(password) ? password : JSON.stringify(password)}`,
      `      permissions: {`,
      `        publish: { allow: [${list(permissions.publish.allow)}] }`,
      `        subscribe: { allow: [${list(permissions.subscribe.allow)}] }`,
      `      }`,
      `    }`,
    ].join('\n');
  };
  const entries = [entry(NATS_SETUP_USER, natsSetupPermissions()), ...Object.entries(users).map(([user, access]) => entry(user, natsPermissions(user, access)))];
  return [
    '# Users from tools/nats/nats-users.json: one per service plus the setup user; no anonymous access.',
    'authorization {',
    '  users = [',
    entries.join('\n'),
    '  ]',
    '}',
    '',
  ].join('\n');
}

export interface NatsCredentials {
  user: string;
  pass: string;
}

/** The environment variable / Secret key holding a user's password in deploy/ (`NATS_PASSWORD_CIVIL_AFFAIRS`). */
export function natsPasswordKey(user: string): string {
  return `NATS_PASSWORD_${user.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}
