import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadOperationLimits, loadSubgraphCallLimits } from '../../gateway/src/limits.js';
import { loadRateLimitSettings } from '../../gateway/src/rate-limit.js';
import { loadLiveSettings } from '../../gateway/src/live/live.js';
import { CLOCK_TOLERANCE_SECONDS } from '../../libs/auth/src/token-verifier.js';
import { DEFAULT_MAX_DELIVER } from '../../libs/events/src/consumer.js';
import { DEFAULT_LINK_TTL_SECONDS, MAX_EXPORT_ATTEMPTS } from '../../libs/exports/src/export-runner.js';
import { MAX_PAGE_SIZE } from '../../libs/graphql/src/connection.js';
import { MAX_QUERY_COST, MAX_QUERY_DEPTH } from '../../libs/graphql/src/limits.js';
import { IDEMPOTENCY_KEY_PATTERN, occurredAtLimits } from '../../libs/graphql/src/offline-write.js';
import { MAX_SYNC_ITEMS } from '../../services/grids/src/field-sync/field-sync.inputs.js';
import { LOOKUP_GRANT_DAYS, LOOKUPS_PER_HOUR } from '../../services/people/src/access/person-field.policy.js';
import { LINK_CODE_LENGTH, LINK_CODE_VALID_DAYS, WRONG_LINK_TRIES_PER_HOUR } from '../../services/people/src/account/link-code.js';
import { SOURCE_LIMITS } from '../../services/people/src/import/import-source.js';

/**
 * Issue 21, "the README's numbers made to match the code": the numbers README.md states as defaults and
 * limits, read from the code that applies them. A change of either side fails here until the other
 * follows. The README's whitespace is collapsed, so re-wrapping a paragraph changes nothing; a claim is
 * found by its anchor (usually the variable that sets it) with the number within a few words of it.
 */
const root = join(import.meta.dirname, '..', '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8').replace(/\s+/g, ' ');
const stackSh = readFileSync(join(root, 'tools', 'stack.sh'), 'utf8');

/** 20000 → "20,000" as the README writes it. */
const n = (value: number) => value.toLocaleString('en-US');
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whether some occurrence of `anchor` has `value` (a whole number, not part of a longer one) within `radius` characters. */
function stated(anchor: string, value: string, radius = 60): boolean {
  const number = new RegExp(`(?<![\\d,.])${escape(value)}(?!\\d|[,.]\\d)`);
  for (let at = readme.indexOf(anchor); at >= 0; at = readme.indexOf(anchor, at + 1)) {
    if (number.test(readme.slice(Math.max(0, at - radius), at + anchor.length + radius))) return true;
  }
  return false;
}

/**
 * The claims that do not hold (empty when the README matches the code): [anchor, value] pairs, or a phrase
 * the README must contain word for word (where two numbers sit close together and could stand in for each other).
 */
const unmatched = (claims: Array<[string, string] | string>) =>
  claims
    .filter((claim) => (typeof claim === 'string' ? !readme.includes(claim) : !stated(claim[0], claim[1])))
    .map((claim) => (typeof claim === 'string' ? `"${claim}"` : `${claim[1]} near ${claim[0]}`));

const shellNumber = (name: string) => Number(new RegExp(`^${name}=(\\d+)`, 'm').exec(stackSh)?.[1]);

