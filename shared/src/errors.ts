/**
 * Error codes the API answers with, their HTTP status and the message a
 * resident or a staff member reads. The BFF sends `{ error: { code, message,
 * fields? } }`; the mini-program shows `message` or its own text for the code.
 */
export const ERRORS = {
  VALIDATION_FAILED: { status: 400, message: '填写的内容有误，请检查后重试' },
  MALFORMED_REQUEST: { status: 400, message: '请求格式不正确' },
  IDEMPOTENCY_KEY_REQUIRED: { status: 400, message: '缺少请求编号（Idempotency-Key），请重新提交' },
  UNAUTHENTICATED: { status: 401, message: '请先登录' },
  TOKEN_EXPIRED: { status: 401, message: '登录已过期，请重新登录' },
  BAD_CREDENTIALS: { status: 401, message: '用户名或密码不正确' },
  FORBIDDEN: { status: 403, message: '没有权限进行此操作' },
  PROFILE_INCOMPLETE: { status: 403, message: '请先完善实名信息' },
  CONSENT_REQUIRED: { status: 403, message: '尚未取得居民授权：请上传本人签字的授权书，或请本人在小程序中确认后再提交' },
  NOT_FOUND: { status: 404, message: '要找的内容不存在' },
  METHOD_NOT_ALLOWED: { status: 405, message: '不支持此操作' },
  CONFLICT: { status: 409, message: '数据已被修改，请刷新后重试' },
  STALE_VERSION: { status: 409, message: '申请已被他人处理，请刷新后重试' },
  DUPLICATE_APPLICATION: { status: 409, message: '您已有一份正在办理的同类申请' },
  IDEMPOTENCY_KEY_REUSED: { status: 409, message: '同一请求编号提交了不同的内容' },
  INVALID_TRANSITION: { status: 409, message: '当前状态下不能进行此操作' },
  DUPLICATE_CERTIFICATE: { status: 409, message: '您已有一份正在办理或有效的《就业创业证》，无需重复申请' },
  NO_CAPACITY: { status: 409, message: '名额已满' },
  CROSS_PROGRAMME_CONFLICT: { status: 409, message: '与您的另一份申请冲突' },
  ID_NUMBER_TAKEN: { status: 409, message: '该身份证号已被其他账号使用，请联系社区劳动保障站' },
  PAYLOAD_TOO_LARGE: { status: 413, message: '提交的内容过大' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: '不支持的文件或内容类型' },
  NOT_ELIGIBLE: { status: 422, message: '暂不符合申请条件' },
  PROGRAM_CLOSED: { status: 422, message: '该项目当前不在受理时间内' },
  RATE_LIMITED: { status: 429, message: '尝试次数过多，请稍后再试' },
  INTERNAL: { status: 500, message: '系统出了点问题，请稍后再试' },
  SERVICE_UNAVAILABLE: { status: 503, message: '系统暂时无法处理，请稍后再试' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERRORS;

/** Field-level messages: path (dot-joined) → Chinese message. */
export type FieldErrors = Record<string, string>;

export interface ApiErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    fields?: FieldErrors;
    requestId?: string;
    /** Extra, code-specific facts, e.g. the existing application of a duplicate. */
    details?: Record<string, unknown>;
  };
}
