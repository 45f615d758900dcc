import { invalid, fail } from '../../../domain/errors.ts';
import {
  escalationObjectKindLabels,
  escalationObjectKinds,
  validateEscalationRule,
  type EscalationObjectKind,
  type EscalationStep,
} from '../../../domain/supervision/escalation-rules.ts';
import type { AppDeps } from '../../deps.ts';
import type { Tx } from '../../db/client.ts';
import { recordChange, type CallContext } from '../audit/audit.repository.ts';
import * as repo from './escalation.repository.ts';

/** Every kind with its rule (steps in increasing days), or none (`active` false: never escalated by schedule). */
export async function listEscalationRules(db: Tx) {
  const rows = new Map((await repo.listRules(db)).map((r) => [r.kind, r]));
  return {
    items: escalationObjectKinds.map((kind) => {
      const r = rows.get(kind);
      return {
        kind,
        label: escalationObjectKindLabels[kind],
        steps: [...(r?.steps ?? [])].sort((a, b) => a.afterWorkingDays - b.afterWorkingDays),
        active: r !== undefined,
        updatedAt: r?.updatedAt.toISOString() ?? null,
      };
    }),
  };
}

/**
 * Turns the domain's field (`problem_overdue.steps[2].afterWorkingDays`) into
 * the request's (`body.steps.2.afterWorkingDays`), as validation errors name fields.
 */
function bodyField(kind: string, field: string): string {
  return `body${field.slice(kind.length).replace(/\[(\d+)\]/g, '.$1')}`;
}

/**
 * 设置升级规则: replaces one kind's rule after domain/supervision's checks.
 * Negative or zero days, overlapping steps (two on the same day), a level
 * twice or a ladder that goes down are refused with 400, every issue listed
 * with its field and a message in both languages; nothing is written.
 */
export async function setEscalationRule(
  deps: AppDeps,
  c: CallContext,
  kind: EscalationObjectKind,
  steps: EscalationStep[],
): Promise<void> {
  const issues = validateEscalationRule(kind, { steps });
  if (issues.length > 0)
    throw invalid(issues.map((i) => ({ field: bodyField(kind, i.field), code: i.code, message: i.message })));
  const sorted = [...steps].sort((a, b) => a.afterWorkingDays - b.afterWorkingDays);
  await deps.database.db.transaction(async (tx) => {
    const before = await repo.lockRule(tx, kind);
    await repo.upsertRule(tx, kind, sorted, c.actor.id, c.now);
    await recordChange(tx, c, 'escalation_rule', 'escalation_rule.set', kind, before?.steps ?? null, sorted);
  });
}

/** 删除升级规则: the kind is no longer escalated by schedule (unanswered notices still climb). */
export async function deleteEscalationRule(
  deps: AppDeps,
  c: CallContext,
  kind: EscalationObjectKind,
): Promise<void> {
  await deps.database.db.transaction(async (tx) => {
    const before = await repo.lockRule(tx, kind);
    if (!before) throw fail('not_found', 'params.kind');
    await repo.deleteRule(tx, kind);
    await recordChange(tx, c, 'escalation_rule', 'escalation_rule.delete', kind, before.steps, null);
  });
}
