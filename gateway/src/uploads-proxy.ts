import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { Express, Request, Response } from 'express';
import type { Logger } from 'pino';

/**
 * Resumable uploads (tus, issue 17) on the gateway's origin: `/uploads` and `/uploads/<id>` are passed,
 * streaming both ways, to the media subgraph's same path (SUBGRAPH_MEDIA_URL's origin). The gateway does
 * not read the bytes or the token: media verifies the caller's token like any subgraph and owns the
 * protocol. X-Forwarded-Host/-Proto make the upload URLs media hands out point back at the gateway. A
 * client that cuts its connection cuts the one to media too, so media keeps what arrived and a HEAD
 * tells the client where to resume.
 */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'upgrade', 'host']);

function forwardable(headers: IncomingHttpHeaders): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name.toLowerCase())) out[name] = value;
  }
  return out;
}

export function mountUploadsProxy(app: Express, env: NodeJS.ProcessEnv, logger: Logger): void {
  const target = env.SUBGRAPH_MEDIA_URL ? new URL(env.SUBGRAPH_MEDIA_URL) : null;
  const path = env.MEDIA_UPLOAD_PATH ?? '/uploads';
  app.use(path, (req: Request, res: Response) => {
    if (!target) {
      res.status(503).type('text/plain').send('uploads are not available (SUBGRAPH_MEDIA_URL is not set)');
      return;
    }
    const headers = forwardable(req.headers);
    headers['x-forwarded-host'] = req.headers.host ?? '';
    headers['x-forwarded-proto'] = req.protocol;
    headers['x-forwarded-for'] = req.ip ?? req.socket.remoteAddress ?? '';
    const upstream = httpRequest(
      { protocol: target.protocol, hostname: target.hostname, port: target.port, method: req.method, path: req.originalUrl, headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, forwardable(answer.headers));
        answer.pipe(res);
      },
    );
    upstream.on('error', (error) => {
      logger.warn({ err: error, url: req.originalUrl }, 'uploads: media unreachable');
      if (!res.headersSent) res.status(502).type('text/plain').send('the upload service is unreachable; try again shortly');
      else res.destroy();
    });
    // The client went away mid-body: end the upstream request too (media stores what arrived).
    req.on('aborted', () => upstream.destroy());
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    req.pipe(upstream);
  });
}
