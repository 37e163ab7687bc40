/**
 * Error codes shared by server and client. The server maps each code to an HTTP status in one place
 * (server/src/common/errors); the client shows `ERROR_MESSAGES[code]` when the server sends no message.
 * Feature modules append their own codes here, grouped by prefix.
 */
export const ERROR_CODES = {
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  NOT_FOUND: 'NOT_FOUND',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  CONFLICT: 'CONFLICT',
  RATE_LIMITED: 'RATE_LIMITED',
  ILLEGAL_TRANSITION: 'ILLEGAL_TRANSITION',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  INTERNAL: 'INTERNAL',
  // auth
  AUTH_BAD_CREDENTIALS: 'AUTH_BAD_CREDENTIALS',
  AUTH_DEMO_DISABLED: 'AUTH_DEMO_DISABLED',
  WECHAT_INVALID_CODE: 'WECHAT_INVALID_CODE',
  WECHAT_RATE_LIMITED: 'WECHAT_RATE_LIMITED',
  WECHAT_USER_BLOCKED: 'WECHAT_USER_BLOCKED',
  WECHAT_UNAVAILABLE: 'WECHAT_UNAVAILABLE',
  CONTENT_RISKY: 'CONTENT_RISKY',
  // places
  PLACE_SCENE_INVALID: 'PLACE_SCENE_INVALID',
  PLACE_SCENE_TAKEN: 'PLACE_SCENE_TAKEN',
  // uploads
  UPLOAD_TOO_LARGE: 'UPLOAD_TOO_LARGE',
  UPLOAD_UNSUPPORTED_TYPE: 'UPLOAD_UNSUPPORTED_TYPE',
  UPLOAD_MISSING_FILE: 'UPLOAD_MISSING_FILE',
} as const;

export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES] | string;

export const ERROR_MESSAGES: Record<string, string> = {
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
};

export interface ApiErrorBody {
  statusCode: number;
  code: ErrorCode;
  message: string;
  /** field name → messages, for validation failures */
  fields?: Record<string, string[]>;
}
