import { App, DatePicker, Form, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { manualObjectKinds } from '../../../../domain/contracts/supervision.ts';
import { useNoticeMutations, type Notice, type NoticeLevel } from '../../api/supervision.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useFormErrors } from '../../components/api-errors.tsx';
import { LeaderSelect } from '../tasks/leader-select.tsx';
import { noticeLevels, useKindLabel, useLevelLabel } from './supervision-tags.tsx';

interface Values {
  objectKind: (typeof manualObjectKinds)[number];
  objectId: string;
  level: NoticeLevel;
  answerBy?: Dayjs;
  leaderIds?: number[];
  note?: string;
}

const FIELDS = ['objectKind', 'objectId', 'level', 'answerBy', 'leaderIds', 'note'];
const mapField = (f: string) => (f === 'leaderId' ? 'leaderIds' : f);

/** 人工督办: the office raises a notice on a task, a report or a problem. */
export function RaiseNoticeModal({
  onClose,
  onRaised,
}: {
  onClose: () => void;
  onRaised: (n: Notice) => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form, FIELDS, mapField);
  const m = useNoticeMutations();
  const kindLabel = useKindLabel();
  const levelLabel = useLevelLabel();
  const submit = (v: Values) => {
    errors.clear();
    const leader = v.leaderIds?.[0];
    m.raise.mutate(
      {
        objectKind: v.objectKind,
        objectId: v.objectId.trim(),
        level: v.level,
        note: v.note?.trim() ?? '',
        ...(v.answerBy ? { answerBy: v.answerBy.format('YYYY-MM-DD') } : {}),
        ...(leader !== undefined ? { leaderId: leader } : {}),
      },
      {
        onSuccess: (n) => {
          void message.success(t('notices.raised'));
          onRaised(n);
          onClose();
        },
        onError: errors.handle,
      },
    );
  };
  return (
    <Modal
      open
      title={t('notices.raiseTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('notices.raise')}
      confirmLoading={m.raise.isPending}
      destroyOnHidden
      width={620}
    >
      {errors.alert}
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ objectKind: 'problem_overdue', level: 'reminder' }}
      >
        <Form.Item name="objectKind" label={t('notices.objectKind')} rules={[{ required: true }]}>
          <Select options={manualObjectKinds.map((k) => ({ value: k, label: kindLabel(k) }))} />
        </Form.Item>
        <Form.Item
          name="objectId"
          label={t('notices.objectId')}
          extra={t('notices.objectIdHelp')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }]}
        >
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item name="level" label={t('notices.level')} rules={[{ required: true }]}>
          <Select options={noticeLevels.map((l) => ({ value: l, label: levelLabel(l) }))} />
        </Form.Item>
        <Form.Item name="answerBy" label={t('notices.answerBy')} extra={t('notices.answerByDefault')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="leaderIds" label={t('notices.leader')} extra={t('notices.leaderDefault')}>
          <LeaderSelect />
        </Form.Item>
        <Form.Item name="note" label={t('notices.note')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
