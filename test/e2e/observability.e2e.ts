import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tokenFor } from '@lianxin/testing';
import { GATEWAY_URL } from './gateway.js';

const logDir = process.env.STACK_LOG_DIR ?? join(process.cwd(), '.lianxin', 'logs');
const stack = process.env.STACK_NAME ?? 'test';
const organizationsBase = `http://127.0.0.1:${4101 + Number(process.env.STACK_PORT_OFFSET ?? 800)}`;

function logLines(app: string): Array<Record<string, unknown>> {
  return readFileSync(join(logDir, `${stack}-${app}.log`), 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

async function eventually<T>(probe: () => T | undefined, attempts = 150): Promise<T | undefined> {
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    const value = probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return undefined;
}

describe('observability', () => {
  it('logs one trace id in the gateway and the subgraph for one request, with the user and no personal data', async () => {
    const response = await fetch(GATEWAY_URL, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await tokenFor('jianshe.admin')}` },
      // `areas`, not `area(code)`: the gateway's entity cache (issue 20) may answer a root `area` from memory,
      // and then organizations logs nothing for this trace (it did on a second e2e pass).
      body: JSON.stringify({ query: '{ areas(first: 1) { totalCount } }' }),
    });
    expect(response.status).toBe(200);
    const traceId = response.headers.get('x-trace-id');
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);

    // pino writes per 4 KiB or every second (LOG_FLUSH_MS); a loaded machine can take a few seconds more.
    const gatewayLine = await eventually(() => logLines('gateway').find((line) => line.traceId === traceId));
    const subgraphLine = await eventually(() => logLines('organizations').find((line) => line.traceId === traceId));
    expect(gatewayLine).toMatchObject({ msg: 'request completed' });
    expect(subgraphLine).toMatchObject({ msg: 'request completed', userId: '00000000-0000-4000-8000-000000000003' });
    expect(JSON.stringify(subgraphLine)).not.toMatch(/authorization|Bearer/i);
  });

  it('reports readiness of database, NATS and JWKS on a subgraph', async () => {
    const response = await fetch(`${organizationsBase}/health/ready`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { details: Record<string, { status: string }> };
    expect(body.details).toMatchObject({ database: { status: 'up' }, nats: { status: 'up' }, jwks: { status: 'up' } });
    expect((await fetch(`${organizationsBase}/health/live`)).status).toBe(200);
  });

  it('exposes request latency, errors by code and the outbox backlog as Prometheus metrics', async () => {
    const metrics = await (await fetch(`${organizationsBase}/metrics`)).text();
    expect(metrics).toMatch(/graphql_request_duration_seconds_bucket\{.*operation=/);
    expect(metrics).toContain('lianxin_outbox_backlog');
    expect(metrics).toContain('graphql_errors_total');
  });
});
