import type { UserManager } from 'oidc-client-ts';
import { Upload, type DetailedError } from 'tus-js-client';

export interface UploadOptions {
  /** The file name to announce (a Blob from IndexedDB has none of its own). */
  name?: string;
  /** Resume this upload (its tus URL, kept from an earlier try) instead of starting a new one. */
  uploadUrl?: string;
  /** Called once the server has created the upload: keep the URL to resume after a cut or a restart. */
  onUploadUrl?: (url: string) => void | Promise<void>;
}

/** An upload the server refused for good (too large, not an image …): sending it again cannot succeed. */
export class UploadRefused extends Error {
  constructor(
    readonly status: number,
    reason: string,
  ) {
    super(reason);
    this.name = 'UploadRefused';
  }
}

/**
 * A photo uploaded with tus (resumable) to /uploads on the app's own origin (the gateway passes it to the
 * media subgraph); resolves with the upload id that attachMedia takes. Given the URL of an earlier try,
 * it resumes that upload (an upload that had finished answers at once, with the same id), so a photo
 * sent again is never a second file.
 */
export function uploadPhoto(file: Blob, users: Pick<UserManager, 'getUser'>, options: UploadOptions = {}): Promise<string> {
  const name = options.name ?? (file as Partial<File>).name ?? 'photo';
  return new Promise((resolve, reject) => {
    const upload = new Upload(file, {
      endpoint: new URL('./uploads', window.location.href).href,
      uploadUrl: options.uploadUrl ?? null,
      metadata: { filename: name, filetype: file.type },
      retryDelays: [0, 1000, 3000, 5000],
      // The outbox keeps the upload URL itself (IndexedDB, with the photo); no second copy in localStorage.
      storeFingerprintForResuming: false,
      onBeforeRequest: async (request) => {
        const user = await users.getUser();
        if (user) request.setHeader('Authorization', `Bearer ${user.access_token}`);
      },
      onUploadUrlAvailable: () => {
        if (upload.url && upload.url !== options.uploadUrl) void options.onUploadUrl?.(upload.url);
      },
      onError: (error) => {
        const response = (error as Partial<DetailedError>).originalResponse ?? null;
        const status = response?.getStatus() ?? 0;
        // 4xx other than a lock or a lost token: the server will refuse this file again (413 too large, 415 not an image).
        if (status >= 400 && status < 500 && ![401, 408, 409, 423, 429].includes(status)) {
          reject(new UploadRefused(status, `${name}: ${response?.getBody() || `HTTP ${status}`}`));
        } else reject(error);
      },
      onSuccess: () => {
        const id = upload.url?.split('/').pop();
        if (id) resolve(id);
        else reject(new Error('the upload has no id'));
      },
    });
    upload.start();
  });
}
