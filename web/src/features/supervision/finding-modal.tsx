import { Alert, App, DatePicker, Form, Input, Modal, Radio } from 'antd';
import type { Dayjs } from 'dayjs';
import type { Attachment } from '../../api/attachments.ts';
import { useRoundMutations, type Visit } from '../../api/supervision.ts';
import type { ProblemSeverity } from '../../api/types.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useFormErrors } from '../../components/api-errors.tsx';
import { AttachmentsInput } from '../../components/attachments.tsx';
import { severityLabel } from '../../components/problem-tags.tsx';
import { CategoryMultiSelect, UnitPersonSelect } from '../problems/problem-pickers.tsx';
import { severities } from '../problems/problem-url.ts';

interface Values {
  description: string;
  categoryIds?: number[];
  personId?: number | null;
  severity: ProblemSeverity;
  deadline: Dayjs;
  attachments?: Attachment[];
}

const FIELDS = ['description', 'categoryIds', 'personId', 'severity', 'deadline', 'attachments'];
const mapField = (f: string) =>
  f.startsWith('attachmentIds') ? 'attachments' : /^categoryIds\.\d+$/.test(f) ? 'categoryIds' : f;

/** 发现问题转清单: a visit's finding becomes a problem in one step (unit, day, source and finder from the visit). */
export function FindingModal({ visit, onClose }: { visit: Visit; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form, FIELDS, mapField);
  const m = useRoundMutations();
  const required = [{ required: true, message: t('common.required') }];
  return (
    <Modal
      open
      title={t('rounds.findingTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('rounds.finding')}
      confirmLoading={m.finding.isPending}
      destroyOnHidden
      width={680}
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={`${visit.unit.name} · ${visit.visitedOn}${visit.team ? ` · ${visit.team.name}` : ''}`}
        description={t('rounds.findingHelp')}
      />
      {errors.alert}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ severity: 'general' }}
        onFinish={(v) => {
          errors.clear();
          m.finding.mutate(
            {
              visitId: visit.id,
              description: v.description.trim(),
              categoryIds: v.categoryIds ?? [],
              personId: v.personId ?? null,
              severity: v.severity,
              deadline: v.deadline.format('YYYY-MM-DD'),
              longTerm: false,
              stages: [],
              attachmentIds: (v.attachments ?? []).map((a) => a.id),
            },
            {
              onSuccess: (p) => {
                void message.success(t('rounds.findingRecorded', { id: p.id }));
                onClose();
              },
              onError: errors.handle,
            },
          );
        }}
      >
        <Form.Item
          name="description"
          label={t('problems.description')}
          rules={[{ ...required[0], whitespace: true }]}
        >
          <Input.TextArea rows={4} maxLength={4000} />
        </Form.Item>
        <Form.Item name="categoryIds" label={t('problems.categories')}>
          <CategoryMultiSelect />
        </Form.Item>
        <Form.Item name="personId" label={t('problems.person')}>
          <UnitPersonSelect unitId={visit.unit.id} />
        </Form.Item>
        <Form.Item name="severity" label={t('problems.severity')} rules={required}>
          <Radio.Group
            optionType="button"
            options={severities.map((s) => ({ value: s, label: t(severityLabel(s)) }))}
          />
        </Form.Item>
        <Form.Item name="deadline" label={t('problems.deadline')} rules={required}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="attachments" label={t('rounds.photos')}>
          <AttachmentsInput />
        </Form.Item>
      </Form>
    </Modal>
  );
}
