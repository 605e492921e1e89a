import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { Server as TusServer } from '@tus/server';
import { S3Store } from '@tus/s3-store';
import type { FastifyInstance } from 'fastify';
import { bearerToken, TokenVerifier, type AuthUser } from '@lianxin/auth';
import { PART_SIZE } from '@lianxin/storage';
import { InjectMediaConfig, MediaStorage } from '../storage/storage.module.js';
import type { MediaConfig } from '../media-config.js';
import { MediaFileStatus } from './media-file.entity.js';
import { UploadService } from './upload.service.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TUS_VERSION = '1.0.0';

interface TusError {
  status_code: number;
  body: string;
}
const tusError = (status_code: number, body: string): TusError => ({ status_code, body });

/**
 * Resumable uploads (tus 1.0, https://tus.io) at MEDIA_UPLOAD_PATH (default /uploads), stored in the object
 * store by @tus/s3-store as an S3 multipart upload (8 MiB parts; a cut connection loses at most the bytes
 * not yet acknowledged, and HEAD tells the client where to go on).
 *
 * Every request carries the caller's Keycloak token (`Authorization: Bearer`), verified here as for
 * GraphQL. An upload belongs to whoever created it: anyone else gets 404 for it. Uploads are created with
 * their length (Upload-Length; MEDIA_MAX_BYTES at most) and metadata `filename`. When the last byte
 * arrives the content is checked and cleaned (UploadService.finish) within that last request: it answers
 * 204 with `Media-Status: READY`, or 415 with the reason when the content is refused. The raw upload (with
 * its EXIF) is then removed; HEAD on a finished upload is answered from the database.
 *
 * Creating an upload counts against the caller's hourly limits (upload-quota.policy.ts): over them, 429 with
 * Retry-After and nothing stored. A request without a valid token is 401 before any storage work.
 *
 * The gateway proxies the same path (gateway/src/uploads-proxy.ts) so clients use one origin; tus builds
 * upload URLs from X-Forwarded-Host/-Proto, which the gateway sets.
 */
