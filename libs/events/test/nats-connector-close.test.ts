import { spawn, type ChildProcess } from 'node:child_process';
import { NatsConnector } from '../src/nats-connection.js';
import { testLogger } from './fixtures.js';

/**
 * Stopping a service must not hang on NATS (SIGTERM in Kubernetes, a test's afterAll): close() drains only
 * for a bounded time. A real nats-server frozen with SIGSTOP keeps the TCP connection open and answers
 * nothing — what the client sees in the moment between the server going and the client noticing.
 */
describe('NatsConnector.close (real nats-server)', () => {
  let server: ChildProcess | undefined;

  afterEach(() => {
    server?.kill('SIGCONT');
    server?.kill('SIGKILL');
  });

  /** A nats-server on a port of the system's choice (-p -1), read from its log. */
  const startServer = () => {
    server = spawn('nats-server', ['-a', '127.0.0.1', '-p', '-1'], { stdio: ['ignore', 'pipe', 'pipe'] });
    return new Promise<number>((resolve, reject) => {
      let output = '';
      server!.stderr!.on('data', (chunk: Buffer) => {
        output += chunk.toString('utf8');
        const listening = /client connections on 127\.0\.0\.1:(\d+)/.exec(output);
        if (listening && output.includes('Server is ready')) resolve(Number(listening[1]));
      });
      server!.once('exit', (code) => reject(new Error(`nats-server exited with ${code}: ${output}`)));
    });
  };

  it('ends, and closes the connection, while the server is frozen instead of waiting for it to answer the drain', async () => {
    const port = await startServer();
    const connector = new NatsConnector({ url: `nats://127.0.0.1:${port}`, logger: testLogger });
    connector.start();
    const nc = await connector.connection();
    nc.subscribe('close.test.>'); // something for drain() to unsubscribe and flush
    await nc.flush();
    server.kill('SIGSTOP');

    const outcome = await Promise.race([connector.close().then(() => 'closed'), new Promise((resolve) => setTimeout(() => resolve('still draining after 10 s'), 10_000).unref())]);
    expect(outcome).toBe('closed');
    expect(nc.isClosed()).toBe(true);
  }, 30_000);

  it('without drain (a reader with nothing to flush) closes with a request in flight, which fails instead of waiting for its timeout', async () => {
    const port = await startServer();
    const connector = new NatsConnector({ url: `nats://127.0.0.1:${port}`, logger: testLogger });
    connector.start();
    const nc = await connector.connection();
    server!.kill('SIGSTOP');
    const inFlight = nc.request('close.test.nobody', undefined, { timeout: 20_000 }).then(
      () => 'answered',
      (error: Error) => `failed: ${error.message}`,
    );
    const outcome = await Promise.race([connector.close({ drain: false }).then(() => 'closed'), new Promise((resolve) => setTimeout(() => resolve('still closing after 10 s'), 10_000).unref())]);
    expect(outcome).toBe('closed');
    expect(nc.isClosed()).toBe(true);
    expect(await Promise.race([inFlight, new Promise((resolve) => setTimeout(() => resolve('request still waiting after 10 s'), 10_000).unref())])).toMatch(/^failed: /);
  }, 40_000);
});
