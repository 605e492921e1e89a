import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { traceIdOf } from './trace-context.js';

/** Request headers and bodies may carry tokens and personal data: logs keep only what operators need. */
export function loggingModule(service: string) {
  return LoggerModule.forRoot({
    // nestjs-pino's default route pattern misses routes Fastify plugins register (Apollo's /graphql).
    forRoutes: [{ path: '*path', method: RequestMethod.ALL }],
    pinoHttp: {
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
    },
  });
}
