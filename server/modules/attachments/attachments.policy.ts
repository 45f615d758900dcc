import type { Tx } from '../../db/client.ts';
import type { Actor } from '../../http/actor.ts';

/** Says whether `actor` may see the record `ownerId` that attachments belong to. */
export type AttachmentOwnerCheck = (db: Tx, actor: Actor, ownerId: number) => Promise<boolean>;

const owners = new Map<string, AttachmentOwnerCheck>();

/**
 * Called by a module at start-up (e.g. `registerAttachmentOwner('report', …)`)
 * to say who may see the attachments of its records: whoever may see the
 * record itself. Registering a type again replaces its check.
 */
export function registerAttachmentOwner(ownerType: string, canSee: AttachmentOwnerCheck): void {
  owners.set(ownerType, canSee);
}

/**
 * May the actor download this attachment? The uploader always; otherwise only
 * through the check its owner's module registered. Unowned files of others,
 * and owner types nobody registered, are invisible.
 */
export async function canSeeAttachment(
  db: Tx,
  actor: Actor,
  a: { uploadedBy: number; ownerType: string | null; ownerId: number | null },
): Promise<boolean> {
  if (a.uploadedBy === actor.id) return true;
  if (a.ownerType === null || a.ownerId === null) return false;
  const check = owners.get(a.ownerType);
  return check ? check(db, actor, a.ownerId) : false;
}