@Injectable()
export class TusUploads implements OnModuleInit {
  private readonly logger = new Logger(TusUploads.name);
  private readonly caller = new AsyncLocalStorage<AuthUser>();
  readonly tus: TusServer;
  readonly store: S3Store;
  /** Upload ids in the store are full object keys: `<prefix>tus/<uuid>`. */
  private readonly idPrefix: string;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly verifier: TokenVerifier,
    private readonly uploads: UploadService,
    private readonly media: MediaStorage,
    @InjectMediaConfig() private readonly config: MediaConfig,
  ) {
    const storage = media.storage;
    this.idPrefix = storage.objectKey('tus/');
    this.store = new S3Store({
      partSize: PART_SIZE,
      s3ClientConfig: { ...storage.clientConfig(), bucket: storage.bucket },
    });
    this.tus = new TusServer({
      path: config.uploadPath,
      datastore: this.store,
      maxSize: config.maxBytes,
      respectForwardedHeaders: true,
      namingFunction: () => this.idPrefix + randomUUID(),
      generateUrl: (_req, { proto, host, path, id }) => `${proto}://${host}${path}/${id.slice(this.idPrefix.length)}`,
      getFileIdFromRequest: (_req, lastPath) => (lastPath && UUID.test(lastPath) ? this.idPrefix + lastPath.toLowerCase() : undefined),
      onUploadCreate: async (_req, upload) => {
        const user = this.user();
        if (upload.size === undefined) throw tusError(400, 'Upload-Length is required (deferred lengths are not accepted)');
        const fileName = upload.metadata?.filename ?? upload.metadata?.name ?? 'file';
        await this.uploads.started(user, this.fileId(upload.id), fileName, upload.size);
        return {};
      },
      onUploadFinish: async (_req, upload) => {
        const id = this.fileId(upload.id);
        const result = await this.uploads.finish(id, upload.id);
        await this.removeRaw(id);
        if (result.status === MediaFileStatus.REJECTED) {
          return { status_code: 415, headers: { 'Media-Status': 'REJECTED' }, body: result.reason ?? 'content refused' };
        }
        return { headers: { 'Media-Status': result.status } };
      },
      onResponseError: (_req, error) => {
        if ('status_code' in error) return undefined;
        this.logger.error({ msg: 'tus request failed', error: String(error), stack: (error as Error).stack });
        return { status_code: 500, body: 'the upload could not be stored; try again shortly' };
      },
    });
  }

  private user(): AuthUser {
    const user = this.caller.getStore();
    if (!user) throw tusError(401, 'a valid access token is required');
    return user;
  }

  /** Removes an upload's raw object, its info and its open multipart upload (retention of unfinished uploads). */
  async removeRaw(fileId: string): Promise<void> {
    // tus' own remove aborts the multipart upload first (an unfinished upload's parts) and may stop at
    // that; the objects themselves are deleted here in any case.
    await this.store.remove(this.idPrefix + fileId).catch(() => undefined);
    for (const key of [`tus/${fileId}`, `tus/${fileId}.info`, `tus/${fileId}.part`]) {
      await this.media.storage.delete(key).catch((error) => this.logger.warn({ msg: 'raw upload not removed', fileId, key, error: String(error) }));
    }
  }

  private fileId(uploadId: string): string {
    return uploadId.slice(this.idPrefix.length);
  }

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    const path = this.config.uploadPath;
    void fastify.register(async (scope) => {
      // tus bodies are raw bytes (application/offset+octet-stream): left unread for the tus server.
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', (_request, _payload, done) => done(null));
      const handler = async (request: { raw: IncomingMessage }, reply: { raw: ServerResponse; hijack(): void }) => {
        reply.hijack();
        await this.handle(request.raw, reply.raw);
      };
      scope.all(path, handler);
      scope.all(`${path}/*`, handler);
    });
  }

  /** Authenticates, hides others' uploads, answers HEAD for finished ones, and hands the rest to tus. */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      if (req.method === 'OPTIONS') return void (await this.tus.handle(req, res));
      const token = bearerToken(req.headers.authorization);
      if (!token) return this.answer(res, 401, 'a valid access token is required (Authorization: Bearer …)');
      let user: AuthUser;
      try {
        user = await this.verifier.verify(token);
      } catch (error) {
        return this.answer(res, 401, (error as Error).message);
      }
      const id = this.idFromUrl(req.url ?? '');
      if (id === null) return this.answer(res, 404, 'no such upload');
      if (id) {
        const file = await this.uploads.own(user, id);
        if (!file) return this.answer(res, 404, 'no such upload');
        if (file.status !== MediaFileStatus.UPLOADING) {
          if (req.method === 'HEAD') {
            return this.answer(res, 200, '', {
              'Upload-Offset': String(file.declaredSize),
              'Upload-Length': String(file.declaredSize),
              'Media-Status': file.status,
            });
          }
          return this.answer(res, file.status === MediaFileStatus.REJECTED ? 415 : 409, `the upload is ${file.status.toLowerCase()}`, {
            'Media-Status': file.status,
          });
        }
      } else if (req.method !== 'POST') {
        return this.answer(res, 405, 'POST creates an upload');
      } else {
        // Per-user limits (upload-quota.policy.ts), before anything is stored.
        const declared = Number(req.headers['upload-length'] ?? 0);
        const decision = await this.uploads.mayStart(user, Number.isFinite(declared) && declared > 0 ? declared : 0);
        if (!decision.allowed) {
          this.logger.warn({ msg: 'upload refused: per-user limit', user: user.sub, reason: decision.reason });
          return this.answer(res, 429, decision.reason, { 'Retry-After': String(decision.retryAfterSeconds) });
        }
      }
      await this.caller.run(user, () => this.tus.handle(req, res));
    } catch (error) {
      this.logger.error({ msg: 'upload request failed', error: String(error), stack: (error as Error).stack });
      if (!res.headersSent) this.answer(res, 500, 'the upload could not be stored; try again shortly');
      else res.destroy();
    }
  }

  /** '' for the collection (POST), the uuid for an upload, null for anything else. */
  private idFromUrl(url: string): string | null {
    const pathname = url.split('?')[0]!;
    const base = this.config.uploadPath;
    if (pathname === base || pathname === `${base}/`) return '';
    if (!pathname.startsWith(`${base}/`)) return null;
    const rest = pathname.slice(base.length + 1);
    return UUID.test(rest) ? rest.toLowerCase() : null;
  }

  private answer(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
    res.writeHead(status, {
      'Tus-Resumable': TUS_VERSION,
      'Cache-Control': 'no-store',
      'Content-Type': 'text/plain; charset=utf-8',
      ...headers,
    });
    res.end(body);
  }
}
