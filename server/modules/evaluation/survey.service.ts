import { createHmac } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { shanghaiDate } from '../../../domain/calendar/shanghai-date.ts';
import type { SurveyAnswerBody } from '../../../domain/contracts/evaluation.ts';
import { fail } from '../../../domain/errors.ts';
import { surveyLimits } from '../../../domain/evaluation/metrics.ts';
import { periodContaining, periodLabel } from '../../../domain/evaluation/period.ts';
import { withDates, type Db, type Tx } from '../../db/client.ts';
import { randomToken } from '../../lib/crypto.ts';
import { appendAudit, recordChange } from '../audit/audit.repository.ts';
import { unitsByIds } from '../tasks/tasks.repository.ts';
import { isUniqueViolation } from './evaluation.policy.ts';
import type { Call } from './schemes.service.ts';

/** The survey's dedup period: the calendar month (Asia/Shanghai) of the answer. */
export const surveyPeriodOf = (now: Date) => periodContaining('month', shanghaiDate(now));

/** Where the public opens a unit's survey (the web page; the QR code encodes it). */
export const surveyPath = (token: string) => `/public/survey/${token}`;

let saltCache: { db: unknown; salt: string } | undefined;

/** The installation's survey key (migration 0012_evaluation), for keyed hashes of devices, phones and addresses. */
async function surveySalt(db: Tx): Promise<string> {
  if (saltCache?.db === db) return saltCache.salt;
  const r = await db.execute<{ v: string }>(
    sql`SELECT value #>> '{}' AS v FROM settings WHERE key = 'survey_salt'`,
  );
  const salt = r.rows[0]?.v;
  if (!salt) throw new Error('survey_salt setting is missing (migration 0012_evaluation)');
  saltCache = { db, salt };
  return salt;
}

const keyed = (salt: string, what: string, value: string) =>
  createHmac('sm3', salt).update(`${what}\u0000${value}`).digest('hex');

interface LinkRow extends Record<string, unknown> {
  unitId: number;
  unitName: string;
  token: string;
  active: boolean;
  answersThisMonth: number;
  createdAt: Date;
}

/** 问卷链接: each unit's public survey link with this month's answers; units of a peer group or all. */
export async function listLinks(db: Tx, now: Date, peerGroupId?: number) {
  const month = surveyPeriodOf(now).key;
  const r =
    await db.execute<LinkRow>(sql`SELECT l.unit_id AS "unitId", u.name AS "unitName", l.token, l.active,
      (SELECT count(*)::int FROM survey_answers a WHERE a.unit_id = l.unit_id AND a.period = ${month}) AS "answersThisMonth",
      l.created_at AS "createdAt"
    FROM survey_links l JOIN units u ON u.id = l.unit_id
    WHERE ${peerGroupId ? sql`u.peer_group_id = ${peerGroupId}` : sql`true`}
    ORDER BY u.sort, u.id`);
  return {
    items: withDates(r.rows, 'createdAt').map((x) => ({
      unit: { id: x.unitId, name: x.unitName },
      token: x.token,
      path: surveyPath(x.token),
      active: x.active,
      answersThisMonth: x.answersThisMonth,
      createdAt: x.createdAt.toISOString(),
    })),
  };
}

/** Gives a unit its survey link, or a new one (`rotate`: the old address and QR code stop working); audited. */
export async function ensureLink(db: Db, c: Call, unitId: number, rotate: boolean) {
  await db.transaction(async (tx) => {
    const unit = (await unitsByIds(tx, [unitId])).get(unitId);
    if (!unit) throw fail('not_found', 'body.unitId');
    if (!unit.active) throw fail('unit_inactive', 'body.unitId');
    const existing = await tx.execute<{ token: string }>(
      sql`SELECT token FROM survey_links WHERE unit_id = ${unitId} FOR UPDATE`,
    );
    if (existing.rows[0] && !rotate) return;
    const token = randomToken(12);
    await tx.execute(sql`INSERT INTO survey_links (unit_id, token, active, created_by, created_at)
      VALUES (${unitId}, ${token}, true, ${c.actor.id}, ${c.now})
      ON CONFLICT (unit_id) DO UPDATE SET token = EXCLUDED.token, active = true,
        created_by = EXCLUDED.created_by, created_at = EXCLUDED.created_at`);
    await recordChange(
      tx,
      c,
      'survey_link',
      existing.rows[0] ? 'survey.link.rotate' : 'survey.link.create',
      unitId,
      null,
      { unitId },
    );
  });
  const links = await listLinks(db, c.now);
  return links.items.find((l) => l.unit.id === unitId)!;
}

