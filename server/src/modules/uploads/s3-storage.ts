import { GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { S3Settings } from '../../config/app.config';
import { assertStorageKey, FileStorage } from './storage';

/**
 * Photos and QR codes in an S3-compatible bucket (S3_*), so every server process reads what any of them wrote.
 * The bucket should be private: public files are served by `/uploads/` through the server (or from S3_PUBLIC_URL
 * when a CDN or public-read prefix is set), private ones only through presigned, expiring GETs.
 */
export class S3Storage implements FileStorage {
  readonly kind = 's3' as const;
  readonly client: S3Client;

  constructor(private readonly settings: S3Settings) {
    this.client = new S3Client({
      region: settings.region,
      endpoint: settings.endpoint ?? undefined,
      forcePathStyle: settings.forcePathStyle,
      credentials: settings.accessKeyId && settings.secretAccessKey ? { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey } : undefined,
      // The SDK's default CRC32 checksums (2025) are refused by many S3-compatible stores (older MinIO, COS, OSS,
      // the test server); an upload is a single PUT whose bytes we just made, so a checksum only when required.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      maxAttempts: 3,
    });
  }

  async put(key: string, data: Buffer, contentType: string): Promise<void> {
    await this.client.send(new PutObjectCommand({ Bucket: this.settings.bucket, Key: assertStorageKey(key), Body: data, ContentType: contentType, ContentLength: data.length }));
  }

  async get(key: string): Promise<Buffer | null> {
    try {
      const res = await this.client.send(new GetObjectCommand({ Bucket: this.settings.bucket, Key: assertStorageKey(key) }));
      if (!res.Body) return null;
      return Buffer.from(await res.Body.transformToByteArray());
    } catch (err) {
      if (err instanceof NoSuchKey || (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return null;
      throw err;
    }
  }

  urlFor(key: string): string {
    return this.settings.publicUrl ? `${this.settings.publicUrl}/${key}` : `/uploads/${key}`;
  }

  signedUrl(key: string, ttlSeconds: number, options: { contentType?: string; downloadName?: string } = {}): Promise<string> {
    const command = new GetObjectCommand({
      Bucket: this.settings.bucket,
      Key: assertStorageKey(key),
      ResponseContentType: options.contentType,
      ResponseContentDisposition: options.downloadName ? `attachment; filename*=UTF-8''${encodeURIComponent(options.downloadName)}` : undefined,
    });
    return getSignedUrl(this.client, command, { expiresIn: Math.max(1, Math.min(7 * 24 * 3600, Math.floor(ttlSeconds))) });
  }
}
