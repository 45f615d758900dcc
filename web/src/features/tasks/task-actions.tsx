import {
  AuditOutlined,
  CheckCircleOutlined,
  DeleteOutlined,
  EditOutlined,
  FileDoneOutlined,
  FormOutlined,
  PartitionOutlined,
  RollbackOutlined,
  ScheduleOutlined,
  SendOutlined,
} from '@ant-design/icons';
import { App, Button, Popconfirm, Space } from 'antd';
import { useTaskMutations } from '../../api/tasks.ts';
import type { TaskDetail } from '../../api/types.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useErrorToast } from '../../components/api-errors.tsx';
import type { TaskDialog } from './task-dialog-host.tsx';

/**
 * The buttons of a task, exactly as its `abilities` allow: the server
 * computes them with the same policy that authorizes the call.
 */
export function TaskActions({
  task,
  open,
  onDeleted,
}: {
  task: TaskDetail;
  open: (d: TaskDialog) => void;
  onDeleted: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const toast = useErrorToast();
  const m = useTaskMutations();
  const a = task.abilities;
  const ok = (key: Parameters<typeof t>[0]) => () => void message.success(t(key));
  const buttons = [];
  if (a.issue)
    buttons.push(
      <Popconfirm
        key="issue"
        title={t('tasks.confirmIssue', { code: task.code })}
        description={t('tasks.confirmIssueHint', { unit: task.leadUnit.name })}
        okText={t('tasks.issue')}
        onConfirm={() => m.issue.mutateAsync(task.id).then(ok('tasks.issued'), toast)}
      >
        <Button type="primary" icon={<SendOutlined />}>
          {t('tasks.issue')}
        </Button>
      </Popconfirm>,
    );
  if (a.sign)
    buttons.push(
      <Popconfirm
        key="sign"
        title={t('tasks.confirmSign', { code: task.code })}
        description={task.signDueOn ? t('tasks.signDueOn', { date: task.signDueOn }) : undefined}
        okText={t('tasks.sign')}
        onConfirm={() => m.sign.mutateAsync(task.id).then(ok('tasks.signed'), toast)}
      >
        <Button type="primary" icon={<FileDoneOutlined />}>
          {t('tasks.sign')}
        </Button>
      </Popconfirm>,
    );
  if (a.report)
    buttons.push(
      <Button key="report" type="primary" icon={<FormOutlined />} onClick={() => open({ kind: 'report' })}>
        {t('reports.write')}
      </Button>,
    );
  if (a.verifyCompletion)
    buttons.push(
      <Popconfirm
        key="verify"
        title={t('tasks.confirmVerify', { code: task.code })}
        okText={t('tasks.verify')}
        onConfirm={() => m.verifyCompletion.mutateAsync(task.id).then(ok('tasks.verified'), toast)}
      >
        <Button type="primary" icon={<CheckCircleOutlined />}>
          {t('tasks.verify')}
        </Button>
      </Popconfirm>,
    );
  if (a.sendBack)
    buttons.push(
      <Button
        key="sendBack"
        danger
        icon={<RollbackOutlined />}
        onClick={() =>
          open({
            kind: 'text',
            action: {
              title: t('tasks.sendBackTitle', { code: task.code }),
              field: 'reason',
              label: t('tasks.sendBackReason'),
              okText: t('tasks.sendBack'),
              done: t('tasks.sentBack'),
              max: 1000,
              danger: true,
              context: task.completionEvidence
                ? t('tasks.evidenceWas', { text: task.completionEvidence })
                : undefined,
              submit: (reason) => m.sendBack.mutateAsync({ id: task.id, reason }),
            },
          })
        }
      >
        {t('tasks.sendBack')}
      </Button>,
    );
  if (a.instruct)
    buttons.push(
      <Button
        key="instruct"
        type="primary"
        icon={<AuditOutlined />}
        onClick={() =>
          open({
            kind: 'text',
            action: {
              title: t('instructions.writeTitle', { code: task.code }),
              field: 'text',
              label: t('instructions.text'),
              okText: t('instructions.submit'),
              done: t('instructions.written'),
              max: 2000,
              placeholder: t('instructions.placeholder'),
              tab: 'instructions',
              submit: (text) => m.instruct.mutateAsync({ id: task.id, text }),
            },
          })
        }
      >
        {t('instructions.write')}
      </Button>,
    );
  if (a.claimCompletion)
    buttons.push(
      <Button
        key="claim"
        icon={<CheckCircleOutlined />}
        onClick={() =>
          open({
            kind: 'text',
            action: {
              title: t('tasks.claimTitle', { code: task.code }),
              field: 'evidence',
              label: t('tasks.evidence'),
              okText: t('tasks.claim'),
              done: t('tasks.claimed'),
              max: 4000,
              placeholder: t('tasks.evidencePlaceholder'),
              tab: 'info',
              attachments: true,
              submit: (evidence, attachmentIds) =>
                m.claimCompletion.mutateAsync({ id: task.id, evidence, attachmentIds }),
            },
          })
        }
      >
        {t('tasks.claim')}
      </Button>,
    );
  if (a.requestChange)
    buttons.push(
      <Button key="change" icon={<ScheduleOutlined />} onClick={() => open({ kind: 'change' })}>
        {t('changes.request')}
      </Button>,
    );
  if (a.split)
    buttons.push(
      <Button key="split" icon={<PartitionOutlined />} onClick={() => open({ kind: 'split' })}>
        {t('tasks.split')}
      </Button>,
    );
  if (a.edit) {
    buttons.push(
      <Button key="edit" icon={<EditOutlined />} onClick={() => open({ kind: 'edit' })}>
        {t('tasks.editDraft')}
      </Button>,
    );
    buttons.push(
      <Popconfirm
        key="delete"
        title={t('tasks.confirmDelete', { code: task.code })}
        okText={t('common.delete')}
        okButtonProps={{ danger: true }}
        onConfirm={() =>
          m.remove.mutateAsync(task.id).then(() => {
            ok('tasks.deleted')();
            onDeleted();
          }, toast)
        }
      >
        <Button danger icon={<DeleteOutlined />}>
          {t('tasks.deleteDraft')}
        </Button>
      </Popconfirm>,
    );
  }
  if (buttons.length === 0) return null;
  return (
    <Space wrap className="luoshi-task-actions" aria-label={t('common.actions')}>
      {buttons}
    </Space>
  );
}
