import { Controller, Get, Headers, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiProduces, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import { IsIn, IsOptional } from 'class-validator';
import { AppError } from '../../common/errors/app-error';
import { AuthUser, CurrentUser, Public } from '../../common/decorators/auth.decorators';
import { IdParam } from '../../common/params';
import { SignedUrlQuery } from '../../common/signed-urls/signed-urls';
import { MAX_UPLOAD_BYTES, PhotoVariant, UploadsService } from './uploads.service';

export class UploadQuery {
  @ApiPropertyOptional({ enum: ['public', 'private'], description: 'private: wish and proof photos, reachable only by signed, expiring URLs' })
  @IsOptional()
  @IsIn(['public', 'private'], { message: '可见范围须为 public 或 private' })
  visibility?: 'public' | 'private';
}

@ApiTags('uploads')
@ApiBearerAuth()
@Controller('uploads')
export class UploadsController {
  constructor(private readonly uploads: UploadsService) {}

  @Post()
  @Throttle({ default: { limit: 60, ttl: 60_000 } })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  async upload(@CurrentUser() user: AuthUser, @Req() req: any, @Query() q: UploadQuery, @Headers('idempotency-key') key?: string) {
    if (!req.isMultipart?.()) throw new AppError('UPLOAD_MISSING_FILE', '请以 multipart/form-data 上传，字段名 file', { file: ['缺少文件'] });
    let file;
    try {
      file = await req.file({ limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 } });
    } catch {
      throw new AppError('UPLOAD_MISSING_FILE', '上传内容格式有误', { file: ['缺少文件'] });
    }
    if (!file) throw new AppError('UPLOAD_MISSING_FILE', undefined, { file: ['缺少文件'] });
    let data: Buffer;
    try {
      data = await file.toBuffer();
    } catch (err: any) {
      if (err?.code === 'FST_REQ_FILE_TOO_LARGE' || err?.statusCode === 413) {
        throw new AppError('UPLOAD_TOO_LARGE', '图片不能超过 10 MB', { file: ['图片不能超过 10 MB'] });
      }
      throw new AppError('UPLOAD_MISSING_FILE', '上传中断，请重试', { file: ['上传中断'] });
    }
    if (file.file?.truncated) throw new AppError('UPLOAD_TOO_LARGE', '图片不能超过 10 MB', { file: ['图片不能超过 10 MB'] });
    return this.uploads.accept(user.id, data, { private: q.visibility === 'private', idempotencyKey: key });
  }

  /** A private photo by its signed URL (from the record that shows it); no login, the signature is the permission. */
  @Public()
  @ApiProduces('image/jpeg')
  @Get(':id/photo.jpg')
  photo(@Param() p: IdParam, @Query() _q: SignedUrlQuery, @Req() req: any, @Res() reply: any) {
    return this.send('photo', p.id, req, reply);
  }

  @Public()
  @ApiProduces('image/jpeg')
  @Get(':id/thumb.jpg')
  thumb(@Param() p: IdParam, @Query() _q: SignedUrlQuery, @Req() req: any, @Res() reply: any) {
    return this.send('thumb', p.id, req, reply);
  }

  private async send(variant: PhotoVariant, id: number, req: any, reply: any) {
    const file = await this.uploads.signedPhoto(id, variant, String(req.url ?? ''));
    reply
      .header('content-type', file.type)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', `private, max-age=${file.maxAge}`)
      .send(file.data);
  }
}
