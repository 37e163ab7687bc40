import { promises as fs } from 'fs';
import * as path from 'path';

/**
 * Where photo and QR-code bytes live: local disk (one machine) or an S3-compatible bucket (`s3-storage.ts`, several
 * processes). Keys are `[a-z0-9/_.-]`, never `..`.
 *
 * Public and private files: `/uploads/<key>` (`urlFor`) serves any key EXCEPT those under `private/`
 * (`isPrivateKey`). A private file is reached only through an expiring address: `signedUrl` when the store can sign
 * one itself (S3's presigned GET), otherwise (`null`, local disk) through the caller's own signed route, which reads
 * the bytes with `get`.
 */
export interface FileStorage {
  /** 'local' or 's3', for logs and health */
  readonly kind: 'local' | 's3';
  put(key: string, data: Buffer, contentType: string): Promise<void>;
  /** the bytes, or null when there is no such file */
  get(key: string): Promise<Buffer | null>;
  /** the stable address of a public file */
  urlFor(key: string): string;
  /**
   * An address valid for `ttlSeconds` that the client fetches without our headers (e.g. an `<Image>`); null when this
   * store cannot sign one and the server must serve the bytes itself.
   */
  signedUrl(key: string, ttlSeconds: number, options?: { contentType?: string; downloadName?: string }): Promise<string | null>;
}

export const FILE_STORAGE = Symbol('FILE_STORAGE');

/** Keys under this prefix are never served at `/uploads/`. */
export const PRIVATE_PREFIX = 'private/';

export function isPrivateKey(key: string): boolean {
  return key.replace(/^\/+/, '').startsWith(PRIVATE_PREFIX);
}

export function assertStorageKey(key: string): string {
  if (!/^[a-z0-9/_.-]+$/i.test(key) || key.includes('..') || key.startsWith('/')) throw new Error(`bad storage key ${key}`);
  return key;
}

/** Content type by extension: the store's answer is never guessed from the bytes (see the nosniff header). */
export function contentTypeFor(key: string): string {
  const ext = path.extname(key).toLowerCase();
  return ext === '.jpg' || ext === '.jpeg' ? 'image/jpeg' : ext === '.png' ? 'image/png' : ext === '.webp' ? 'image/webp' : 'application/octet-stream';
}

export class LocalDiskStorage implements FileStorage {
  readonly kind = 'local' as const;

  constructor(private readonly root: string) {}

  async put(key: string, data: Buffer): Promise<void> {
    const file = this.resolve(key);
    await fs.mkdir(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    await fs.writeFile(tmp, data);
    await fs.rename(tmp, file);
  }

  async get(key: string): Promise<Buffer | null> {
    try {
      return await fs.readFile(this.resolve(key));
    } catch {
      return null;
    }
  }

  urlFor(key: string): string {
    return `/uploads/${key}`;
  }

  async signedUrl(): Promise<string | null> {
    return null;
  }

  private resolve(key: string) {
    return path.join(this.root, assertStorageKey(key));
  }
}
