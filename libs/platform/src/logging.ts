import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { pino, type DestinationStream } from 'pino';
import { traceIdOf } from './trace-context.js';

const LOG_BUFFER_BYTES = 4096;
const LOG_FLUSH_MS = 1000;

/**
 * Standard output for the logs, buffered: one write per 4 KiB of lines or per second instead of a
 * synchronous write per line (request logging was a tenth of a subgraph's CPU per request, profiled).
 * pino flushes the buffer when the process exits; a SIGKILL loses at most the last second.
 * LOG_SYNC=1 writes every line at once (when chasing a crash).
 */
export function logDestination(): DestinationStream {
  if (process.env.LOG_SYNC === '1') return pino.destination({ dest: 1, sync: true });
  const destination = pino.destination({ dest: 1, sync: false, minLength: LOG_BUFFER_BYTES });
  setInterval(() => destination.flush(), LOG_FLUSH_MS).unref();
  return destination;
}

/** Request headers and bodies may carry tokens and personal data: logs keep only what operators need. */
export function loggingModule(service: string) {
  return LoggerModule.forRoot({
    // nestjs-pino's default route pattern misses routes Fastify plugins register (Apollo's /graphql).
    forRoutes: [{ path: '*path', method: RequestMethod.ALL }],
    pinoHttp: [{
      name: service,
      level: process.env.LOG_LEVEL ?? 'info',
      // Fastify has already set the id (X-Request-Id or a new one, libs/platform bootstrap) when a request gets here.
      genReqId: (req: IncomingMessage & { id?: string }) => req.id ?? (req.headers['x-request-id'] as string | undefined) ?? randomUUID(),
      customProps: (req: IncomingMessage & { user?: { sub: string } }) => ({
        userId: req.user?.sub,
        traceId: traceIdOf(req.headers.traceparent),
      }),
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      autoLogging: { ignore: (req: IncomingMessage) => req.url === '/metrics' || (req.url ?? '').startsWith('/health') },
    }, logDestination()],
  });
}
