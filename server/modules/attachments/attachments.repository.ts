import { sql } from 'drizzle-orm';
import { fail } from '../../../domain/errors.ts';
import { withDates, type Tx } from '../../db/client.ts';

/** An attachment as other records show it. */
export type AttachmentRef = {
  id: number;
  filename: string;
  size: number;
  mime: string;
};

export type AttachmentRow = AttachmentRef & {
  digest: string;
  uploadedBy: number;
  uploadedAt: Date;
  ownerType: string | null;
  ownerId: number | null;
};

const intArray = (ids: readonly number[]) => `{${[...new Set(ids)].map((n) => Math.trunc(n)).join(',')}}`;

export async function insertAttachment(
  tx: Tx,
  a: { digest: string; filename: string; mime: string; size: number; uploadedBy: number; now: Date },
): Promise<number> {
  const r = await tx.execute<{ id: number }>(sql`
    INSERT INTO attachments (digest, filename, mime, size, uploaded_by, uploaded_at)
    VALUES (${a.digest}, ${a.filename}, ${a.mime}, ${a.size}, ${a.uploadedBy}, ${a.now})
    RETURNING id`);
  return r.rows[0]!.id;
}

export async function getAttachment(db: Tx, id: number): Promise<AttachmentRow | undefined> {
  const r = await db.execute<AttachmentRow>(sql`
    SELECT id, digest, filename, mime, size, uploaded_by AS "uploadedBy", uploaded_at AS "uploadedAt",
           owner_type AS "ownerType", owner_id AS "ownerId"
    FROM attachments WHERE id = ${id}`);
  return withDates(r.rows, 'uploadedAt')[0];
}

/**
 * Attaches uploaded files to a record, inside the caller's transaction: e.g.
 * `claimAttachments(tx, actor, body.attachmentIds, 'report', reportId)`. Each
 * file must exist, have been uploaded by the actor or by someone of the
 * actor's unit, and belong to nothing yet; otherwise nothing is claimed and
 * `not_found` is thrown on `body.attachmentIds` (with the first bad id in
 * `detail.id`). Returns the claimed files in the order given.
 */
export async function claimAttachments(
  tx: Tx,
  actor: { id: number; unitId: number },
  ids: readonly number[],
  ownerType: string,
  ownerId: number,
): Promise<AttachmentRef[]> {
  if (ids.length === 0) return [];
  const r = await tx.execute<
    AttachmentRef & { ownerType: string | null; uploadedBy: number; unitId: number }
  >(sql`
    SELECT a.id, a.filename, a.size, a.mime, a.owner_type AS "ownerType", a.uploaded_by AS "uploadedBy",
           p.unit_id AS "unitId"
    FROM attachments a JOIN people p ON p.id = a.uploaded_by
    WHERE a.id = ANY(${intArray(ids)}::int[])
    FOR UPDATE OF a`);
  const byId = new Map(r.rows.map((x) => [x.id, x]));
  for (const id of ids) {
    const a = byId.get(id);
    const mine = a && (a.uploadedBy === actor.id || a.unitId === actor.unitId);
    if (!a || !mine || a.ownerType !== null) throw fail('not_found', 'body.attachmentIds', { id });
  }
  await tx.execute(sql`
    UPDATE attachments SET owner_type = ${ownerType}, owner_id = ${ownerId}
    WHERE id = ANY(${intArray(ids)}::int[])`);
  return [...new Set(ids)].map((id) => {
    const a = byId.get(id)!;
    return { id: a.id, filename: a.filename, size: a.size, mime: a.mime };
  });
}

/** The attachments of each of the given records (every id present, [] when none), oldest first. */
export async function attachmentsOf(
  db: Tx,
  ownerType: string,
  ownerIds: readonly number[],
): Promise<Map<number, AttachmentRef[]>> {
  const out = new Map<number, AttachmentRef[]>(ownerIds.map((id) => [id, []]));
  if (ownerIds.length === 0) return out;
  const r = await db.execute<AttachmentRef & { ownerId: number }>(sql`
    SELECT id, filename, size, mime, owner_id AS "ownerId" FROM attachments
    WHERE owner_type = ${ownerType} AND owner_id = ANY(${intArray(ownerIds)}::int[])
    ORDER BY id`);
  for (const { ownerId, ...ref } of r.rows) out.get(ownerId)?.push(ref);
  return out;
}
