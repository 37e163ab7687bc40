import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'crypto';
import sharp, { Metadata, OutputInfo } from 'sharp';
import { DataSource, In } from 'typeorm';
import { AppError } from '../../common/errors/app-error';
import { Upload } from './upload.entity';
import { FILE_STORAGE, FileStorage } from './storage';

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
  ) {}

  /**
   * Re-encodes every photo: orientation applied, then written without metadata, so EXIF (GPS, device)
   * never leaves the server. A thumbnail is made for lists.
   */
  async accept(ownerId: number, data: Buffer): Promise<UploadView> {
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
    const key = `${day}/${name}.jpg`;
    const thumbKey = `${day}/${name}_t.jpg`;
    await this.storage.put(key, main.data, 'image/jpeg');
    await this.storage.put(thumbKey, thumb, 'image/jpeg');
    const row = await this.dataSource.getRepository(Upload).save({
      ownerId,
      key,
      thumbKey,
      mime: 'image/jpeg',
      bytes: main.data.length,
      width: main.info.width,
      height: main.info.height,
    });
    return this.view(row);
  }

  view(u: Upload): UploadView {
    return { id: u.id, url: this.storage.urlFor(u.key), thumbUrl: this.storage.urlFor(u.thumbKey), width: u.width, height: u.height };
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