describe('issue 21: the numbers in README.md are the code\'s', () => {
  it('the gateway\'s limits per operation ("The gateway under abuse")', () => {
    const limits = loadOperationLimits({});
    expect(unmatched([
      ['lexer tokens (`GATEWAY_MAX_TOKENS`', n(limits.maxTokens)],
      ['aliases (`GATEWAY_MAX_ALIASES`)', n(limits.maxAliases)],
      ['root fields', n(limits.maxRootFields)],
      ['directives', n(limits.maxDirectives)],
      ['`__schema`/`__type` fields', n(limits.maxIntrospectionFields)],
      ['(`GRAPHQL_MAX_DEPTH`)', n(limits.maxDepth)],
      ['(`GRAPHQL_MAX_COST`', n(limits.maxCost)],
      ['default page size of', n(limits.defaultPageSize)],
      ['MiB (`GATEWAY_MAX_RESPONSE_BYTES`', n(limits.maxResponseBytes / 1024 / 1024)],
      ['MiB per request', n(limits.maxSubgraphResponseBytes / 1024 / 1024)],
      // Architecture decisions repeat depth and cost.
      ['Depth (', n(MAX_QUERY_DEPTH)],
      ['and cost (', n(MAX_QUERY_COST)],
    ])).toEqual([]);
  });

  it('the gateway\'s subgraph timeouts, budget and breaker, in production and in development and test', () => {
    const production = loadSubgraphCallLimits({ NODE_ENV: 'production' });
    const test = loadSubgraphCallLimits({ NODE_ENV: 'test' });
    expect(unmatched([
      `${n(production.queryTimeoutMs / 1000)} s (\`GATEWAY_SUBGRAPH_TIMEOUT_MS\`; ${n(test.queryTimeoutMs / 1000)} s in development and test)`,
      `${n(production.queryBudgetMs / 1000)} s budget (\`GATEWAY_REQUEST_BUDGET_MS\`; ${n(test.queryBudgetMs / 1000)} s in development and test)`,
      `${n(production.mutationTimeoutMs / 1000)} s (\`GATEWAY_MUTATION_TIMEOUT_MS\`)`,
      ['consecutive failures (`GATEWAY_BREAKER_FAILURES`)', n(production.breakerFailures)],
      ['(`GATEWAY_BREAKER_OPEN_MS`)', n(production.breakerOpenMs / 1000)],
    ])).toEqual([]);
  });

  it('the gateway\'s rate limits and the live subscriptions\' bounds', () => {
    const rates = loadRateLimitSettings({}, 'production');
    const live = loadLiveSettings({});
    expect(unmatched([
      `(${rates.user!.rate}/s, burst ${rates.user!.burst}: \`GATEWAY_RATE_LIMIT_USER=rate,burst\`)`,
      `(${rates.address!.rate}/s, burst ${rates.address!.burst}: \`GATEWAY_RATE_LIMIT_ADDRESS\``,
      ['(`GATEWAY_RATE_LIMIT_SYNC_MS`)', n(rates.syncMs)],
      ['`LIVE_RING_EVENTS` (', n(live.ringEvents)],
      ['`LIVE_BUFFER_EVENTS`, ', n(live.bufferEvents)],
      ['`LIVE_MAX_SUBSCRIPTIONS_PER_USER` (', n(live.maxPerUser)],
    ])).toEqual([]);
  });

  it('tokens, events, lists, offline writes, exports, imports and personal data', () => {
    const occurredAt = occurredAtLimits({});
    const [, shortest, longest] = /\{(\d+),(\d+)\}/.exec(IDEMPOTENCY_KEY_PATTERN.source)!;
    expect(unmatched([
      ['s of clock tolerance', n(CLOCK_TOLERANCE_SECONDS)],
      ['delivery (`max_deliver`', `${DEFAULT_MAX_DELIVER}th`],
      ['(`first` ≤', n(MAX_PAGE_SIZE)],
      ['UUID; 8–128 of', `${shortest}–${longest}`],
      ['minutes ahead, `OCCURRED_AT_MAX_FUTURE_MS`', n(occurredAt.maxFutureMs / 60_000)],
      ['days, `OCCURRED_AT_MAX_AGE_DAYS`', n(occurredAt.maxAgeMs / 86_400_000)],
      ['sends up to', n(MAX_SYNC_ITEMS)],
      ['minutes (`EXPORT_LINK_TTL_SECONDS`)', n(DEFAULT_LINK_TTL_SECONDS / 60)],
      ['it is FAILED', n(MAX_EXPORT_ATTEMPTS)],
      ['Imports bound the inflated size', n(SOURCE_LIMITS.maxDecompressedBytes / 1024 / 1024)],
      ['rows (', n(SOURCE_LIMITS.maxRows - 1)], // the header row is the one more the reader allows
      ['zip entries (', n(SOURCE_LIMITS.maxZipEntries)],
      ['per user per hour', n(LOOKUPS_PER_HOUR)],
      ['days, a person they looked up', n(LOOKUP_GRANT_DAYS)],
      ['characters, stored hashed', n(LINK_CODE_LENGTH)],
      ['days, one per person', n(LINK_CODE_VALID_DAYS)],
      ['wrong codes per account', ['zero', 'one', 'two', 'three', 'four', 'Five'][WRONG_LINK_TRIES_PER_HOUR] ?? n(WRONG_LINK_TRIES_PER_HOUR)],
    ])).toEqual([]);
  });

  it('every subgraph\'s port in the layout, and the test stack\'s ports and slots', () => {
    const ports = readdirSync(join(root, 'services'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .flatMap((entry) => {
        try {
          return [[entry.name, (JSON.parse(readFileSync(join(root, 'services', entry.name, 'package.json'), 'utf8')) as { lianxin: { port: number } }).lianxin.port] as const];
        } catch {
          return [];
        }
      });
    expect(ports.length).toBeGreaterThan(5);
    const layout = ports.filter(([name, port]) => !new RegExp(`services/${name}/ .*?:${port}(?!\\d)`).test(readme.slice(readme.indexOf(`services/${name}/ `), readme.indexOf(`services/${name}/ `) + 200)));
    expect(layout).toEqual([]);

    const gateway = shellNumber('GATEWAY_PORT');
    const offset = Number(/TEST_PORT_OFFSET=\$\(\((\d+) \+ (\d+) \* TEST_SLOT\)\)/.exec(stackSh)?.[1]);
    const perSlot = Number(/TEST_PORT_OFFSET=\$\(\((\d+) \+ (\d+) \* TEST_SLOT\)\)/.exec(stackSh)?.[2]);
    const [, nats, natsPerSlot] = /TEST_NATS_PORT=\$\(\((\d+) \+ (\d+) \* TEST_SLOT\)\)/.exec(stackSh)!;
    const firstSubgraph = Math.min(...ports.map(([, port]) => port));
    expect(unmatched([
      ['GraphQL gateway |', `${gateway}`],
      ['its own ports (gateway', `${gateway + offset}`],
      ['its own ports (gateway', `${firstSubgraph + offset}`],
      ['its own nats-server (port', nats],
      [`(${nats} + ${natsPerSlot}N)`, nats],
      ['shifted by', `${perSlot}·N`],
    ])).toEqual([]);
    // The slots README names (LIANXIN_TEST_SLOT=1..9) are the ones stack.sh accepts (0 is the default).
    expect(stackSh).toContain('[[ "$TEST_SLOT" =~ ^[0-9]$ ]]');
    expect(readme).toContain('`LIANXIN_TEST_SLOT=1..9`');
  });

  it('the Node version ./lianxin installs', () => {
    const version = /^NODE_VERSION="([\d.]+)"/m.exec(readFileSync(join(root, 'lianxin'), 'utf8'))![1];
    expect(readme).toContain(`Node ${version}`);
    expect(readme.match(/Node 24\.\d+\.\d+/g)?.every((mention) => mention === `Node ${version}`)).toBe(true);
  });
});
