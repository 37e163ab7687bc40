import { Module } from '@nestjs/common';
import { SignedUrls } from './signed-urls';

/** Signs and checks the short-lived image URLs; needs only the config. Re-exported by UploadsModule for the features. */
@Module({ providers: [SignedUrls], exports: [SignedUrls] })
export class SignedUrlsModule {}
