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
  wrong_state: {
    zh: '当前状态下不能进行此操作',
    en: 'This cannot be done in the current state',
  },
  task_code_taken: {
    zh: '该任务编号在本行动中已被使用',
    en: 'This task code is already used in the campaign',
  },
  campaign_closed: { zh: '该专项行动已结束', en: 'The campaign is closed' },
  report_already_in: {
    zh: '本期报送已提交，请等待审核或修改被退回的报送',
    en: 'This period is already reported; wait for the decision or revise a returned report',
  },
  report_not_due: {
    zh: '该任务当前不需要报送',
    en: 'No report is due for this task now',
  },
  change_request_pending: {
    zh: '已有一项调整申请待审批',
    en: 'A change request is already waiting for a decision',
  },
  not_responsible_leader: {
    zh: '只有该任务的包保领导可以作出批示',
    en: 'Only a responsible leader of the task can write an instruction',
  },
  not_a_leader: {
    zh: '包保领导须为具有“包保/分管领导”角色的在职人员',
    en: 'A responsible leader must be an active person holding the leader role',
  },
  instruction_answered: { zh: '该批示已回复', en: 'This instruction has already been answered' },
  unit_not_below: {
    zh: '分解任务只能交给牵头单位的下级单位',
    en: 'A task can only be split to units below its lead unit',
  },
  evidence_required: {
    zh: '申请销号须提交佐证：整改情况说明或佐证材料',
    en: 'A claim for closing needs evidence: what was done, or files showing it',
  },
  source_not_for_units: {
    zh: '单位只能录入本单位的自查自纠问题',
    en: 'A unit can only record its own self-inspection problems',
  },
  source_inactive: { zh: '该问题来源已停用', en: 'This problem source is deactivated' },
  category_inactive: { zh: '该问题类别已停用', en: 'This problem category is deactivated' },
  code_taken: { zh: '编码已被使用', en: 'The code is already taken' },
  person_not_in_unit: {
    zh: '责任人须为责任单位的在职人员',
    en: 'The responsible person must be an active member of the responsible unit',
  },
  not_long_term: {
    zh: '只有长期整改问题按阶段目标报告进度',
    en: 'Only a long-term problem reports progress against stage targets',
  },
  merge_target_invalid: {
    zh: '只能合并到另一个尚未销号、未作废的问题',
    en: 'A problem can only be merged into another problem that is still open',
  },
  sheet_not_xlsx: {
    zh: '文件不是 Excel 工作簿（.xlsx）',
    en: 'The file is not an Excel workbook (.xlsx)',
  },
  sheet_encrypted: {
    zh: '工作簿有密码保护，请取消密码后再上传',
    en: 'The workbook is password-protected; remove the password and upload it again',
  },
  sheet_empty: { zh: '工作表中没有数据行', en: 'The sheet has no data rows' },
  sheet_too_many_rows: { zh: '工作表行数超过上限', en: 'The sheet has too many rows' },
  sheet_bad_header: {
    zh: '表头与模板不一致（缺少列、重复列或合并单元格）',
    en: 'The header row does not match the template (missing, repeated or merged columns)',
  },
  sheet_formula: {
    zh: '工作表含有公式，请粘贴为数值后再上传',
    en: 'The sheet contains formulas; paste them as values and upload again',
  },
  sheet_rows_invalid: {
    zh: '工作表中有错误，未导入任何数据',
    en: 'The sheet has errors; nothing was imported',
  },
  file_type_not_allowed: {
    zh: '文件类型不允许（仅限 jpg、png、pdf、docx、xlsx）',
    en: 'This file type is not allowed (jpg, png, pdf, docx, xlsx only)',
  },
  file_empty: { zh: '文件为空', en: 'The file is empty' },
  notice_level_taken: {
    zh: '该事项在本期已有同级或更高等级的督办单',
    en: 'This matter already has a notice at this level or higher for its current due date',
  },
  approver_is_drafter: {
    zh: '签发人不能是起草人（须两人经手）',
    en: 'The person who drafted it cannot approve it (four eyes)',
  },
  unit_not_in_round: {
    zh: '该单位不在本轮督查范围内',
    en: 'The unit is not covered by this inspection round',
  },
  round_closed: { zh: '该督查轮次已结束', en: 'The inspection round is closed' },
  not_team_member: {
    zh: '只有该督查组成员或领导小组办公室可以记录走访',
    en: 'Only a member of the team or the office can record a visit',
  },
  problem_not_self_inspection: {
    zh: '只能提交本单位在责令重新检视后录入的自查自纠问题',
    en: 'Only self-inspection problems the unit recorded since the order can be submitted',
  },
  scheme_invalid: {
    zh: '考评方案不符合要求，请按提示修改',
    en: 'The evaluation scheme is not valid; see each field',
  },
  scheme_exists: {
    zh: '该专项行动已有同一赛道、同一周期的考评方案',
    en: 'The campaign already has a scheme for this peer group and period kind',
  },
  period_invalid: {
    zh: '考评期次格式不正确（月：2026-03，季度：2026-Q1，年度：2026）',
    en: 'Not a period of this scheme (month 2026-03, quarter 2026-Q1, year 2026)',
  },
  period_not_started: { zh: '该考评期次尚未开始', en: 'The period has not started yet' },
  already_published: {
    zh: '该期结果已发布；如需修改，请对已发布结果提出更正',
    en: 'This period is already published; correct the published board instead',
  },
  not_latest_revision: {
    zh: '只能更正该期最新发布的结果',
    en: 'Only the latest published revision of a period can be corrected',
  },
  value_invalid: {
    zh: '得分不符合该指标的要求（数值或 A/B/C/D 档次）',
    en: 'The value does not fit the indicator (a number, or a grade A/B/C/D)',
  },
  evaluation_input_invalid: {
    zh: '考评数据与方案不一致，无法计算',
    en: 'The inputs do not fit the scheme; nothing could be computed',
  },
  survey_already_answered: {
    zh: '本月您已评价过该单位，感谢参与',
    en: 'You have already rated this unit this month; thank you',
  },
  not_ready: { zh: '服务尚未就绪', en: 'The service is not ready' },
  internal_error: { zh: '服务器内部错误', en: 'Internal server error' },
} as const satisfies Record<string, { zh: string; en: string }>;

export type ErrorCode = keyof typeof errorCatalogue;

/** One offending field of a refused input, with its own code and message. */
export interface FieldIssue {
  field: string;
  code: string;
  message: { zh: string; en: string };
}

/** A failure the API reports as problem+json; `field` names the offending input, `errors` every one. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly field?: string,
    readonly detail?: Record<string, unknown>,
    readonly errors?: readonly FieldIssue[],
  ) {
    super(code);
    this.name = 'AppError';
  }
}

/** Shorthand used by services: `throw fail('not_found')`. */
export function fail(
  code: ErrorCode,
  field?: string,
  detail?: Record<string, unknown>,
  errors?: readonly FieldIssue[],
): AppError {
  return new AppError(code, field, detail, errors);
}

/** A validation failure found by a domain rule: every issue, the first one's field as `field`. */
export function invalid(errors: FieldIssue[]): AppError {
  return new AppError('validation_failed', errors[0]?.field, undefined, errors);
}
