import { Injectable, Logger, Module } from '@nestjs/common';
import { AppError } from '../../common/errors/app-error';
import { WechatClient } from './wechat.client';
import { WechatApiError, WX_ERR } from './wechat.errors';

/** WeChat's errcodes as the product's coded errors: a bad login code is the user's problem (4xx), an outage is 502. */
export function toAppError(err: unknown): AppError {
  if (!(err instanceof WechatApiError)) return new AppError('WECHAT_UNAVAILABLE');
  switch (err.errcode) {
    case WX_ERR.INVALID_CODE:
    case WX_ERR.CODE_USED:
    case WX_ERR.MISSING_CODE:
      return new AppError('WECHAT_INVALID_CODE', undefined, undefined, { wechatErrcode: err.errcode });
    case WX_ERR.RATE_LIMITED:
      return new AppError('WECHAT_RATE_LIMITED', undefined, undefined, { wechatErrcode: err.errcode });
    case WX_ERR.USER_BLOCKED:
      return new AppError('WECHAT_USER_BLOCKED', undefined, undefined, { wechatErrcode: err.errcode });
    default:
      return new AppError('WECHAT_UNAVAILABLE', undefined, undefined, { wechatErrcode: err.errcode });
  }
}

/** msgSecCheck v2 before public text is published. */
@Injectable()
export class ContentSafetyService {
  private readonly logger = new Logger('ContentSafety');
  constructor(private readonly wechat: WechatClient) {}

  /**
   * Throws CONTENT_RISKY naming the field. `review` passes (a person moderates later); an unreachable
   * WeChat does not block a resident's urgent matter, it is logged instead.
   */
  async check(field: string, content: string, openid: string | null, scene: 1 | 2 | 3 | 4 = 2): Promise<void> {
    if (!content.trim() || !openid) return;
    let result;
    try {
      result = await this.wechat.msgSecCheck({ openid, content: content.slice(0, 2500), scene });
    } catch (err) {
      this.logger.warn(`msg_sec_check unavailable, content accepted unchecked: ${(err as Error).message}`);
      return;
    }
    if (result.suggest === 'risky') {
      throw new AppError('CONTENT_RISKY', '内容未通过安全检测，请修改后再提交', { [field]: ['内容未通过安全检测'] });
    }
  }
}

@Module({ providers: [WechatClient, ContentSafetyService], exports: [WechatClient, ContentSafetyService] })
export class WechatModule {}
