import { wechatPage } from '@linli/domain';
import { Inject, Injectable } from '@nestjs/common';
import * as QRCode from 'qrcode';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/app.config';
import { FILE_STORAGE, FileStorage } from '../uploads/storage';
import { WechatClient } from '../wechat/wechat.client';
import { toAppError } from '../wechat/wechat.module';

/** The page a scanned 小程序码 opens; it reads `scene` from its options. A tab page, so it is in the main package. */
export const SCAN_LANDING_PAGE = wechatPage('home');

/**
 * The printable code for a scene (a point's sticker, an activity's check-in code). With real WeChat credentials it is
 * a 小程序码 from getwxacodeunlimit, made once and kept (WeChat allows 5000 a minute, so codes are not generated per
 * view). Otherwise it is a plain QR of the H5 URL with ?scene=. Callers check who may print before asking.
 */
@Injectable()
export class QrCodeService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    private readonly wechat: WechatClient,
  ) {}

  async scenePng(scene: string, origin: string, width = 430): Promise<Buffer> {
    const w = Math.min(1280, Math.max(280, width));
    if (this.config.wechat.credentialsConfigured) {
      const key = `qrcodes/${scene.replace(/[^a-z0-9_-]/gi, (c) => c.charCodeAt(0).toString(16))}_${w}.png`;
      const cached = await this.storage.get(key);
      if (cached) return cached;
      let png: Buffer;
      try {
        png = await this.wechat.getWxacodeUnlimit({ scene, page: SCAN_LANDING_PAGE, width: w, check_path: false });
      } catch (err) {
        throw toAppError(err);
      }
      // The stored copy is only a cache: two first views racing on one key must still both get the code, and a
      // storage failure is not "WeChat unavailable".
      await this.storage.put(key, png, 'image/png').catch(() => undefined);
      return png;
    }
    return QRCode.toBuffer(this.h5Url(origin, scene), { type: 'png', width: w, margin: 2, errorCorrectionLevel: 'M' });
  }

  h5Url(origin: string, scene: string) {
    const base = (this.config.publicUrl ?? origin).replace(/\/$/, '');
    return `${base}/?scene=${encodeURIComponent(scene)}`;
  }
}
