import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'crypto';
import sharp, { Metadata, OutputInfo } from 'sharp';
import { DataSource, In } from 'typeorm';
import { AppError } from '../../common/errors/app-error';
import { TransactionService } from '../../database/transaction.service';
import { PHOTO_URL_SECONDS, SignedUrls } from '../../common/signed-urls/signed-urls';
import { IdempotencyService, validateIdempotencyKey } from '../idempotency/idempotency.service';
import { Upload } from './upload.entity';
import { FILE_STORAGE, FileStorage, isPrivateKey, PRIVATE_PREFIX } from './storage';

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
/** 40 megapixels: a phone photo is ~12–50 MP; a decompression bomb is far beyond. */
export const MAX_INPUT_PIXELS = 50_000_000;
const MAX_EDGE = 2048;
const THUMB_EDGE = 360;

/** Sniffed from bytes; the file name and declared content type are never trusted. */
export function sniffImageType(buf: Buffer): 'image/jpeg' | 'image/png' | 'image/webp' | null {
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'image/jpeg';
  if (buf.length >= 8 && buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (buf.length >= 12 && buf.toString('ascii', 0, 4) === 'RIFF' && buf.toString('ascii', 8, 12) === 'WEBP') return 'image/webp';
  return null;
}

export type PhotoVariant = 'photo' | 'thumb';

export const photoPath = (id: number, variant: PhotoVariant) => `/api/uploads/${id}/${variant}.jpg`;

export interface UploadOptions {
  /** Wish photos and proof photos (they show a beneficiary's home): stored under `private/`, never served at /uploads. */
  private?: boolean;
  /** The same key from the same person answers the first upload again instead of storing a second one. */
  idempotencyKey?: unknown;
}

export interface UploadView {
  id: number;
  url: string;
  thumbUrl: string;
  width: number;
  height: number;
}

@Injectable()
export class UploadsService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    private readonly signedUrls: SignedUrls,
    private readonly tx: TransactionService,
    private readonly idempotency: IdempotencyService,
  ) {}

  /**
   * Re-encodes every photo: orientation applied, then written without metadata, so EXIF (GPS, device)
   * never leaves the server. A thumbnail is made for lists.
   */
  async accept(ownerId: number, data: Buffer, options: UploadOptions = {}): Promise<UploadView> {
    const idemKey = validateIdempotencyKey(options.idempotencyKey);
    if (idemKey) {
      // A retry after the answer was lost: no second decode and store.
      const earlier = await this.earlier(ownerId, idemKey);
      if (earlier) return earlier;
    }
    if (!data.length) throw new AppError('UPLOAD_MISSING_FILE', undefined, { file: ['文件为空'] });
    if (data.length > MAX_UPLOAD_BYTES) throw new AppError('UPLOAD_TOO_LARGE', '图片不能超过 10 MB', { file: ['图片不能超过 10 MB'] });
    const type = sniffImageType(data);
    if (!type) throw new AppError('UPLOAD_UNSUPPORTED_TYPE', '只支持 JPG、PNG、WebP 图片', { file: ['文件内容不是支持的图片格式'] });

    let meta: Metadata;
    try {
      // Reading the header decodes no pixels, so a bomb is measured here before anything is decompressed.
      meta = await sharp(data, { limitInputPixels: false }).metadata();
    } catch {
      throw new AppError('UPLOAD_UNSUPPORTED_TYPE', '图片已损坏，无法读取', { file: ['图片已损坏'] });
    }
    if (!meta.width || !meta.height || meta.width * meta.height > MAX_INPUT_PIXELS) {
      throw new AppError('UPLOAD_TOO_LARGE', '图片像素过大', { file: ['图片像素过大（上限 5000 万像素）'] });
    }

    let main: { data: Buffer; info: OutputInfo };
    let thumb: Buffer;
    try {
      const base = () => sharp(data, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' }).rotate();
      main = await base().resize({ width: MAX_EDGE, height: MAX_EDGE, fit: 'inside', withoutEnlargement: true }).jpeg({ quality: 82, mozjpeg: true }).toBuffer({ resolveWithObject: true });
      thumb = await base().resize({ width: THUMB_EDGE, height: THUMB_EDGE, fit: 'cover' }).jpeg({ quality: 70 }).toBuffer();
    } catch {
      throw new AppError('UPLOAD_UNSUPPORTED_TYPE', '图片已损坏，无法读取', { file: ['图片已损坏'] });
    }

    const day = new Date().toISOString().slice(0, 10).replace(/-/g, '');
    const name = randomBytes(12).toString('hex');
    const dir = `${options.private ? PRIVATE_PREFIX : ''}${day}`;
    const key = `${dir}/${name}.jpg`;
    const thumbKey = `${dir}/${name}_t.jpg`;
    await this.storage.put(key, main.data, 'image/jpeg');
    await this.storage.put(thumbKey, thumb, 'image/jpeg');
    const values = { ownerId, key, thumbKey, mime: 'image/jpeg', bytes: main.data.length, width: main.info.width, height: main.info.height };
    const saved = await this.tx.run(async (em) => {
      if (idemKey) {
        // Two taps racing: the second waits on the key's unique index and answers the first's row (read after this
        // transaction, whose snapshot may predate the first's commit).
        const prior = await this.idempotency.claim(em, ownerId, 'upload', idemKey);
        if (prior) return Number(prior);
      }
      const row = await em.save(em.create(Upload, values));
      if (idemKey) await this.idempotency.complete(em, ownerId, 'upload', idemKey, row.id);
      return row;
    });
    return this.view(typeof saved === 'number' ? await this.dataSource.getRepository(Upload).findOneOrFail({ where: { id: saved } }) : saved);
  }

  private async earlier(ownerId: number, key: string): Promise<UploadView | null> {
    const rows: Array<{ resultId: string | null }> = await this.dataSource.query('SELECT resultId FROM idempotency_keys WHERE userId = ? AND scope = ? AND `key` = ?', [ownerId, 'upload', key]);
    const id = rows[0]?.resultId;
    if (!id) return null;
    const row = await this.dataSource.getRepository(Upload).findOne({ where: { id: Number(id) } });
    return row ? this.view(row) : null;
  }

  /** A public photo keeps its unguessable /uploads/ address; a private one gets expiring signed URLs. */
  view(u: Upload): UploadView {
    if (isPrivateKey(u.key)) return { ...this.signedView(u.id), width: u.width, height: u.height };
    return { id: u.id, url: this.storage.urlFor(u.key), thumbUrl: this.storage.urlFor(u.thumbKey), width: u.width, height: u.height };
  }

  /**
   * Signed, expiring URLs of a photo (an <Image> sends no login), made where a reader has just been allowed to see the
   * record it belongs to. Bound to the photo's id and variant: one cannot be turned into another photo's.
   */
  signedView(id: number): { id: number; url: string; thumbUrl: string } {
    return { id, url: this.signedUrls.sign(photoPath(id, 'photo'), PHOTO_URL_SECONDS).url, thumbUrl: this.signedUrls.sign(photoPath(id, 'thumb'), PHOTO_URL_SECONDS).url };
  }

  /** The bytes behind a signed photo URL; the signature is the permission. Streams from the store (disk or S3). */
  async signedPhoto(id: number, variant: PhotoVariant, rawUrl: string): Promise<{ data: Buffer; type: string; maxAge: number }> {
    const signed = this.signedUrls.verify(rawUrl);
    if (!signed?.ok || signed.userId !== undefined) throw new AppError('FORBIDDEN', '图片链接已失效，请刷新页面');
    const row = await this.dataSource.getRepository(Upload).findOne({ where: { id } });
    const data = row ? await this.storage.get(variant === 'thumb' ? row.thumbKey : row.key) : null;
    if (!data) throw AppError.notFound('图片');
    const exp = Number(new URLSearchParams(rawUrl.split('?', 2)[1] ?? '').get('exp'));
    return { data, type: sniffImageType(data) ?? 'application/octet-stream', maxAge: Math.max(0, Math.floor(exp - Date.now() / 1000)) };
  }

  /**
   * Photos attached to a record must belong to the one attaching them; returns their views in the given order.
   * Features call this to validate `photoIds` from a form.
   */
  async ownedViews(ownerId: number, ids: number[], field = 'photoIds'): Promise<UploadView[]> {
    if (!ids.length) return [];
    const rows = await this.dataSource.getRepository(Upload).find({ where: { id: In(ids) } });
    const byId = new Map(rows.map((r) => [r.id, r]));
    const views: UploadView[] = [];
    for (const id of ids) {
      const row = byId.get(id);
      if (!row || row.ownerId !== ownerId) throw AppError.field(field, `照片 ${id} 不存在或不属于你`);
      views.push(this.view(row));
    }
    return views;
  }
}
