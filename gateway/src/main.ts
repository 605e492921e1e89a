import { fileURLToPath } from 'node:url';
import { startGateway } from './server.js';

const gateway = await startGateway({
  supergraphPath: process.env.SUPERGRAPH_PATH ?? fileURLToPath(new URL('../supergraph.graphql', import.meta.url)),
  port: Number(process.env.PORT ?? 4000),
  host: process.env.HOST ?? '127.0.0.1',
  development: (process.env.NODE_ENV ?? 'development') === 'development',
});

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    void gateway.stop().then(() => process.exit(0));
  });
}
