import { Logger } from '@nestjs/common';
import type { AppConfig } from '../../config/app.config';
import { S3Storage } from './s3-storage';
import { FileStorage, LocalDiskStorage } from './storage';

/** S3_* set → the bucket (every process sees every file); otherwise UPLOAD_DIR on this machine's disk. */
export function createFileStorage(config: AppConfig): FileStorage {
  if (!config.s3) return new LocalDiskStorage(config.uploadDir);
  new Logger('Uploads').log(`photos and QR codes in bucket ${config.s3.bucket}${config.s3.endpoint ? ` at ${config.s3.endpoint}` : ''}`);
  return new S3Storage(config.s3);
}
