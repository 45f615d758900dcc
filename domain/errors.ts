/**
 * The one catalogue of error codes. Every error the API returns is one of these,
 * mapped to an HTTP status in one exhaustive switch (server/http/errors.ts).
 */
export const errorCatalogue = {
  validation_failed: { zh: '输入不符合要求', en: 'The input is not valid' },
  malformed_json: { zh: '请求体不是合法的 JSON', en: 'The request body is not valid JSON' },
  unsupported_media_type: { zh: '不支持的内容类型', en: 'Unsupported content type' },
  payload_too_large: { zh: '请求体过大', en: 'The request body is too large' },
  unauthenticated: { zh: '请先登录', en: 'Please sign in' },
  session_expired: { zh: '登录已过期，请重新登录', en: 'Your session has expired; sign in again' },
  invalid_credentials: { zh: '用户名或密码错误', en: 'Wrong username or password' },
  account_locked: {
    zh: '连续登录失败次数过多，账号已临时锁定',
    en: 'Too many failed sign-ins; the account is locked for a while',
  },
  account_disabled: { zh: '账号已停用', en: 'The account is disabled' },
  password_change_required: {
    zh: '首次登录须修改密码',
    en: 'You must change your password before continuing',
  },
  wrong_current_password: { zh: '当前密码不正确', en: 'The current password is wrong' },
  password_too_short: { zh: '密码至少 8 位', en: 'The password must have at least 8 characters' },
  password_too_simple: {
    zh: '密码须包含大写字母、小写字母、数字、符号中的至少三类',
    en: 'The password must mix at least three of: upper case, lower case, digits, symbols',
  },
  password_contains_username: {
    zh: '密码不能包含用户名',
    en: 'The password must not contain the username',
  },
  password_too_common: { zh: '密码过于常见', en: 'The password is too common' },
  password_reused: {
    zh: '新密码不能与当前密码相同',
    en: 'The new password must differ from the current one',
  },
  csrf_failed: {
    zh: '请求来源校验失败，请刷新页面后重试',
    en: 'The request origin could not be verified; reload the page and try again',
  },
  forbidden: { zh: '无权进行此操作', en: 'You are not allowed to do this' },
  not_found: { zh: '找不到该记录', en: 'The record was not found' },
  route_not_found: { zh: '接口不存在', en: 'No such endpoint' },
  method_not_allowed: { zh: '不支持该请求方法', en: 'Method not allowed' },
  rate_limited: { zh: '请求过于频繁，请稍后再试', en: 'Too many requests; try again later' },
  username_taken: { zh: '用户名已被使用', en: 'The username is already taken' },
  unit_code_taken: { zh: '单位编码已被使用', en: 'The unit code is already taken' },
  name_taken: { zh: '名称已被使用', en: 'The name is already taken' },
  unit_move_cycle: {
    zh: '不能把单位移到它自己或它的下级单位之下',
    en: 'A unit cannot be moved under itself or one of its descendants',
  },
  unit_has_active_children: {
    zh: '该单位还有未停用的下级单位，请先停用或移走下级单位',
    en: 'The unit still has active sub-units; deactivate or move them first',
  },
  parent_inactive: { zh: '上级单位已停用', en: 'The parent unit is deactivated' },
  unit_inactive: { zh: '单位已停用', en: 'The unit is deactivated' },
  unit_has_records: {
    zh: '该单位已有下级单位、人员或业务记录，只能停用，不能删除',
    en: 'The unit owns records (sub-units, people or history); deactivate it instead of deleting',
  },
  root_unit_immutable: {
    zh: '根单位不能移动、停用或删除',
    en: 'The root unit cannot be moved, deactivated or deleted',
  },
  separation_of_duties: {
    zh: '系统管理员、安全管理员、审计管理员三个角色不能由同一人兼任（三员分立）',
    en: 'The system, security and audit administrator roles must be held by three different people',
  },
  grant_exists: { zh: '该授权已存在', en: 'This role is already granted' },
  cannot_revoke_own_admin: {
    zh: '不能撤销自己的安全管理员角色',
    en: 'You cannot revoke your own security administrator role',
  },
  person_inactive: { zh: '人员已停用', en: 'The person is deactivated' },
  not_ready: { zh: '服务尚未就绪', en: 'The service is not ready' },
  internal_error: { zh: '服务器内部错误', en: 'Internal server error' },
} as const satisfies Record<string, { zh: string; en: string }>;

export type ErrorCode = keyof typeof errorCatalogue;

/** A failure the API reports as problem+json; `field` names the offending input. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly field?: string,
    readonly detail?: Record<string, unknown>,
  ) {
    super(code);
    this.name = 'AppError';
  }
}

/** Shorthand used by services: `throw fail('not_found')`. */
export function fail(code: ErrorCode, field?: string, detail?: Record<string, unknown>): AppError {
  return new AppError(code, field, detail);
}
