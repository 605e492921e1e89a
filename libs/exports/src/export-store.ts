import { PassThrough, type Writable } from 'node:stream';
import type { ObjectStorage } from '@lianxin/storage';

/** An upload in progress: write to `stream`, end it, and `done` resolves with the bytes stored. */
export interface OpenUpload {
  stream: Writable;
  done: Promise<number>;
}

/** Where export files go: the object store (libs/storage: SeaweedFS in development and tests, any S3 in production). */
export interface ExportStore {
  openUpload(key: string, contentType: string): OpenUpload;
  put(key: string, body: Buffer, contentType: string): Promise<void>;
  /** A presigned GET of the object, valid for ttlSeconds, that downloads under fileName. */
  downloadUrl(key: string, fileName: string, ttlSeconds: number): Promise<string>;
  /** Deletes the object (no error when it is already gone). */
  delete(key: string): Promise<void>;
}

/**
 * Export files in the shared object store. An upload is a PassThrough that ObjectStorage.put reads as
 * a stream in 8 MiB parts, one part in memory at a time: while a part uploads the PassThrough fills
 * up (1 MiB high-water mark) and the table writer waits for 'drain' (backpressure down to the DB reads).
 */
export class ObjectStorageExportStore implements ExportStore {
  private bucket: Promise<void> | undefined;

  constructor(private readonly storage: ObjectStorage) {}

  /** The bucket, created once when missing and the configuration allows it (development, tests). */
  private ready(): Promise<void> {
    this.bucket ??= this.storage.ensureBucket().catch((error: unknown) => {
      this.bucket = undefined;
      throw error;
    });
    return this.bucket;
  }

  openUpload(key: string, contentType: string): OpenUpload {
    const stream = new PassThrough({ highWaterMark: 1024 * 1024 });
    const done = this.ready()
      .then(() => this.storage.put(key, stream, { contentType }))
      .then((result) => result.size);
    // A failed put destroys nothing by itself: stop the writer too.
    done.catch((error: Error) => stream.destroy(error));
    return { stream, done };
  }

  async put(key: string, body: Buffer, contentType: string): Promise<void> {
    await this.ready();
    await this.storage.put(key, body, { contentType });
  }

  async delete(key: string): Promise<void> {
    await this.storage.delete(key);
  }

  async downloadUrl(key: string, fileName: string, ttlSeconds: number): Promise<string> {
    return (await this.storage.signedLink(key, { expiresInSeconds: ttlSeconds, downloadName: fileName })).url;
  }
}
