import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const NATS_SERVER = process.env.NATS_SERVER_BIN ?? '/usr/sbin/nats-server';
const READY_TIMEOUT_MS = 15_000;

export interface StartNatsServerOptions {
  /** JetStream store directory; a temporary one (removed by dispose()) when omitted. */
  storeDir?: string;
  /**
   * A nats-server configuration file, e.g. the users and permissions of tools/nats/nats-users.json
   * (libs/events natsAuthorizationConfig) for tests that prove them; the command line sets port and store.
   */
  configFile?: string;
}

export interface TestNatsServer {
  url: string;
  port: number;
  storeDir: string;
  /** Stops the server (SIGTERM, then SIGKILL) and waits for it to exit. */
  stop(): Promise<void>;
  /** Starts it again on the same port and store directory, e.g. after stop() in a restart test. */
  start(): Promise<void>;
  /** Stops the server and removes the temporary store directory. */
  dispose(): Promise<void>;
}

/** Spawns a private nats-server with JetStream on a free loopback port and waits until it is ready. */
export async function startNatsServer(options: StartNatsServerOptions = {}): Promise<TestNatsServer> {
  const port = await freePort();
  const ownsStore = !options.storeDir;
  const storeDir = options.storeDir ?? mkdtempSync(join(tmpdir(), 'lianxin-nats-'));
  let child: ChildProcess | undefined;
  const killOnExit = () => child?.kill('SIGKILL');
  process.once('exit', killOnExit);

  const start = async () => {
    if (child) return;
    child = await spawnServer(port, storeDir, options.configFile);
  };
  const stop = async () => {
    const running = child;
    child = undefined;
    if (running) await terminate(running);
  };

  await start();
  return {
    url: `nats://127.0.0.1:${port}`,
    port,
    storeDir,
    start,
    stop,
    async dispose() {
      await stop();
      process.removeListener('exit', killOnExit);
      if (ownsStore) rmSync(storeDir, { recursive: true, force: true });
    },
  };
}

async function spawnServer(port: number, storeDir: string, configFile?: string): Promise<ChildProcess> {
  const config = configFile ? ['-c', configFile] : [];
  const child = spawn(NATS_SERVER, [...config, '-js', '-a', '127.0.0.1', '-p', String(port), '-sd', storeDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let started = false;
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`nats-server did not become ready on port ${port}:\n${output}`)), READY_TIMEOUT_MS);
    // Keeps reading after start-up so the server never blocks on a full pipe.
    const onData = (chunk: Buffer) => {
      if (started) return;
      output += chunk.toString();
      // Logged once the client listener and JetStream are both up.
      if (output.includes('Server is ready')) {
        started = true;
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`nats-server exited (code ${code}, signal ${signal}) before it was ready:\n${output}`));
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
  try {
    await ready;
    await waitForPort(port);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return child;
}

async function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ host: '127.0.0.1', port }, () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`nats-server is not accepting connections on port ${port}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
