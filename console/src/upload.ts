import type { UserManager } from 'oidc-client-ts';
import { Upload } from 'tus-js-client';

/**
 * A photo uploaded with tus (resumable) to /uploads on the app's own origin (the gateway passes it to the
 * media subgraph); resolves with the upload id that attachMedia takes.
 */
export function uploadPhoto(file: File, users: Pick<UserManager, 'getUser'>): Promise<string> {
  return new Promise((resolve, reject) => {
    const upload = new Upload(file, {
      endpoint: new URL('./uploads', window.location.href).href,
      metadata: { filename: file.name, filetype: file.type },
      retryDelays: [0, 1000, 3000, 5000],
      onBeforeRequest: async (request) => {
        const user = await users.getUser();
        if (user) request.setHeader('Authorization', `Bearer ${user.access_token}`);
      },
      onError: reject,
      onSuccess: () => {
        const id = upload.url?.split('/').pop();
        if (id) resolve(id);
        else reject(new Error('the upload has no id'));
      },
    });
    upload.start();
  });
}
