import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { asUser, GATEWAY_BASE } from './gateway.js';

const runDir = join(process.cwd(), '.lianxin', 'run', process.env.STACK_NAME ?? 'test');
const policePort = 4110 + Number(process.env.STACK_PORT_OFFSET ?? 800);
const pidFile = join(runDir, 'police.pid');

const query = `{
  area(code: "330402001") { name }
  communityOfficers(first: 5) { totalCount }
}`;

interface Result {
  area: { name: string } | null;
  communityOfficers: { totalCount: number } | null;
}

async function waitFor(url: string, up: boolean): Promise<void> {
  for (let attempt = 0; attempt < 120; attempt += 1) {
    const ok = await fetch(url).then((response) => response.ok, () => false);
    if (ok === up) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not become ${up ? 'ready' : 'unreachable'}`);
}

/** A department subgraph goes down: the gateway stays up, serves the rest, and recovers when it returns. */
describe('a subgraph outage', () => {
  it('returns the other subgraphs\' data with an error for the missing fields, then recovers', async () => {
    const before = await asUser<Result>('jianshe.admin', query);
    expect(before.errors).toBeUndefined();
    expect(before.data?.communityOfficers?.totalCount).toBeGreaterThan(0);

    process.kill(Number(readFileSync(pidFile, 'utf8')), 'SIGTERM');
    try {
      await waitFor(`http://127.0.0.1:${policePort}/health/live`, false);

      const during = await asUser<Result>('jianshe.admin', query);
      expect(during.data?.area?.name).toBe('建设街道');
      expect(during.data?.communityOfficers).toBeNull();
      expect(during.errors?.[0]).toMatchObject({
        message: 'The police service is unavailable',
        extensions: { code: 'SERVICE_UNAVAILABLE', serviceName: 'police' },
      });
      expect((await fetch(`${GATEWAY_BASE}/health/live`)).status).toBe(200);
    } finally {
      // Restarted even when an assertion failed, so the stack is whole for the next test (and a second run).
      const restarted = spawn(process.execPath, ['--import', '@lianxin/platform/tracing', 'services/police/dist/main.js'], {
        env: { ...process.env, PORT: String(policePort), SERVICE_NAME: 'police' },
        detached: true,
        stdio: 'ignore',
      });
      restarted.unref();
      writeFileSync(pidFile, String(restarted.pid));
      await waitFor(`http://127.0.0.1:${policePort}/health/ready`, true);
    }

    const after = await asUser<Result>('jianshe.admin', query);
    expect(after.errors).toBeUndefined();
    expect(after.data?.communityOfficers?.totalCount).toBe(before.data?.communityOfficers?.totalCount);
  });
});
