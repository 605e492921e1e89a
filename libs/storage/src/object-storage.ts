import type { Readable } from 'node:stream';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { storageConfigFromEnv, type StorageConfig } from './config.js';

/** Part size of streamed puts (S3's minimum is 5 MiB for every part but the last). */
export const PART_SIZE = 8 * 1024 * 1024;
/** Signed download links live this long unless asked otherwise, and never longer than MAX_LINK_SECONDS. */
export const DEFAULT_LINK_SECONDS = 300;
export const MAX_LINK_SECONDS = 3600;

export class ObjectTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`object larger than ${maxBytes} bytes`);
  }
}

export interface PutOptions {
  contentType?: string;
  /** Content-Disposition stored with the object (e.g. `attachment; filename="x.xlsx"`). */
  contentDisposition?: string;
  /** User metadata (x-amz-meta-*): ASCII keys and values. */
  metadata?: Record<string, string>;
  /** Refuse (and leave nothing behind) when the stream is longer. */
  maxBytes?: number;
}

export interface PutResult {
  key: string;
  size: number;
  etag?: string;
}

export interface ObjectInfo {
  key: string;
  size: number;
  contentType?: string;
  lastModified?: Date;
  metadata: Record<string, string>;
}

export interface SignedLink {
  url: string;
  expiresAt: Date;
}

export interface LinkOptions {
  /** Seconds the link is valid (default 300, at most 3600). */
  expiresInSeconds?: number;
  /** Download name: the link answers with `Content-Disposition: attachment; filename*=UTF-8''…`. */
  downloadName?: string;
  /** Answer with this Content-Type instead of the stored one. */
  contentType?: string;
}

type Body = Buffer | Uint8Array | string | Readable | AsyncIterable<Uint8Array>;

function isNotFound(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NotFound' || e?.name === 'NoSuchKey' || e?.name === 'NoSuchBucket' || e?.$metadata?.httpStatusCode === 404;
}

function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * One bucket (and optional key prefix) of an S3-compatible store. Keys given to and returned by these
 * methods are relative to the prefix. Created from the environment with `ObjectStorage.fromEnv()`.
 */
export class ObjectStorage {
  readonly client: S3Client;
  private readonly signer: S3Client;

  constructor(readonly config: StorageConfig) {
    this.client = new S3Client(this.clientConfig());
    this.signer = config.publicEndpoint ? new S3Client(this.clientConfig(config.publicEndpoint)) : this.client;
  }

  static fromEnv(overrides: Partial<StorageConfig> = {}, env: NodeJS.ProcessEnv = process.env): ObjectStorage {
    return new ObjectStorage(storageConfigFromEnv(env, overrides));
  }

  get bucket(): string {
    return this.config.bucket;
  }

  /**
   * The S3 client settings (for libraries that make their own client, such as @tus/s3-store). Checksums
   * only where S3 requires them: third-party stores do not all know the SDK's default CRC32 headers.
   */
  clientConfig(endpoint = this.config.endpoint): S3ClientConfig {
    return {
      region: this.config.region,
      endpoint,
      forcePathStyle: this.config.forcePathStyle,
      credentials:
        this.config.accessKeyId && this.config.secretAccessKey
          ? { accessKeyId: this.config.accessKeyId, secretAccessKey: this.config.secretAccessKey }
          : undefined,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    };
  }

  /** The full object key in the bucket (prefix + key). */
  objectKey(key: string): string {
    if (!key || key.startsWith('/') || key.split('/').includes('..')) throw new Error(`invalid object key: ${key}`);
    return this.config.prefix + key;
  }