async function linkUnit(db: Tx, token: string): Promise<{ unitId: number; unitName: string }> {
  const r = await db.execute<{
    unitId: number;
    unitName: string;
  }>(sql`SELECT l.unit_id AS "unitId", u.name AS "unitName"
    FROM survey_links l JOIN units u ON u.id = l.unit_id WHERE l.token = ${token} AND l.active AND u.active`);
  if (!r.rows[0]) throw fail('not_found', 'params.token');
  return r.rows[0];
}

/** The public survey page: the unit, this month, and whether this device already answered. */
export async function publicSurvey(db: Tx, token: string, device: string | undefined, now: Date) {
  const { unitId, unitName } = await linkUnit(db, token);
  const period = surveyPeriodOf(now);
  let answered = false;
  if (device) {
    const salt = await surveySalt(db);
    const r = await db.execute(sql`SELECT 1 FROM survey_answers
      WHERE unit_id = ${unitId} AND period = ${period.key} AND device_hash = ${keyed(salt, 'device', device)}`);
    answered = r.rows.length > 0;
  }
  return { unitName, period: { key: period.key, label: periodLabel(period) }, answered };
}

/** Attempts per address in this process, per minute (a cheap first gate before the database). */
const attempts = new Map<string, { minute: number; n: number }>();

function gate(address: string, now: Date): void {
  const minute = Math.floor(now.getTime() / 60_000);
  const a = attempts.get(address);
  if (!a || a.minute !== minute) {
    if (attempts.size > 10_000) attempts.clear();
    attempts.set(address, { minute, n: 1 });
    return;
  }
  a.n++;
  if (a.n > surveyLimits.attemptsPerMinute) throw fail('rate_limited', undefined, { retryAfterSeconds: 60 });
}

/**
 * 提交评价: one answer per device — and per phone number when one is given —
 * per unit and month (409 `survey_already_answered`), at most
 * `surveyLimits.perAddressPerHour` answers from one network address in an hour
 * (429 `rate_limited`), and a per-process gate on attempts. Device, phone and
 * address are stored only as keyed SM3 hashes. The answer feeds the
 * satisfaction indicator (满意度) of the month it falls in. Audited without
 * any of those identifiers.
 */
export async function answerSurvey(
  db: Db,
  token: string,
  body: SurveyAnswerBody,
  device: string,
  ip: string,
  now: Date,
): Promise<{ accepted: boolean; period: string }> {
  const salt = await surveySalt(db);
  const address = keyed(salt, 'address', ip);
  gate(address, now);
  const period = surveyPeriodOf(now);
  try {
    return await db.transaction(async (tx) => {
      const { unitId } = await linkUnit(tx, token);
      // One address at a time, so the hourly count cannot be raced past.
      await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${address}))`);
      const recent = await tx.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM survey_answers
        WHERE address_hash = ${address} AND answered_at > ${new Date(now.getTime() - 3_600_000)}`);
      if (recent.rows[0]!.n >= surveyLimits.perAddressPerHour)
        throw fail('rate_limited', undefined, { retryAfterSeconds: 3600 });
      const r = await tx.execute<{ id: number }>(sql`INSERT INTO survey_answers (unit_id, period, device_hash,
          phone_hash, address_hash, rating, aspects, comment, answered_at)
        VALUES (${unitId}, ${period.key}, ${keyed(salt, 'device', device)},
          ${body.phone ? keyed(salt, 'phone', body.phone) : null}, ${address}, ${body.rating},
          ${JSON.stringify(body.aspects)}::jsonb, ${body.comment}, ${now})
        RETURNING id`);
      await appendAudit(
        tx,
        {
          actorId: null,
          actorName: null,
          ip: null,
          action: 'survey.answer',
          objectType: 'survey_answer',
          objectId: r.rows[0]!.id,
          after: { unitId, period: period.key, rating: body.rating },
        },
        now,
      );
      return { accepted: true, period: period.key };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw fail('survey_already_answered', body.phone ? 'body.phone' : undefined);
    throw e;
  }
}

/** Keeps the first-gate map from growing between tests. */
export function resetSurveyGate(): void {
  attempts.clear();
}
