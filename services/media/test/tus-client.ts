import { request } from 'node:http';

/** Raw tus 1.0 requests (https://tus.io/protocols/resumable-upload), for tests that need to cut a connection exactly. */
export interface TusAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const metadata = (fields: Record<string, string>) =>
  Object.entries(fields)
    .map(([key, value]) => `${key} ${Buffer.from(value).toString('base64')}`)
    .join(',');

async function answer(response: Response): Promise<TusAnswer> {
  return { status: response.status, headers: Object.fromEntries(response.headers.entries()), body: await response.text() };
}

export async function createUpload(base: string, token: string | null, length: number, fileName = 'photo.jpg'): Promise<TusAnswer & { url?: string }> {
  const response = await fetch(base, {
    method: 'POST',
    headers: {
      'Tus-Resumable': '1.0.0',
      'Upload-Length': String(length),
      'Upload-Metadata': metadata({ filename: fileName }),
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
  });
  const result = await answer(response);
  return { ...result, url: result.headers.location };
}

export async function head(url: string, token: string): Promise<TusAnswer> {
  return answer(await fetch(url, { method: 'HEAD', headers: { 'Tus-Resumable': '1.0.0', Authorization: `Bearer ${token}` } }));
}

export async function patch(url: string, token: string, offset: number, body: Buffer): Promise<TusAnswer> {
  return answer(
    await fetch(url, {
      method: 'PATCH',
      headers: {
        'Tus-Resumable': '1.0.0',
        'Upload-Offset': String(offset),
        'Content-Type': 'application/offset+octet-stream',
        Authorization: `Bearer ${token}`,
      },
      body: new Uint8Array(body),
    }),
  );
}

/**
 * A PATCH whose connection is cut after `sendBytes` of `body`: the socket is destroyed mid-request, as
 * when a phone loses its signal. Resolves once the socket is gone.
 */
export function patchCutAfter(url: string, token: string, offset: number, body: Buffer, sendBytes: number): Promise<void> {
  return new Promise((resolve) => {
    const target = new URL(url);
    const req = request({
      hostname: target.hostname,
      port: target.port,
      path: target.pathname,
      method: 'PATCH',
      headers: {
        'Tus-Resumable': '1.0.0',
        'Upload-Offset': String(offset),
        'Content-Type': 'application/offset+octet-stream',
        'Content-Length': String(body.length),
        Authorization: `Bearer ${token}`,
      },
    });
    req.on('error', () => resolve());
    req.on('close', () => resolve());
    req.on('response', (response) => {
      response.resume();
      resolve();
    });
    const chunk = 256 * 1024;
    let sent = 0;
    const pump = () => {
      while (sent < sendBytes) {
        const piece = body.subarray(sent, Math.min(sent + chunk, sendBytes));
        sent += piece.length;
        if (!req.write(piece)) return void req.once('drain', pump);
      }
      // give the server a moment to take what was sent, then cut the connection
      setTimeout(() => req.destroy(new Error('connection cut')), 500);
    };
    pump();
  });
}

/** Uploads a whole file in one PATCH; returns the final answer. */
export async function uploadWhole(base: string, token: string, data: Buffer, fileName: string): Promise<{ id: string; url: string; final: TusAnswer }> {
  const created = await createUpload(base, token, data.length, fileName);
  if (created.status !== 201 || !created.url) throw new Error(`create: ${created.status} ${created.body}`);
  const final = await patch(created.url, token, 0, data);
  return { id: created.url.split('/').pop()!, url: created.url, final };
}
