import { App, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { Attachment } from '../../api/attachments.ts';
import { useRoundMutations, type RoundDetail } from '../../api/supervision.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useFormErrors } from '../../components/api-errors.tsx';
import { AttachmentsInput } from '../../components/attachments.tsx';

interface Values {
  unitId: number;
  visitedOn: Dayjs;
  teamId?: number;
  notes?: string;
  photos?: Attachment[];
}

const FIELDS = ['unitId', 'visitedOn', 'teamId', 'notes', 'photos'];
const mapField = (f: string) => (f.startsWith('attachmentIds') ? 'photos' : f);

/** 记录走访: a unit of the round, the day, the team, what was seen, photos. */
export function VisitModal({ round, onClose }: { round: RoundDetail; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form, FIELDS, mapField);
  const m = useRoundMutations();
  const required = [{ required: true, message: t('common.required') }];
  const unitId = Form.useWatch('unitId', form);
  return (
    <Modal
      open
      title={t('rounds.visitTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={m.visit.isPending}
      destroyOnHidden
      width={640}
    >
      {errors.alert}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ visitedOn: dayjs().tz('Asia/Shanghai') }}
        onFinish={(v) => {
          errors.clear();
          m.visit.mutate(
            {
              roundId: round.id,
              unitId: v.unitId,
              visitedOn: v.visitedOn.format('YYYY-MM-DD'),
              teamId: v.teamId ?? null,
              notes: v.notes?.trim() ?? '',
              attachmentIds: (v.photos ?? []).map((a) => a.id),
            },
            {
              onSuccess: () => {
                void message.success(t('rounds.visited'));
                onClose();
              },
              onError: errors.handle,
            },
          );
        }}
      >
        <Form.Item name="unitId" label={t('rounds.visitUnit')} rules={required}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={round.units.map((u) => ({ value: u.id, label: u.name }))}
            onChange={(u: number) => {
              const team = round.units.find((x) => x.id === u)?.teamId;
              if (team && unitId !== u) form.setFieldValue('teamId', team);
            }}
          />
        </Form.Item>
        <Form.Item name="visitedOn" label={t('rounds.visitedOn')} rules={required}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="teamId" label={t('rounds.visitTeam')}>
          <Select allowClear options={round.teams.map((x) => ({ value: x.id, label: x.name }))} />
        </Form.Item>
        <Form.Item name="notes" label={t('rounds.notes')}>
          <Input.TextArea rows={4} maxLength={8000} />
        </Form.Item>
        <Form.Item name="photos" label={t('rounds.photos')}>
          <AttachmentsInput />
        </Form.Item>
      </Form>
    </Modal>
  );
}
