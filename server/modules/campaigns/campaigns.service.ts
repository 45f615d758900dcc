import { sql } from 'drizzle-orm';
import { shanghaiDate } from '../../../domain/calendar/shanghai-date.ts';
import type { CampaignResponse } from '../../../domain/contracts/tasks.ts';
import { fail } from '../../../domain/errors.ts';
import type { AppDeps } from '../../deps.ts';
import type { Tx } from '../../db/client.ts';
import { scopeOf, type Actor } from '../../http/actor.ts';
import { recordChange, type CallContext } from '../audit/audit.repository.ts';
import { visibleTasks } from '../tasks/tasks.policy.ts';
import * as repo from './campaigns.repository.ts';

/** Who may read campaigns (their names and counts); tasks inside are filtered per task. */
export const campaignReaders = ['office', 'inspector', 'leader', 'discipline', 'liaison', 'head'] as const;

const isOffice = (actor: Actor) => scopeOf(actor, ['office']).length > 0;

function present(actor: Actor, r: repo.CampaignRow): CampaignResponse {
  return {
    id: r.id,
    name: r.name,
    leadingGroup: r.leadingGroup,
    description: r.description,
    start: r.start,
    end: r.end,
    closed: r.closed,
    taskCount: r.taskCount,
    doneCount: r.doneCount,
    overdueCount: r.overdueCount,
    lights: { green: r.green, yellow: r.yellow, red: r.red },
    abilities: { edit: isOffice(actor), createTasks: isOffice(actor) && !r.closed },
  };
}

/** 专项行动 list with task counts and lights over what the caller may see. */
export async function listCampaigns(
  deps: AppDeps,
  actor: Actor,
  now: Date,
  q: { q?: string | undefined; includeClosed?: boolean | undefined; limit: number; offset: number },
): Promise<{ items: CampaignResponse[]; total: number }> {
  const conds = [sql`true`];
  if (!q.includeClosed) conds.push(sql`NOT c.closed`);
  if (q.q) conds.push(sql`c.name ILIKE ${'%' + q.q.replace(/[\\%_]/g, '\\$&') + '%'}`);
  const { rows, total } = await repo.findCampaigns(
    deps.database.db,
    sql.join(conds, sql` AND `),
    visibleTasks(actor),
    shanghaiDate(now),
    q,
  );
  return { items: rows.map((r) => present(actor, r)), total };
}

/** One campaign, or 404. */
export async function getCampaign(db: Tx, actor: Actor, id: number, now: Date): Promise<CampaignResponse> {
  const { rows } = await repo.findCampaigns(db, sql`c.id = ${id}`, visibleTasks(actor), shanghaiDate(now), {
    limit: 1,
    offset: 0,
  });
  if (!rows[0]) throw fail('not_found', 'params.id');
  return present(actor, rows[0]);
}

/** 新建专项行动 */
export async function createCampaign(
  deps: AppDeps,
  c: CallContext & { actor: Actor },
  input: { name: string; leadingGroup: string; description: string; start: string; end: string },
): Promise<CampaignResponse> {
  return deps.database.db.transaction(async (tx) => {
    if (await repo.nameTaken(tx, input.name)) throw fail('name_taken', 'body.name');
    const id = await repo.insertCampaign(tx, input, c.actor.id, c.now);
    await recordChange(tx, c, 'campaign', 'campaign.create', id, null, input);
    return getCampaign(tx, c.actor, id, c.now);
  });
}

/** Edits a campaign, or closes and reopens it. */
export async function updateCampaign(
  deps: AppDeps,
  c: CallContext & { actor: Actor },
  id: number,
  input: Partial<{
    name: string;
    leadingGroup: string;
    description: string;
    start: string;
    end: string;
    closed: boolean;
  }>,
): Promise<CampaignResponse> {
  return deps.database.db.transaction(async (tx) => {
    const before = await repo.getCampaign(tx, id, true);
    if (!before) throw fail('not_found', 'params.id');
    const after = { ...before, ...input };
    if (after.end < after.start) throw fail('validation_failed', 'body.end');
    if (input.name && (await repo.nameTaken(tx, input.name, id))) throw fail('name_taken', 'body.name');
    await repo.updateCampaign(tx, id, after, c.now);
    await recordChange(tx, c, 'campaign', 'campaign.update', id, before, after);
    return getCampaign(tx, c.actor, id, c.now);
  });
}

/** Loads a campaign the office may add tasks to: it exists and is not closed. */
export async function openCampaignForTasks(tx: Tx, id: number, field = 'params.id') {
  const campaign = await repo.getCampaign(tx, id);
  if (!campaign) throw fail('not_found', field);
  if (campaign.closed) throw fail('campaign_closed', field);
  return campaign;
}
