/** WeChat's documented errcodes that the product reacts to. */
export const WX_ERR = {
  OK: 0,
  SYSTEM_BUSY: -1,
  INVALID_CREDENTIAL: 40001, // access_token invalid
  INVALID_GRANT_TYPE: 40002,
  INVALID_OPENID: 40003,
  INVALID_APPID: 40013,
  INVALID_TEMPLATE_ID: 40037,
  INVALID_CODE: 40029,
  INVALID_APPSECRET: 40125,
  CODE_USED: 40163,
  INVALID_SCENE: 40169,
  USER_BLOCKED: 40226,
  MISSING_APPID: 41002,
  MISSING_APPSECRET: 41004,
  MISSING_CODE: 41008,
  REQUIRE_POST: 43002,
  INVALID_PAGE: 41030,
  ACCESS_TOKEN_EXPIRED: 42001,
  USER_REFUSED: 43101,
  RATE_LIMITED: 45011,
  /** reach max api daily quota limit: getwxacodeunlimit's, stable_token's 20 forced refreshes a day, … */
  QR_LIMIT: 45009,
  INVALID_ARGS: 47001,
  PHONE_QUOTA: 1400001,
} as const;

export class WechatApiError extends Error {
  constructor(
    public readonly errcode: number,
    public readonly errmsg: string,
    public readonly api: string,
  ) {
    super(`${api}: ${errcode} ${errmsg}`);
  }
}
