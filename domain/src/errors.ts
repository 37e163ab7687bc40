/**
 * Codes every module shares (validation, auth, not found…) and those of the small modules (auth, WeChat, places,
 * uploads, idempotency). Each flow keeps its own typed codes beside its lifecycle (`TICKET_ERRORS`,
 * `WISH_ERROR_MESSAGES`, `EVENT_ERROR_MESSAGES`); `error-codes.ts` puts them together, explicitly.
 */
export const COMMON_ERROR_MESSAGES = {
  VALIDATION_FAILED: '填写的内容有误，请检查后再提交',
  NOT_FOUND: '没有找到相关内容',
  UNAUTHENTICATED: '请先登录',
  FORBIDDEN: '没有权限进行此操作',
  CONFLICT: '操作冲突，请刷新后重试',
  RATE_LIMITED: '操作太频繁，请稍后再试',
  ILLEGAL_TRANSITION: '当前状态下不能进行此操作',
  SERVICE_UNAVAILABLE: '服务暂时不可用，请稍后再试',
  INTERNAL: '系统开小差了，请稍后再试',
  AUTH_BAD_CREDENTIALS: '用户名或密码错误',
  AUTH_DEMO_DISABLED: '演示模式未开启',
  WECHAT_INVALID_CODE: '微信登录凭证无效，请重新进入小程序',
  WECHAT_RATE_LIMITED: '微信登录太频繁，请稍后再试',
  WECHAT_USER_BLOCKED: '该微信账号存在风险，暂时无法登录',
  WECHAT_UNAVAILABLE: '微信服务暂时不可用，请稍后再试',
  CONTENT_RISKY: '内容未通过安全检测，请修改后再提交',
  PLACE_SCENE_INVALID: '二维码无效或已停用',
  PLACE_SCENE_TAKEN: '该点位编码已被使用',
  UPLOAD_TOO_LARGE: '图片太大，请压缩后再上传',
  UPLOAD_UNSUPPORTED_TYPE: '只支持 JPG、PNG、WebP 图片',
  UPLOAD_MISSING_FILE: '请选择要上传的图片',
  IDEMPOTENT_RETRY: '相同的提交正在处理，请稍候',
  REQUEST_TOO_DEEP: '请求内容嵌套太深',
  REQUEST_TOO_LARGE: '请求内容过大',
} as const;

export type CommonErrorCode = keyof typeof COMMON_ERROR_MESSAGES;
