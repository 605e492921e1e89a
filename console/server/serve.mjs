// The console's static server for `./lianxin up` and `./lianxin test`: serves console/dist with the same
// headers the ingress in deploy/ sets (strict Content-Security-Policy, immutable hashed assets, no-cache
// for index.html and the service worker) and forwards /graphql to the gateway, so the app talks to one
// origin exactly as it does in production (no CORS). Writes /config.json from the environment.
//
//   CONSOLE_PORT (4300)  GATEWAY_URL (http://127.0.0.1:4000)  KEYCLOAK_URL  KEYCLOAK_REALM (lianxin)
//   KEYCLOAK_WEB_CLIENT (lianxin-web)  CONSOLE_DIST (console/dist)
//   CONSOLE_MEDIA_ORIGIN (the object store's origin that photo links point at; default the origin of
//   S3_PUBLIC_ENDPOINT, else S3_ENDPOINT — what the media service signs its links for)
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const port = Number(process.env.CONSOLE_PORT ?? 4300);
const gateway = new URL(process.env.GATEWAY_URL ?? 'http://127.0.0.1:4000/graphql');
const keycloak = process.env.KEYCLOAK_URL ?? 'http://127.0.0.1:58080';
const realm = process.env.KEYCLOAK_REALM ?? 'lianxin';
const dist = process.env.CONSOLE_DIST ?? fileURLToPath(new URL('../dist/', import.meta.url));
const mediaEndpoint = process.env.CONSOLE_MEDIA_ORIGIN ?? process.env.S3_PUBLIC_ENDPOINT ?? process.env.S3_ENDPOINT;
const mediaOrigin = mediaEndpoint ? new URL(mediaEndpoint).origin : undefined;
const config = JSON.stringify({ authority: `${keycloak}/realms/${realm}`, clientId: process.env.KEYCLOAK_WEB_CLIENT ?? 'lianxin-web', graphqlUrl: './graphql' });

/** The policy deploy/ sets too (deploy/base/console): scripts only from this origin, no inline script. */
export function contentSecurityPolicy(keycloakOrigin, mediaOrigin) {
  return [
    "default-src 'self'",
    "script-src 'self'",
    // Ant Design writes its component styles at run time (CSS-in-JS): inline styles, never inline script.
    "style-src 'self' 'unsafe-inline'",
    // Thumbnails and photos are the media service's short-lived signed links to the object store.
    `img-src 'self' data: blob:${mediaOrigin && mediaOrigin !== 'null' ? ` ${mediaOrigin}` : ''}`,
    "font-src 'self'",
    `connect-src 'self' ${keycloakOrigin}`,
    // MapLibre's worker is a hashed file of this origin (setWorkerUrl), not a blob: URL.
    "worker-src 'self'",
    "manifest-src 'self'",
    `frame-src ${keycloakOrigin}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "object-src 'none'",
  ].join('; ');
}

const csp = contentSecurityPolicy(new URL(keycloak).origin, mediaOrigin);
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.json': 'application/json', '.webmanifest': 'application/manifest+json', '.png': 'image/png', '.woff2': 'font/woff2' };
const COMMON = { 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer', 'content-security-policy': csp, 'cross-origin-opener-policy': 'same-origin', 'permissions-policy': 'camera=(self), geolocation=(self), microphone=()' };

function proxy(req, res) {
  // /uploads keeps the browser's Host: the gateway names it in the tus Location it hands back (same origin).
  const uploads = req.url.startsWith('/uploads');
  const upstream = httpRequest(
    { host: gateway.hostname, port: gateway.port, method: req.method, path: uploads ? req.url : req.url.replace(/^\/graphql/, gateway.pathname), headers: { ...req.headers, host: uploads ? req.headers.host : gateway.host, 'x-forwarded-for': req.socket.remoteAddress } },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res); // streams (SSE subscriptions) pass through as they come
    },
  );
  // A browser that goes away (tab closed, subscription ended) ends the upstream request too; otherwise the
  // gateway would keep its subscription open (and count it against the user's cap).
  res.on('close', () => {
    if (!res.writableFinished) upstream.destroy();
  });
  upstream.on('error', () => {
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ errors: [{ message: 'gateway unreachable', extensions: { code: 'SERVICE_UNAVAILABLE', serviceName: 'gateway' } }] }));
  });
  req.pipe(upstream);
}

function send(res, file, status = 200) {
  const name = file.slice(dist.length);
  const immutable = name.startsWith('assets/');
  res.writeHead(status, {
    ...COMMON,
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    ...(name === 'sw.js' ? { 'service-worker-allowed': './' } : {}),
  });
  createReadStream(file).pipe(res);
}

const server = createServer((req, res) => {
  const path = decodeURIComponent(new URL(req.url ?? '/', 'http://console').pathname);
  if (path === '/graphql' || path.startsWith('/graphql/') || path === '/uploads' || path.startsWith('/uploads/')) return proxy(req, res);
  if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405, COMMON).end();
  if (path === '/health') return void res.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n');
  if (path === '/config.json') return void res.writeHead(200, { ...COMMON, 'content-type': 'application/json', 'cache-control': 'no-store' }).end(config);
  const relative = normalize(path).replace(/^(\.\.[/\\])+/, '').replace(/^\/+/, '');
  const file = join(dist, relative);
  if (relative && !relative.split('/').some((part) => part.startsWith('.')) && file.startsWith(dist) && existsSync(file) && statSync(file).isFile()) return send(res, file);
  // Everything else is the app (hash routes; the login redirect returns to /?code=…).
  if (extname(relative) && relative !== 'index.html') return void res.writeHead(404, COMMON).end();
  return send(res, join(dist, 'index.html'));
});

server.listen(port, '127.0.0.1', () => console.log(JSON.stringify({ level: 30, msg: `console on http://127.0.0.1:${port}/`, gateway: gateway.href })));
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => server.close(() => process.exit(0)));
