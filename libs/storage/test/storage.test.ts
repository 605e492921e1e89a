import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { createScratchStorage, ObjectTooLargeError, PART_SIZE, type ScratchStorage } from '../src/index.js';

// Against the real SeaweedFS of tools/infra (S3 API): eval "$(bash tools/infra/infra.sh env)".
describe('object storage (SeaweedFS S3)', () => {
  let scratch: ScratchStorage;

  beforeAll(async () => {
    scratch = await createScratchStorage('storage-lib');
  });
  afterAll(async () => {
    await scratch?.drop();
  });

  const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

  function chunked(data: Buffer, size = 1 << 20): Readable {
    let at = 0;
    return new Readable({
      read() {
        if (at >= data.length) return this.push(null);
        this.push(data.subarray(at, at + size));
        at += size;
      },
    });
  }

  it('puts a buffer and reads it back with its type and metadata', async () => {
    const { storage } = scratch;
    await storage.put('a/hello.txt', 'hello', { contentType: 'text/plain', metadata: { owner: 'case-1' } });
    const info = await storage.head('a/hello.txt');
    expect(info).toMatchObject({ size: 5, contentType: 'text/plain', metadata: { owner: 'case-1' } });
    expect((await storage.getBuffer('a/hello.txt'))!.toString()).toBe('hello');
    expect(await storage.head('a/missing.txt')).toBeNull();
    expect(await storage.get('a/missing.txt')).toBeNull();
  });

  it('streams a body longer than two parts as a multipart upload, byte for byte', async () => {
    const { storage } = scratch;
    const data = randomBytes(2 * PART_SIZE + 12345);
    const result = await storage.put('big/blob.bin', chunked(data), { contentType: 'application/octet-stream' });
    expect(result.size).toBe(data.length);
    const back = await storage.getBuffer('big/blob.bin');
    expect(back!.length).toBe(data.length);
    expect(sha(back!)).toBe(sha(data));
  });

  it('a stream over maxBytes leaves no object behind', async () => {
    const { storage } = scratch;
    const data = randomBytes(PART_SIZE + 10);
    await expect(storage.put('big/too-long.bin', chunked(data), { maxBytes: PART_SIZE })).rejects.toBeInstanceOf(ObjectTooLargeError);
    expect(await storage.head('big/too-long.bin')).toBeNull();
  });

  it('a signed link downloads the object until it expires, and names the download', async () => {
    const { storage } = scratch;
    await storage.put('links/report.csv', 'a,b\n1,2\n', { contentType: 'text/csv' });
    const link = await storage.signedLink('links/report.csv', { expiresInSeconds: 2, downloadName: '报表.csv' });
    expect(link.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + 2000);
    const ok = await fetch(link.url);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('a,b\n1,2\n');
    expect(ok.headers.get('content-disposition')).toContain("filename*=UTF-8''%E6%8A%A5%E8%A1%A8.csv");
    // the same URL without its signature is refused
    expect((await fetch(link.url.split('?')[0])).status).toBe(403);
    await new Promise((resolve) => setTimeout(resolve, 3100));
    expect((await fetch(link.url)).status).toBe(403);
  });

  it('lists and deletes by prefix', async () => {
    const { storage } = scratch;
    for (const name of ['x/1', 'x/2', 'x/3', 'y/1']) await storage.put(name, name);
    expect((await Array.fromAsync(storage.list('x/'))).map((o) => o.key)).toEqual(['x/1', 'x/2', 'x/3']);
    expect(await storage.deletePrefix('x/')).toBe(3);
    expect(await Array.fromAsync(storage.list('x/'))).toEqual([]);
    await storage.delete('y/1');
    await storage.delete('y/1'); // deleting what is gone is fine
    expect(await storage.head('y/1')).toBeNull();
  });

  it('refuses keys that climb out of the prefix', () => {
    expect(() => scratch.storage.objectKey('../other/x')).toThrow(/invalid object key/);
    expect(() => scratch.storage.objectKey('/abs')).toThrow(/invalid object key/);
  });
});
