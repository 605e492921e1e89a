import { AsyncLocalStorage } from 'node:async_hooks';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { LoggerModule } from 'nestjs-pino';
import { pino, type DestinationStream, type Logger } from 'pino';
import type { RequestWithUser } from '@lianxin/auth';
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
  const dest = logFileDescriptor();
  if (process.env.LOG_SYNC === '1') return pino.destination({ dest, sync: true });
  const destination = pino.destination({ dest, sync: false, minLength: LOG_BUFFER_BYTES });
  setInterval(() => destination.flush(), LOG_FLUSH_MS).unref();
  return destination;
}

/**
 * Standard output, or standard error when LOG_DEST=stderr: commands whose standard output is data
 * (print-schema prints SDL that is piped into `supergraph check`) set it before loading the app.
 */
export function logFileDescriptor(): 1 | 2 {
  return process.env.LOG_DEST === 'stderr' ? 2 : 1;
}

/** The request being handled, for the lines logged while it is. */
const requestInProgress = new AsyncLocalStorage<FastifyRequest & RequestWithUser>();

/** Request headers and bodies may carry tokens and personal data: logs keep only what operators need. */
function requestFields(request: FastifyRequest & RequestWithUser) {
  return {
    req: { id: request.id, method: request.method, url: request.url },
    userId: request.user?.sub,
    traceId: traceIdOf(request.headers.traceparent),
  };
}

const NO_FIELDS = Object.freeze({});

/**
 * Every line logged while a request is handled (Nest `Logger`, `PinoLogger`) names the request, its trace and
 * the caller once known, worked out only when a line is written. A line that names its request itself (the
 * request log) keeps its own.
 */
function requestMixin(line: object): object {
  const request = requestInProgress.getStore();
  return request && !('req' in line) ? requestFields(request) : NO_FIELDS;
}

/** pino's default merge copies the line into the mixin's object; lines outside a request need no copy. */
function mergeRequestFields(line: object, fields: object): object {
  return fields === NO_FIELDS ? line : Object.assign(fields, line);
}

/**
 * nestjs-pino for `Logger` and `PinoLogger`, without its request middleware: `logRequests` does that job in
 * Fastify hooks, which cost less than a Nest middleware run through @fastify/middie (profiled).
 */
export function loggingModule(service: string, destination: DestinationStream = logDestination()) {
  return LoggerModule.forRoot({
    forRoutes: [],
    pinoHttp: [
      {
        name: service,
        level: process.env.LOG_LEVEL ?? 'info',
        // Lines carry plain objects only (no Node request or response to map).
        wrapSerializers: false,
        mixin: requestMixin,
        mixinMergeStrategy: mergeRequestFields,
      },
      destination,
    ],
  });
}

const isUnlogged = (url: string) => url === '/metrics' || url.startsWith('/health');

/**
 * One line per request when its response is done (or the client went away), at info level, with the request id
 * (X-Request-Id or the one Fastify made, see subgraphHttpAdapter), method, url, status, response time in ms,
 * the verified caller and the trace id; /metrics and /health are not logged. Lines logged while the request is
 * handled name it (requestMixin).
 */
export function logRequests(fastify: FastifyInstance, logger: Logger): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    if (logger.isLevelEnabled('info') && !isUnlogged(request.url)) {
      const start = Date.now();
      reply.raw.on('close', () => {
        const { statusCode } = reply.raw;
        const line = { ...requestFields(request), res: { statusCode }, responseTime: Date.now() - start };
        if (statusCode >= 500) logger.info({ ...line, err: new Error(`failed with status code ${statusCode}`) }, 'request errored');
        else logger.info(line, !request.raw.readableAborted && reply.raw.writableEnded ? 'request completed' : 'request aborted');
      });
    }
    requestInProgress.run(request, done);
  });
}
