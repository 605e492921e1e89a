import { readFileSync, watchFile, unwatchFile } from 'node:fs';
import type { SupergraphSdlHook } from '@apollo/gateway';
import type { Logger } from 'pino';

/**
 * Serves the committed static supergraph and swaps in a new one when the file changes
 * (a ConfigMap update in Kubernetes), without a restart. A file that fails to compose is
 * rejected by the gateway and the previous supergraph stays in service.
 */
export function fileSupergraph(path: string, logger: Logger): SupergraphSdlHook {
  return async ({ update }) => {
    let current = readFileSync(path, 'utf8');
    const onChange = () => {
      let next: string;
      try {
        next = readFileSync(path, 'utf8');
      } catch (error) {
        logger.error({ err: error, path }, 'supergraph file unreadable; keeping the current one');
        return;
      }
      if (next === current || next.trim() === '') return;
      try {
        update(next);
        current = next;
        logger.info({ path }, 'supergraph reloaded');
      } catch (error) {
        logger.error({ err: error, path }, 'new supergraph rejected; keeping the current one');
      }
    };
    watchFile(path, { interval: Number(process.env.SUPERGRAPH_POLL_MS ?? 2000) }, onChange);
    return { supergraphSdl: current, cleanup: async () => unwatchFile(path, onChange) };
  };
}
