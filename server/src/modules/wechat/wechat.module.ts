import { Injectable, Logger, Module } from '@nestjs/common';
import type { HoldReason } from '@linli/domain';
import { AppError } from '../../common/errors/app-error';
import { RedisModule } from '../../common/redis/redis.module';
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

/** Text msgSecCheck did not pass, to be held from the public (`moderation/holds.service.ts`) until it is. */
export interface ContentVerdict {
  field: string;
  content: string;
  scene: 1 | 2 | 3 | 4;
  reason: HoldReason;
}

export type RecheckResult = 'pass' | 'risky' | 'review' | 'unreachable';

/** msgSecCheck v2 before public text is published. */
@Injectable()
export class ContentSafetyService {
  private readonly logger = new Logger('ContentSafety');
  constructor(private readonly wechat: WechatClient) {}

  /**
   * Throws CONTENT_RISKY naming the field. Text WeChat could not pass — it was unreachable, the author has no openid
   * (a password account), or it asked for a person's review — comes back as a verdict: the caller still saves it
   * (a resident's urgent matter is not blocked) and holds it from the public in the same transaction.
   */
  async check(field: string, content: string, openid: string | null, scene: 1 | 2 | 3 | 4 = 2): Promise<ContentVerdict | null> {
    if (!content.trim()) return null;
    if (!openid) return { field, content, scene, reason: 'no_openid' };
    const result = await this.ask(content, openid, scene);
    if (result === 'risky') throw new AppError('CONTENT_RISKY', '内容未通过安全检测，请修改后再提交', { [field]: ['内容未通过安全检测'] });
    if (result === 'pass') return null;
    return { field, content, scene, reason: result };
  }

  /** One question to WeChat; an outage is an answer too ('unreachable'), never an exception. */
  async ask(content: string, openid: string, scene: 1 | 2 | 3 | 4 = 2): Promise<RecheckResult> {
    try {
      const result = await this.wechat.msgSecCheck({ openid, content: content.slice(0, 2500), scene });
      return result.suggest === 'risky' ? 'risky' : result.suggest === 'review' ? 'review' : 'pass';
    } catch (err) {
      this.logger.warn(`msg_sec_check unavailable, the text is held for a re-check: ${(err as Error).message}`);
      return 'unreachable';
    }
  }
}

@Module({ imports: [RedisModule], providers: [WechatClient, ContentSafetyService], exports: [WechatClient, ContentSafetyService] })
export class WechatModule {}
