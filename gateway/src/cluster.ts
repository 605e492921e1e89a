import cluster, { type Worker } from 'node:cluster';
import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import type { Logger } from 'pino';
import { AggregatorRegistry, register } from 'prom-client';

const METRICS_REQUEST = 'lianxin:gateway-metrics-request';
const METRICS_RESPONSE = 'lianxin:gateway-metrics-response';

interface MetricsRequest {
  type: typeof METRICS_REQUEST;
  id: string;
}

interface MetricsResponse {
  type: typeof METRICS_RESPONSE;
  id: string;
  metrics?: string;
  error?: string;
}

/**
 * GATEWAY_WORKERS: how many gateway processes share the port. A number, or `auto` for one per core.
 * Unset means one process (no cluster): measured on a 2-core machine where the subgraphs, PostgreSQL
 * and Keycloak share the cores with the gateway (test/load/README.md, Performance).
 */
export function gatewayWorkerCount(setting: string | undefined, cores = availableParallelism()): number {
  const value = (setting ?? '').trim();
  if (value === '') return 1;
  if (value === 'auto') return Math.max(1, cores);
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1) throw new Error(`GATEWAY_WORKERS must be a positive integer or "auto", not "${setting}"`);
  return count;
}

export interface ClusterOptions {
  workers: number;
  logger: Logger;
  /** How long workers get to drain in-flight requests on shutdown before they are killed. */
  shutdownTimeoutMs?: number;
}

/**
 * The primary process of a gateway cluster: forks the workers (each one a whole gateway that watches
 * the supergraph file itself, so a new supergraph reaches every worker), replaces a worker that dies,
 * answers the workers' /metrics with the sum over all workers (prom-client AggregatorRegistry), and
 * on SIGTERM/SIGINT lets every worker drain before it exits.
 */
export function runClusterPrimary({ workers, logger, shutdownTimeoutMs = 30_000 }: ClusterOptions): void {
  const aggregator = new AggregatorRegistry();
  let stopping = false;

  const fork = () => {
    const worker = cluster.fork();
    worker.on('message', (message: MetricsRequest) => {
      if (message?.type === METRICS_REQUEST) void answerMetrics(worker, message.id);
    });
  };
  const answerMetrics = async (worker: Worker, id: string) => {
    let response: MetricsResponse;
    try {
      response = { type: METRICS_RESPONSE, id, metrics: await aggregator.clusterMetrics() };
    } catch (error) {
      response = { type: METRICS_RESPONSE, id, error: (error as Error).message };
    }
    if (worker.isConnected()) worker.send(response);
  };

  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    logger.error({ workerPid: worker.process.pid, code, signal }, 'gateway worker died; starting another');
    setTimeout(fork, 1000).unref();
  });
  for (let index = 0; index < workers; index += 1) fork();
  logger.info({ workers }, 'gateway cluster started');

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping gateway workers');
    const running = Object.values(cluster.workers ?? {}).filter((worker): worker is Worker => worker !== undefined);
    const killTimer = setTimeout(() => {
      logger.warn('gateway workers did not stop in time; killing them');
      for (const worker of running) worker.process.kill('SIGKILL');
    }, shutdownTimeoutMs);
    killTimer.unref();
    void Promise.all(running.map((worker) => new Promise((resolve) => (worker.isDead() ? resolve(undefined) : worker.once('exit', resolve))))).then(() => {
      logger.info('gateway stopped');
      process.exit(0);
    });
    for (const worker of running) worker.process.kill('SIGTERM');
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

/**
 * Prometheus text for /metrics: in a cluster worker the primary's sum over all workers, else this
 * process's own registry.
 */
export function metricsSource(timeoutMs = 5000): () => Promise<string> {
  if (!cluster.isWorker) return () => register.metrics();
  // Workers answer the primary's aggregation requests through prom-client's own listener.
  new AggregatorRegistry();
  const pending = new Map<string, { resolve: (text: string) => void; reject: (error: Error) => void }>();
  process.on('message', (message: MetricsResponse) => {
    if (message?.type !== METRICS_RESPONSE) return;
    const request = pending.get(message.id);
    if (!request) return;
    pending.delete(message.id);
    if (message.metrics !== undefined) request.resolve(message.metrics);
    else request.reject(new Error(message.error ?? 'no metrics from the gateway primary'));
  });
  return () =>
    new Promise<string>((resolve, reject) => {
      const id = randomUUID();
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error('the gateway primary did not answer with the metrics in time'));
      }, timeoutMs);
      pending.set(id, {
        resolve: (text) => (clearTimeout(timer), resolve(text)),
        reject: (error) => (clearTimeout(timer), reject(error)),
      });
      process.send?.({ type: METRICS_REQUEST, id } satisfies MetricsRequest);
    });
}
