import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, errorCatalogue, type ErrorCode } from '../../domain/errors.ts';

/** Maps every error code to its HTTP status: one exhaustive switch. */
export function statusOf(code: ErrorCode): number {
  switch (code) {
    case 'validation_failed':
    case 'malformed_json':
    case 'password_too_short':
    case 'password_too_simple':
    case 'password_contains_username':
    case 'password_too_common':
    case 'password_reused':
    case 'wrong_current_password':
    case 'sheet_not_xlsx':
    case 'sheet_encrypted':
    case 'sheet_empty':
    case 'sheet_too_many_rows':
    case 'sheet_bad_header':
    case 'sheet_formula':
    case 'file_empty':
    case 'evidence_required':
    case 'scheme_invalid':
    case 'period_invalid':
    case 'value_invalid':
      return 400;
    case 'unauthenticated':
    case 'session_expired':
    case 'invalid_credentials':
      return 401;
    case 'csrf_failed':
    case 'forbidden':
    case 'not_responsible_leader':
    case 'password_change_required':
    case 'account_disabled':
    case 'source_not_for_units':
    case 'not_team_member':
      return 403;
    case 'not_found':
    case 'route_not_found':
      return 404;
    case 'method_not_allowed':
      return 405;
    case 'username_taken':
    case 'unit_code_taken':
    case 'name_taken':
    case 'unit_move_cycle':
    case 'unit_inactive':
    case 'unit_has_active_children':
    case 'parent_inactive':
    case 'unit_has_records':
    case 'root_unit_immutable':
    case 'separation_of_duties':
    case 'grant_exists':
    case 'cannot_revoke_own_admin':
    case 'person_inactive':
    case 'wrong_state':
    case 'task_code_taken':
    case 'campaign_closed':
    case 'report_already_in':
    case 'report_not_due':
    case 'change_request_pending':
    case 'instruction_answered':
    case 'unit_not_below':
    case 'not_a_leader':
    case 'source_inactive':
    case 'category_inactive':
    case 'code_taken':
    case 'person_not_in_unit':
    case 'not_long_term':
    case 'merge_target_invalid':
    case 'notice_level_taken':
    case 'approver_is_drafter':
    case 'unit_not_in_round':
    case 'round_closed':
    case 'problem_not_self_inspection':
    case 'scheme_exists':
    case 'period_not_started':
    case 'already_published':
    case 'not_latest_revision':
    case 'evaluation_input_invalid':
    case 'survey_already_answered':
      return 409;
    case 'sheet_rows_invalid':
      return 422;
    case 'payload_too_large':
      return 413;
    case 'unsupported_media_type':
    case 'file_type_not_allowed':
      return 415;
    case 'account_locked':
    case 'rate_limited':
      return 429;
    case 'not_ready':
      return 503;
    case 'internal_error':
      return 500;
  }
}

export interface FieldError {
  field: string;
  code: string;
  message: { zh: string; en: string };
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  message: { zh: string; en: string };
  field?: string;
  errors?: FieldError[];
  detail?: Record<string, unknown>;
}

/** Builds the problem+json body for an error code. */
export function problemOf(
  code: ErrorCode,
  field?: string,
  extra?: { errors?: FieldError[]; detail?: Record<string, unknown> },
): Problem {
  const message = errorCatalogue[code];
  return {
    type: `urn:luoshi:problem:${code}`,
    title: message.en,
    status: statusOf(code),
    code,
    message: { zh: message.zh, en: message.en },
    ...(field !== undefined ? { field } : {}),
    ...(extra?.errors ? { errors: extra.errors } : {}),
    ...(extra?.detail ? { detail: extra.detail } : {}),
  };
}

/** Translates one Zod issue into a bilingual field error. */
export function fieldErrorOf(issue: z.core.$ZodIssue, prefix: string): FieldError {
  const field = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
  const i = issue as z.core.$ZodIssue & Record<string, unknown>;
  let zh = '取值不符合要求';
  switch (issue.code) {
    case 'invalid_type':
      zh = issue.input === undefined ? '必填' : `类型应为 ${String(i.expected)}`;
      break;
    case 'too_big':
      zh =
        i.origin === 'string' ? `长度不能超过 ${String(i.maximum)} 个字符` : `不能大于 ${String(i.maximum)}`;
      break;
    case 'too_small':
      zh =
        i.origin === 'string'
          ? Number(i.minimum) <= 1
            ? '不能为空'
            : `长度不能少于 ${String(i.minimum)} 个字符`
          : `不能小于 ${String(i.minimum)}`;
      break;
    case 'unrecognized_keys':
      zh = `不允许的字段：${(i.keys as string[]).join('、')}`;
      break;
    case 'invalid_format':
      zh = '格式不正确';
      break;
    case 'invalid_value':
      zh = '不是允许的取值';
      break;
    default:
      break;
  }
  const keys = issue.code === 'unrecognized_keys' ? (i.keys as string[]) : [];
  return {
    field: keys.length === 1 ? [field, keys[0]].filter(Boolean).join('.') : field || prefix,
    code: issue.code,
    message: { zh, en: issue.message },
  };
}

/** Reports a Zod failure on part of a request (`body`, `query`, `params`). */
export function validationProblem(error: z.ZodError, part: string): Problem {
  const errors = error.issues.map((issue) => fieldErrorOf(issue, part));
  return problemOf('validation_failed', errors[0]?.field, { errors });
}

function send(reply: FastifyReply, problem: Problem): FastifyReply {
  return reply.status(problem.status).type('application/problem+json; charset=utf-8').send(problem);
}

/** The one error handler: codes become problem+json; unknown errors become a logged 500. */
export function errorHandler(err: FastifyError | Error, req: FastifyRequest, reply: FastifyReply) {
  if (err instanceof AppError)
    return send(
      reply,
      problemOf(err.code, err.field, {
        ...(err.detail ? { detail: err.detail } : {}),
        ...(err.errors ? { errors: [...err.errors] } : {}),
      }),
    );
  if (err instanceof z.ZodError) return send(reply, validationProblem(err, 'body'));
  const code = (err as FastifyError).code;
  switch (code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return send(reply, problemOf('malformed_json', 'body'));
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return send(reply, problemOf('payload_too_large', 'body'));
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return send(reply, problemOf('unsupported_media_type', 'content-type'));
    default:
      break;
  }
  if (err instanceof SyntaxError && (err as FastifyError).statusCode === 400) {
    return send(reply, problemOf('malformed_json', 'body'));
  }
  const status = (err as FastifyError).statusCode;
  if (status === 413) return send(reply, problemOf('payload_too_large', 'body'));
  if (status === 415) return send(reply, problemOf('unsupported_media_type', 'content-type'));
  if (status === 400) return send(reply, problemOf('validation_failed'));
  req.log.error({ err }, 'unhandled error');
  return send(reply, problemOf('internal_error'));
}

/** 404 for unknown routes, as problem+json. */
export function notFoundHandler(_req: FastifyRequest, reply: FastifyReply) {
  return send(reply, problemOf('route_not_found'));
}
