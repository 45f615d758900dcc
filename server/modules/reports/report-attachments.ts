import { inScope, scopeOf } from '../../http/actor.ts';
import { registerAttachmentOwner } from '../attachments/attachments.policy.ts';
import { canSeeTask } from '../tasks/tasks.service.ts';
import { getReport } from './reports.repository.ts';

/**
 * Who may open the files of reports and completion claims: whoever may see
 * the record. A report's files follow the report: its unit sees them at once,
 * the office and others only once the unit head has approved it.
 */
export function registerReportAttachmentOwners(): void {
  registerAttachmentOwner('task_completion', (db, actor, taskId) => canSeeTask(db, actor, taskId));
  registerAttachmentOwner('report', async (db, actor, reportId) => {
    const r = await getReport(db, reportId);
    if (!r) return false;
    const ownUnit = inScope(scopeOf(actor, ['liaison', 'head']), r.unitPath);
    if (r.taskId !== null)
      return (await canSeeTask(db, actor, r.taskId)) && (ownUnit || r.status === 'approved');
    return (
      ownUnit || (r.status === 'approved' && inScope(scopeOf(actor, ['office', 'inspector']), r.unitPath))
    );
  });
}
