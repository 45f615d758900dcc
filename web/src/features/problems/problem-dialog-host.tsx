import type { ProblemDetail } from '../../api/types.ts';
import { TextActionModal, type TextAction } from '../tasks/text-action-modal.tsx';
import { AssignModal, DeadlineModal } from './assign-modals.tsx';
import { MeasuresModal, ProgressModal } from './measures-modal.tsx';
import { MergeModal } from './merge-modal.tsx';

/** The one dialog a problem's detail may have open. */
export type ProblemDialog =
  | { kind: 'measures' }
  | { kind: 'progress' }
  | { kind: 'assign' }
  | { kind: 'deadline' }
  | { kind: 'merge' }
  | { kind: 'text'; action: TextAction };

export function ProblemDialogHost({
  problem,
  dialog,
  onClose,
  onDone,
}: {
  problem: ProblemDetail;
  dialog: ProblemDialog | null;
  onClose: () => void;
  /** After a successful change: the tab that shows its result. */
  onDone: (tab: string) => void;
}) {
  if (!dialog) return null;
  switch (dialog.kind) {
    case 'measures':
      return <MeasuresModal problem={problem} onClose={onClose} onDone={() => onDone('measures')} />;
    case 'progress':
      return <ProgressModal problem={problem} onClose={onClose} onDone={() => onDone('info')} />;
    case 'assign':
      return (
        <AssignModal
          ids={[problem.id]}
          current={{
            unitId: problem.unit.id,
            personId: problem.person?.id ?? null,
            deadline: problem.deadline,
          }}
          onClose={onClose}
          onDone={() => onDone('history')}
        />
      );
    case 'deadline':
      return (
        <DeadlineModal
          ids={[problem.id]}
          current={problem.deadline}
          onClose={onClose}
          onDone={() => onDone('history')}
        />
      );
    case 'merge':
      return <MergeModal problem={problem} onClose={onClose} onDone={() => onDone('history')} />;
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
