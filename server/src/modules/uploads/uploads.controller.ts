import { Controller, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import { AppError } from '../../common/errors/app-error';
import { AuthUser, CurrentUser } from '../../common/decorators/auth.decorators';
import { MAX_UPLOAD_BYTES, UploadsService } from './uploads.service';

@ApiTags('uploads')
@ApiBearerAuth()
@Controller('uploads')
export class UploadsController {
  constructor(private readonly uploads: UploadsService) {}

  @Post()
  @Throttle({ default: { limit: 60, ttl: 60_000 } })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  async upload(@CurrentUser() user: AuthUser, @Req() req: any) {
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
    return this.uploads.accept(user.id, data);
  }
}
