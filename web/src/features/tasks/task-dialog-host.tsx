import type { Report, TaskDetail } from '../../api/types.ts';
import { ChangeModal } from './change-modal.tsx';
import { ReportModal } from './report-modal.tsx';
import { SplitModal } from './split-modal.tsx';
import { TaskFormDrawer } from './task-form-drawer.tsx';
import { TextActionModal, type TextAction } from './text-action-modal.tsx';

/** The one dialog a task's detail may have open. */
export type TaskDialog =
  | { kind: 'edit' }
  | { kind: 'report'; returned?: Report }
  | { kind: 'split' }
  | { kind: 'change' }
  | { kind: 'text'; action: TextAction };

export function TaskDialogHost({
  task,
  dialog,
  onClose,
  onDone,
}: {
  task: TaskDetail;
  dialog: TaskDialog | null;
  onClose: () => void;
  /** After a successful change: the tab that shows its result. */
  onDone: (tab: string) => void;
}) {
  if (!dialog) return null;
  switch (dialog.kind) {
    case 'edit':
      return (
        <TaskFormDrawer
          campaign={{ id: task.campaignId, start: task.start, end: task.deadline }}
          task={task}
          onClose={onClose}
        />
      );
    case 'report':
      return (
        <ReportModal
          task={task}
          returned={dialog.returned}
          onClose={onClose}
          onDone={() => onDone('reports')}
        />
      );
    case 'split':
      return <SplitModal task={task} onClose={onClose} onDone={() => onDone('subtasks')} />;
    case 'change':
      return <ChangeModal task={task} onClose={onClose} onDone={() => onDone('changes')} />;
    case 'text':
      return (
        <TextActionModal
          action={dialog.action}
          onClose={onClose}
          onDone={() => dialog.action.tab && onDone(dialog.action.tab)}
        />
      );
  }
}