  /** Creates the bucket when it is missing and the configuration allows it (S3_CREATE_BUCKET). */
  async ensureBucket(): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
      return;
    } catch (error) {
      if (!isNotFound(error) || !this.config.createBucket) throw error;
    }
    try {
      await this.client.send(new CreateBucketCommand({ Bucket: this.bucket }));
    } catch (error) {
      const name = (error as { name?: string }).name;
      if (name !== 'BucketAlreadyOwnedByYou' && name !== 'BucketAlreadyExists') throw error;
    }
  }

  /** Reachable and the bucket exists (readiness). */
  async ping(): Promise<void> {
    await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
  }

  /**
   * Stores a body: a buffer in one request, a stream in parts of 8 MiB (one request when it is shorter),
   * without holding more than one part in memory. A failed or too long stream leaves no object and no
   * open multipart upload behind.
   */
  async put(key: string, body: Body, options: PutOptions = {}): Promise<PutResult> {
    if (typeof body === 'string' || body instanceof Uint8Array) {
      const buffer = typeof body === 'string' ? Buffer.from(body) : body;
      if (options.maxBytes !== undefined && buffer.length > options.maxBytes) throw new ObjectTooLargeError(options.maxBytes);
      const out = await this.client.send(
        new PutObjectCommand({ ...this.putParams(key, options), Body: buffer, ContentLength: buffer.length }),
      );
      return { key, size: buffer.length, etag: out.ETag };
    }
    return this.putStream(key, body, options);
  }

  private putParams(key: string, options: PutOptions) {
    return {
      Bucket: this.bucket,
      Key: this.objectKey(key),
      ContentType: options.contentType,
      ContentDisposition: options.contentDisposition,
      Metadata: options.metadata,
    };
  }

  private async putStream(key: string, body: AsyncIterable<Uint8Array>, options: PutOptions): Promise<PutResult> {
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let total = 0;
    let uploadId: string | undefined;
    const parts: { ETag?: string; PartNumber: number }[] = [];
    const params = this.putParams(key, options);
    const flushPart = async (final: boolean) => {
      const chunk = Buffer.concat(pending, pendingBytes);
      pending = [];
      pendingBytes = 0;
      if (!uploadId) {
        if (final) return chunk; // short stream: one PutObject
        const created = await this.client.send(new CreateMultipartUploadCommand(params));
        uploadId = created.UploadId!;
      }
      const partNumber = parts.length + 1;
      const out = await this.client.send(
        new UploadPartCommand({ Bucket: params.Bucket, Key: params.Key, UploadId: uploadId, PartNumber: partNumber, Body: chunk, ContentLength: chunk.length }),
      );
      parts.push({ ETag: out.ETag, PartNumber: partNumber });
      return undefined;
    };
    try {
      for await (const piece of body) {
        const buf = Buffer.isBuffer(piece) ? piece : Buffer.from(piece);
        total += buf.length;
        if (options.maxBytes !== undefined && total > options.maxBytes) throw new ObjectTooLargeError(options.maxBytes);
        pending.push(buf);
        pendingBytes += buf.length;
        while (pendingBytes >= PART_SIZE) {
          // cut exactly PART_SIZE bytes; the rest stays pending
          const all = Buffer.concat(pending, pendingBytes);
          pending = [all.subarray(0, PART_SIZE)];
          pendingBytes = PART_SIZE;
          const rest = all.subarray(PART_SIZE);
          await flushPart(false);
          if (rest.length) {
            pending = [rest];
            pendingBytes = rest.length;
          }
        }
      }
      const single = await flushPart(true);
      if (single) {
        const out = await this.client.send(new PutObjectCommand({ ...params, Body: single, ContentLength: single.length }));
        return { key, size: total, etag: out.ETag };
      }
      const done = await this.client.send(
        new CompleteMultipartUploadCommand({ Bucket: params.Bucket, Key: params.Key, UploadId: uploadId, MultipartUpload: { Parts: parts } }),
      );
      return { key, size: total, etag: done.ETag };
    } catch (error) {
      if (uploadId) {
        await this.client
          .send(new AbortMultipartUploadCommand({ Bucket: params.Bucket, Key: params.Key, UploadId: uploadId }))
          .catch(() => undefined);
      }
      throw error;
    }
  }

  /** The object's size, type and metadata, or null when there is none. */
  async head(key: string): Promise<ObjectInfo | null> {
    try {
      const out = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
      return { key, size: out.ContentLength ?? 0, contentType: out.ContentType, lastModified: out.LastModified, metadata: out.Metadata ?? {} };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  /** A stream of the object's bytes (null when there is none). `range` as in HTTP: `bytes=0-4099`. */
  async get(key: string, range?: string): Promise<(ObjectInfo & { body: Readable }) | null> {
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key), Range: range }));
      return {
        key,
        size: out.ContentLength ?? 0,
        contentType: out.ContentType,
        lastModified: out.LastModified,
        metadata: out.Metadata ?? {},
        body: out.Body as Readable,
      };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  /** The whole object in memory (null when there is none); ObjectTooLargeError past maxBytes. */
  async getBuffer(key: string, maxBytes = 64 * 1024 * 1024): Promise<Buffer | null> {
    const object = await this.get(key);
    if (!object) return null;
    if (object.size > maxBytes) {
      object.body.destroy();
      throw new ObjectTooLargeError(maxBytes);
    }
    const chunks: Buffer[] = [];
    let total = 0;
    for await (const chunk of object.body) {
      total += chunk.length;
      if (total > maxBytes) {
        object.body.destroy();
        throw new ObjectTooLargeError(maxBytes);
      }
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks, total);
  }

  /** Deletes an object; deleting one that is not there is not an error. */
  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
  }

  /** The objects under a key prefix (relative keys), in key order, page by page. */
  async *list(prefix = ''): AsyncGenerator<ObjectInfo> {
    let token: string | undefined;
    do {
      const out = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.bucket, Prefix: this.config.prefix + prefix, ContinuationToken: token }),
      );
      for (const item of out.Contents ?? []) {
        yield { key: item.Key!.slice(this.config.prefix.length), size: item.Size ?? 0, lastModified: item.LastModified, metadata: {} };
      }
      token = out.IsTruncated ? out.NextContinuationToken : undefined;
    } while (token);
  }

  /** Deletes every object under a key prefix (1,000 per request); returns how many. */
  async deletePrefix(prefix: string): Promise<number> {
    let count = 0;
    let batch: string[] = [];
    const flush = async () => {
      if (!batch.length) return;
      const keys = batch;
      batch = [];
      await this.client.send(
        new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: keys.map((Key) => ({ Key })), Quiet: true } }),
      );
      count += keys.length;
    };
    for await (const item of this.list(prefix)) {
      batch.push(this.objectKey(item.key));
      if (batch.length === 1000) await flush();
    }
    await flush();
    return count;
  }

  /**
   * A short-lived signed GET link (default 5 minutes, at most an hour). Whoever holds it can download
   * the object until it expires: issue it only to a reader who may see the object's owner.
   */
  async signedLink(key: string, options: LinkOptions = {}): Promise<SignedLink> {
    const seconds = Math.min(Math.max(1, Math.floor(options.expiresInSeconds ?? DEFAULT_LINK_SECONDS)), MAX_LINK_SECONDS);
    const url = await getSignedUrl(
      this.signer,
      new GetObjectCommand({
        Bucket: this.bucket,
        Key: this.objectKey(key),
        ResponseContentDisposition: options.downloadName ? contentDisposition(options.downloadName) : undefined,
        ResponseContentType: options.contentType,
      }),
      { expiresIn: seconds },
    );
    return { url, expiresAt: new Date(Date.now() + seconds * 1000) };
  }

  destroy(): void {
    this.client.destroy();
    if (this.signer !== this.client) this.signer.destroy();
  }
}

