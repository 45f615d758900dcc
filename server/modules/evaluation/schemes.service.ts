import { sql } from 'drizzle-orm';
import type {
  SchemeContent,
  SchemeCreateBody,
  SchemeDetail,
  SchemeSummary,
} from '../../../domain/contracts/evaluation.ts';
import { fail, type FieldIssue } from '../../../domain/errors.ts';
import { availableMetrics } from '../../../domain/evaluation/metrics.ts';
import { validateScheme, type Indicator } from '../../../domain/evaluation/scheme.ts';
import type { Db, Tx } from '../../db/client.ts';
import { scopeOf, type Actor } from '../../http/actor.ts';
import { recordChange, type CallContext } from '../audit/audit.repository.ts';
import { isUniqueViolation } from './evaluation.policy.ts';
import * as repo from './schemes.repository.ts';

export type Call = CallContext & { actor: Actor };

export const isOffice = (actor: Actor) => scopeOf(actor, ['office']).length > 0;

/**
 * Checks a scheme's content by the domain's rules (validateScheme: weights
 * adding up to exactly 100, directions, grade points, caps, quotas…) and that
 * every computed indicator is one the platform has records for. Throws 400
 * `scheme_invalid` listing every issue, each naming its field under `prefix`.
 */
export function checkContent(content: SchemeContent, name: string, prefix = 'body.content'): void {
  const issues: FieldIssue[] = validateScheme({
    id: 0,
    version: 0,
    name,
    indicators: content.indicators as Indicator[],
    grading: content.grading,
  }).map((i) => ({ field: `${prefix}.${i.field}`, code: i.code, message: i.message }));
  content.indicators.forEach((ind, k) => {
    if (ind.source === 'computed' && !availableMetrics.includes(ind.metric))
      issues.push({
        field: `${prefix}.indicators[${k}].metric`,
        code: 'metric_unavailable',
        message: {
          zh: `指标“${ind.name}”的计算口径暂无数据来源（接诉即办尚未上线）`,
          en: `Indicator “${ind.name}”: there are no records for this metric yet (public channels)`,
        },
      });
  });
  if (issues.length > 0) throw fail('scheme_invalid', issues[0]!.field, undefined, issues);
}

export function presentSummary(r: repo.SchemeRow): SchemeSummary {
  return {
    id: r.id,
    campaign: { id: r.campaignId, name: r.campaignName },
    peerGroup: { id: r.peerGroupId, nameZh: r.peerGroupNameZh, nameEn: r.peerGroupNameEn },
    periodKind: r.periodKind,
    name: r.name,
    version: r.version,
    archived: r.archived,
    unitCount: r.unitCount,
    publishedCount: r.publishedCount,
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** A scheme, or 404. */
export async function loadScheme(
  db: Tx,
  id: number,
  lock = false,
  field = 'params.id',
): Promise<repo.SchemeRow> {
  const row = await repo.getScheme(db, id, lock);
  if (!row) throw fail('not_found', field);
  return row;
}

export async function schemeDetail(db: Tx, actor: Actor, id: number): Promise<SchemeDetail> {
  const row = await loadScheme(db, id);
  const versions = await repo.versionsOf(db, id);
  const office = isOffice(actor);
  return {
    ...presentSummary(row),
    content: row.content,
    versions: versions.map((v) => ({
      version: v.version,
      note: v.note,
      createdAt: v.createdAt.toISOString(),
      createdBy: v.createdBy,
    })),
    abilities: { edit: office && !row.archived, publish: office && !row.archived },
  };
}

/** 新建考评方案: version 1 of a scheme for a campaign, peer group and period kind. */
export async function createScheme(db: Db, c: Call, body: SchemeCreateBody): Promise<number> {
  checkContent(body.content, body.name);
  return db.transaction(async (tx) => {
    const campaign = await tx.execute<{ closed: boolean }>(
      sql`SELECT closed FROM campaigns WHERE id = ${body.campaignId}`,
    );
    if (!campaign.rows[0]) throw fail('not_found', 'body.campaignId');
    if (campaign.rows[0].closed) throw fail('campaign_closed', 'body.campaignId');
    if (!(await repo.peerGroup(tx, body.peerGroupId))) throw fail('not_found', 'body.peerGroupId');
    const existing = await repo.listSchemes(tx, { campaignId: body.campaignId });
    if (existing.some((s) => s.peerGroupId === body.peerGroupId && s.periodKind === body.periodKind))
      throw fail('scheme_exists', 'body.peerGroupId');
    let id: number;
    try {
      id = await repo.insertScheme(tx, { ...body, by: c.actor.id, at: c.now });
    } catch (e) {
      if (isUniqueViolation(e)) throw fail('scheme_exists', 'body.peerGroupId');
      throw e;
    }
    await repo.insertVersion(tx, {
      schemeId: id,
      version: 1,
      name: body.name,
      content: body.content,
      note: '',
      by: c.actor.id,
      at: c.now,
    });
    await recordChange(tx, c, 'evaluation_scheme', 'evaluation.scheme.create', id, null, {
      campaignId: body.campaignId,
      peerGroupId: body.peerGroupId,
      periodKind: body.periodKind,
      name: body.name,
      version: 1,
      content: body.content,
    });
    return id;
  });
}

/**
 * 修订方案: a new version with its content as a whole and a note. Earlier
 * versions stay as they were; published boards keep the version they used.
 */
export async function reviseScheme(
  db: Db,
  c: Call,
  id: number,
  body: { name?: string | undefined; content: SchemeContent; note: string },
): Promise<number> {
  return db.transaction(async (tx) => {
    const row = await loadScheme(tx, id, true);
    if (row.archived) throw fail('wrong_state', 'params.id', { archived: true });
    const name = body.name ?? row.name;
    checkContent(body.content, name);
    const version = row.version + 1;
    await repo.insertVersion(tx, {
      schemeId: id,
      version,
      name,
      content: body.content,
      note: body.note,
      by: c.actor.id,
      at: c.now,
    });
    await recordChange(
      tx,
      c,
      'evaluation_scheme',
      'evaluation.scheme.revise',
      id,
      { version: row.version, name: row.name, content: row.content },
      { version, name, content: body.content, note: body.note },
    );
    return version;
  });
}

/** Archives a scheme: it is no longer computed or published; its boards stay. */
export async function archiveScheme(db: Db, c: Call, id: number): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await loadScheme(tx, id, true);
    if (row.archived) throw fail('wrong_state', 'params.id', { archived: true });
    await repo.archiveScheme(tx, id, c.now);
    await recordChange(
      tx,
      c,
      'evaluation_scheme',
      'evaluation.scheme.archive',
      id,
      { archived: false },
      {
        archived: true,
      },
    );
  });
}
