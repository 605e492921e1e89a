import cluster from 'node:cluster';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { gatewayWorkerCount, runClusterPrimary } from './cluster.js';
import { startGateway } from './server.js';

const workers = gatewayWorkerCount(process.env.GATEWAY_WORKERS);

if (workers > 1 && cluster.isPrimary) {
  runClusterPrimary({ workers, logger: pino({ name: 'gateway', level: process.env.LOG_LEVEL ?? 'info' }) });
} else {
  const gateway = await startGateway({
    supergraphPath: process.env.SUPERGRAPH_PATH ?? fileURLToPath(new URL('../supergraph.graphql', import.meta.url)),
    port: Number(process.env.PORT ?? 4000),
    host: process.env.HOST ?? '127.0.0.1',
  });

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      void gateway.stop().then(() => process.exit(0));
    });
  }
}
