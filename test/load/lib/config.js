// Settings shared by every scenario, from k6's environment (`k6 run -e NAME=value` or the shell).
// tools/bench/bench.sh sets them per target and rate step; the defaults suit a standalone run
// against the dev stack (`./lianxin up`).

/** Where the GraphQL requests go: the gateway, Hive Gateway or one subgraph's own /graphql. */
export const GRAPHQL_URL = __ENV.GRAPHQL_URL || 'http://127.0.0.1:4000/graphql';
/** Label of the target in summaries (apollo, hive, direct …). */
export const TARGET = __ENV.TARGET || 'apollo';

export const KEYCLOAK_URL = __ENV.KEYCLOAK_URL || 'http://127.0.0.1:58080';
export const KEYCLOAK_REALM = __ENV.KEYCLOAK_REALM || 'lianxin';
export const KEYCLOAK_CLIENT_ID = __ENV.KEYCLOAK_CLIENT_ID || 'lianxin-dev';
/** Every demo user has this password (tools/stack.sh print_welcome). */
export const DEMO_PASSWORD = __ENV.DEMO_PASSWORD || 'lianxin-demo';

/** Arrival rate (iterations per second) of the constant-arrival-rate executor. */
export const RATE = Number(__ENV.RATE || 50);
/** How long one rate step lasts. */
export const DURATION = __ENV.DURATION || '20s';
/** VU pool: the executor starts PRE_VUS and grows to MAX_VUS when responses slow down (2-core machine). */
export const PRE_VUS = Number(__ENV.PRE_VUS || 50);
export const MAX_VUS = Number(__ENV.MAX_VUS || 200);
/** p95 latency (ms) a step must stay under to count as sustained. */
export const P95_MS = Number(__ENV.P95_MS || 100);

/** PROBE=1: one iteration, to check the scenario works (or should be skipped) before a ladder. */
export const PROBE = __ENV.PROBE === '1';

/** Where handleSummary writes its JSON (relative to k6's working directory, normally the repo root). */
export const SUMMARY_FILE = __ENV.SUMMARY_FILE || '';
export const SUMMARY_DIR = __ENV.SUMMARY_DIR || '.lianxin/bench/k6';

/** Seconds, as a number, from a k6 duration string ("20s", "1m30s", "500ms"). */
export function durationSeconds(text) {
  let seconds = 0;
  const pattern = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;
  let match;
  while ((match = pattern.exec(String(text))) !== null) {
    const value = Number(match[1]);
    seconds += match[2] === 'ms' ? value / 1000 : match[2] === 's' ? value : match[2] === 'm' ? value * 60 : value * 3600;
  }
  return seconds;
}
