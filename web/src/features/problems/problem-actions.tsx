import {
  CheckCircleOutlined,
  CloseCircleOutlined,
  FieldTimeOutlined,
  FileProtectOutlined,
  FormOutlined,
  MergeCellsOutlined,
  RiseOutlined,
  RollbackOutlined,
  SendOutlined,
  UndoOutlined,
} from '@ant-design/icons';
import { Button, Space } from 'antd';
import type { ReactNode } from 'react';
import { useProblemMutations } from '../../api/problems.ts';
import type { ProblemDetail, ProblemEvidence } from '../../api/types.ts';
import { useI18n } from '../../app/i18n.tsx';
import type { ProblemDialog } from './problem-dialog-host.tsx';

/** The claim waiting for a verdict, if any. */
export const pendingClaim = (p: ProblemDetail): ProblemEvidence | undefined =>
  p.evidence.find((e) => e.decision === null);

/**
 * The buttons of a problem, exactly as its `abilities` allow: the server
 * computes them with the same policy that authorizes the call.
 */
export function ProblemActions({
  problem,
  open,
}: {
  problem: ProblemDetail;
  open: (d: ProblemDialog) => void;
}) {
  const { t } = useI18n();
  const m = useProblemMutations();
  const a = problem.abilities;
  const claim = pendingClaim(problem);
  const claimContext = claim?.text ? t('problems.claimWas', { text: claim.text }) : undefined;
  const buttons: ReactNode[] = [];
  if (a.fileMeasures)
    buttons.push(
      <Button
        key="measures"
        type={problem.measures.length === 0 ? 'primary' : 'default'}
        icon={<FormOutlined />}
        onClick={() => open({ kind: 'measures' })}
      >
        {t(problem.measures.length === 0 ? 'problems.fileMeasures' : 'problems.reviseMeasures')}
      </Button>,
    );
  if (a.reportProgress)
    buttons.push(
      <Button key="progress" icon={<RiseOutlined />} onClick={() => open({ kind: 'progress' })}>
        {t('problems.reportProgress')}
      </Button>,
    );
  if (a.claimClosing)
    buttons.push(
      <Button
        key="claim"
        type="primary"
        icon={<FileProtectOutlined />}
        onClick={() =>
          open({
            kind: 'text',
            action: {
              title: t('problems.claimTitle', { no: problem.id }),
              field: 'evidence',
              label: t('problems.evidence'),
              okText: t('problems.claim'),
              done: t('problems.claimed'),
              max: 4000,
              placeholder: t('problems.evidencePlaceholder'),
              tab: 'evidence',
              attachments: true,
              context: problem.description,
              submit: (evidence, attachmentIds) =>
                m.claimClosing.mutateAsync({ id: problem.id, evidence, attachmentIds }),
            },
          })
        }
      >
        {t('problems.claim')}
      </Button>,
    );
  if (a.close)
    buttons.push(
      <Button
        key="close"
        type="primary"
        icon={<CheckCircleOutlined />}
        onClick={() =>
          open({
            kind: 'text',
            action: {
              title: t('problems.closeTitle', { no: problem.id }),
              field: 'note',
              label: t('problems.closeNote'),
              okText: t('problems.close'),
              done: t('problems.closed'),
              required: false,
              max: 1000,
              tab: 'evidence',
              context: claimContext,
              submit: (note) => m.close.mutateAsync({ id: problem.id, note }),
            },
          })
        }
      >
        {t('problems.close')}
      </Button>,
    );
  if (a.return)
    buttons.push(
      <Button
        key="return"
        danger
        icon={<RollbackOutlined />}
        onClick={() =>
          open({
            kind: 'text',
            action: {
              title: t('problems.returnTitle', { no: problem.id }),
              field: 'reason',
              label: t('problems.returnReason'),
              okText: t('problems.return'),
              done: t('problems.returned'),
              max: 1000,
              danger: true,
              tab: 'evidence',
              context: claimContext,
              submit: (reason) => m.returnIt.mutateAsync({ id: problem.id, reason }),
            },
          })
        }
      >
        {t('problems.return')}
      </Button>,
    );
  if (a.reopen)
    buttons.push(
      <Button
        key="reopen"
        icon={<UndoOutlined />}
        onClick={() =>
          open({
            kind: 'text',
            action: {
              title: t('problems.reopenTitle', { no: problem.id }),
              field: 'reason',
              label: t('problems.reopenReason'),
              okText: t('problems.reopen'),
              done: t('problems.reopened'),
              max: 1000,
              danger: true,
              tab: 'history',
              placeholder: t('problems.reopenPlaceholder'),
              submit: (reason) => m.reopen.mutateAsync({ id: problem.id, reason }),
            },
          })
        }
      >
        {t('problems.reopen')}
      </Button>,
    );
  if (a.assign)
    buttons.push(
      <Button key="assign" icon={<SendOutlined />} onClick={() => open({ kind: 'assign' })}>
        {t('problems.reassign')}
      </Button>,
    );
  if (a.setDeadline)
    buttons.push(
      <Button key="deadline" icon={<FieldTimeOutlined />} onClick={() => open({ kind: 'deadline' })}>
        {t('problems.setDeadline')}
      </Button>,
    );
  if (a.merge)
    buttons.push(
      <Button key="merge" icon={<MergeCellsOutlined />} onClick={() => open({ kind: 'merge' })}>
        {t('problems.merge')}
      </Button>,
    );
  if (a.dismiss)
    buttons.push(
      <Button
        key="dismiss"
        danger
        icon={<CloseCircleOutlined />}
        onClick={() =>
          open({
            kind: 'text',
            action: {
              title: t('problems.dismissTitle', { no: problem.id }),
              field: 'reason',
              label: t('problems.dismissReason'),
              okText: t('problems.dismiss'),
              done: t('problems.dismissed'),
              max: 1000,
              danger: true,
              tab: 'history',
              context: problem.description,
              submit: (reason) => m.dismiss.mutateAsync({ id: problem.id, reason }),
            },
          })
        }
      >
        {t('problems.dismiss')}
      </Button>,
    );
  if (buttons.length === 0) return null;
  return (
    <Space wrap className="luoshi-task-actions" aria-label={t('common.actions')}>
      {buttons}
    </Space>
  );
}
