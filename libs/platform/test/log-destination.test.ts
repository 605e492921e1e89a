import { spawn } from 'node:child_process';
import { once } from 'node:events';

/** Runs a script that logs through logDestination(); collects its standard output as it arrives. */
function run(script: string, env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const lines: Array<{ msg: string }> = [];
  let pending = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    pending += chunk;
    const complete = pending.split('\n');
    pending = complete.pop() ?? '';
    lines.push(...complete.filter(Boolean).map((line) => JSON.parse(line) as { msg: string }));
  });
  return { child, lines };
}

const LOGGER = `import { pino } from 'pino'; import { logDestination } from '@lianxin/platform'; const log = pino({}, logDestination());`;

async function until(probe: () => boolean, ms: number): Promise<boolean> {
  for (const deadline = Date.now() + ms; Date.now() < deadline; ) {
    if (probe()) return true;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return probe();
}

describe('logDestination', () => {
  it('writes a buffered line out within about a second while the process keeps running', async () => {
    const { child, lines } = run(`${LOGGER} log.info('quiet service'); setTimeout(() => {}, 8000);`);
    expect(await until(() => lines.some((line) => line.msg === 'quiet service'), 6000)).toBe(true);
    expect(child.exitCode).toBeNull();
    child.kill();
    await once(child, 'exit');
  });

  it('loses no line when the process exits right after logging', async () => {
    const { child, lines } = run(`${LOGGER} for (let i = 0; i < 500; i++) log.info('line ' + i); process.exit(0);`);
    await once(child, 'close');
    expect(lines.map((line) => line.msg)).toEqual(Array.from({ length: 500 }, (_, i) => `line ${i}`));
  });

  it('writes every line at once with LOG_SYNC=1: even a SIGKILL right after loses nothing', async () => {
    const { child, lines } = run(`${LOGGER} log.info('last words'); process.kill(process.pid, 'SIGKILL');`, { LOG_SYNC: '1' });
    await once(child, 'close');
    expect(child.signalCode).toBe('SIGKILL');
    expect(lines.map((line) => line.msg)).toEqual(['last words']);
  });
});
