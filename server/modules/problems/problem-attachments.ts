import { registerAttachmentOwner } from '../attachments/attachments.policy.ts';
import { problemOfEvidence } from './problems.repository.ts';
import { canSeeProblem } from './problems.service.ts';

/**
 * Who may open the files of a problem (photos of the finding) and of its
 * claims for closing (佐证材料): whoever may see the problem, nobody else.
 */
export function registerProblemAttachmentOwners(): void {
  registerAttachmentOwner('problem', (db, actor, problemId) => canSeeProblem(db, actor, problemId));
  registerAttachmentOwner('problem_evidence', async (db, actor, evidenceId) => {
    const problemId = await problemOfEvidence(db, evidenceId);
    return problemId !== undefined && canSeeProblem(db, actor, problemId);
  });
}
