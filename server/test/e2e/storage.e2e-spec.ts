import * as fs from 'fs';
import * as path from 'path';
import { FILE_STORAGE, FileStorage } from '../../src/modules/uploads/storage';
import { startTestApp, TestApp } from '../utils/test-app';

/** The default store, local disk (UPLOAD_DIR); the S3 store is proven with three processes in test/faults. */
describe('/uploads/ on local disk', () => {
  let t: TestApp;
  let storage: FileStorage;

  beforeAll(async () => {
    t = await startTestApp({}, { seed: false });
    storage = t.get<FileStorage>(FILE_STORAGE);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('should serve a public file by its key and keep the disk store when no S3_* is set', async () => {
    expect(storage.kind).toBe('local');
    const bytes = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
    await storage.put('20261203/abc_t.jpg', bytes, 'image/jpeg');
    expect(storage.urlFor('20261203/abc_t.jpg')).toBe('/uploads/20261203/abc_t.jpg');
    const res = await fetch(`${t.url}${storage.urlFor('20261203/abc_t.jpg')}`);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);
    expect((await storage.get('20261203/abc_t.jpg'))!.equals(bytes)).toBe(true);
    expect(await storage.get('20261203/missing.jpg')).toBeNull();
  });

  it('should never answer a private/ key at /uploads/, however the path is spelled, and sign no URL for it itself', async () => {
    await storage.put('private/20261203/home.jpg', Buffer.from([0xff, 0xd8, 0xff]), 'image/jpeg');
    expect(fs.existsSync(path.join(t.config.uploadDir, 'private', '20261203', 'home.jpg'))).toBe(true);
    for (const p of ['/uploads/private/20261203/home.jpg', '/uploads/%70rivate/20261203/home.jpg', '/uploads//private/20261203/home.jpg', '/uploads/x/../private/20261203/home.jpg']) {
      const res = await fetch(`${t.url}${p}`);
      expect(`${p} ${[403, 404].includes(res.status) ? 'refused' : res.status}`).toBe(`${p} refused`);
    }
    // Local disk cannot sign: the caller serves private bytes through its own signed route.
    expect(await storage.signedUrl('private/20261203/home.jpg', 60)).toBeNull();
  });

  it('should refuse a key that climbs out of the store', async () => {
    await expect(storage.put('../escape.jpg', Buffer.from('x'), 'image/jpeg')).rejects.toThrow(/bad storage key/);
    await expect(storage.get('/etc/passwd')).resolves.toBeNull();
  });
});
