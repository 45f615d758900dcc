import { registerAttachmentOwner } from '../attachments/attachments.policy.ts';
import { canSeeVisit } from './rounds.service.ts';

/** Who may open the photos of an inspection visit: whoever may see its round (never the unit visited). */
export function registerSupervisionAttachmentOwners(): void {
  registerAttachmentOwner('inspection_visit', (db, actor, visitId) => canSeeVisit(db, actor, visitId));
}
