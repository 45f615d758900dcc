import { shanghaiDate } from '../../../domain/calendar/shanghai-date.ts';
import type { NegativeList } from '../../../domain/contracts/problems.ts';
import { fail } from '../../../domain/errors.ts';
import { isOverdue, scheduleOf } from '../../../domain/problems/problem-schedule.ts';
import type { Tx } from '../../db/client.ts';
import type { Actor } from '../../http/actor.ts';
import type { ValidatedCache } from '../../lib/validated-cache.ts';
import { negativeListRows, unitRef } from './negative-list.repository.ts';
import { canReadUnit } from './problems.policy.ts';

/** Most problems one negative list shows. */
export const NEGATIVE_LIST_MAX = 5000;

/**
 * 负面清单: a unit's open problems (and, with `includeSubunits`, those of the
 * units below it), each with its measures, owner and deadline; overdue first,
 * then by deadline. 404 for a unit outside the actor's scope. One statement
 * reads the list with its categories and measures (`negativeListRows`).
 */
export async function negativeList(
  db: Tx,
  actor: Actor,
  unitId: number,
  now: Date,
  q: NegativeListQuery,
): Promise<NegativeList> {
  return listOf(db, await readableUnit(db, actor, unitId), now, q);
}

type NegativeListQuery = { campaignId?: number | undefined; includeSubunits?: boolean | undefined };

async function readableUnit(db: Tx, actor: Actor, unitId: number) {
  const unit = await unitRef(db, unitId);
  if (!unit || !canReadUnit(actor, unit.path)) throw fail('not_found', 'params.id');
  return unit;
}

/**
 * The negative list as JSON text, kept in `cache` per unit, query and day: the
 * scope check runs on every call; what the list holds does not depend on who
 * asks once they may read the unit.
 */
export async function cachedNegativeList(
  db: Tx,
  actor: Actor,
  unitId: number,
  now: Date,
  q: NegativeListQuery,
  cache: ValidatedCache,
): Promise<string> {
  const unit = await readableUnit(db, actor, unitId);
  const key = JSON.stringify([unitId, q.includeSubunits ?? false, q.campaignId ?? null, shanghaiDate(now)]);
  return cache.json(db, key, () => listOf(db, unit, now, q));
}

async function listOf(
  db: Tx,
  unit: { id: number; name: string },
  now: Date,
  q: NegativeListQuery,
): Promise<NegativeList> {
  const unitId = unit.id;
  const today = shanghaiDate(now);
  const rows = await negativeListRows(db, {
    unitId,
    includeSubunits: q.includeSubunits ?? false,
    campaignId: q.campaignId ?? null,
    today,
    limit: NEGATIVE_LIST_MAX,
  });
  return {
    unit: { id: unit.id, name: unit.name },
    asOf: today,
    items: rows.map((r) => ({
      id: r.id,
      description: r.description,
      unit: { id: r.unitId, name: r.unitName },
      source: { id: r.sourceId, name: r.sourceName },
      categories: r.categories,
      foundOn: r.foundOn,
      deadline: r.deadline,
      status: r.status,
      schedule: scheduleOf(r, today),
      overdue: isOverdue(r, today),
      person: r.personId === null ? null : { id: r.personId, name: r.personName ?? '' },
      measures: r.measures.map((m) => ({
        id: m.id,
        text: m.text,
        owner: m.owner,
        dueOn: m.dueOn,
        done: m.done,
      })),
    })),
  };
}
