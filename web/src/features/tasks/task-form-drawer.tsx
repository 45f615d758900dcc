import { App, Button, Col, DatePicker, Drawer, Form, Input, InputNumber, Radio, Row, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMeetingMutations } from '../../api/meetings.ts';
import { useTaskMutations } from '../../api/tasks.ts';
import type { Cadence, TaskDetail, TaskDraftBody } from '../../api/types.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useFormErrors } from '../../components/api-errors.tsx';
import { UnitTreeMultiSelect, UnitTreeSelect } from '../../components/unit-tree-select.tsx';
import { cadences } from '../../../../domain/tasks/cadence.ts';
import { LeaderSelect } from './leader-select.tsx';
import { MilestonesField } from './milestones-field.tsx';
import { cadenceLabel } from './task-labels.ts';

interface Values {
  code: string;
  title: string;
  category?: string;
  description?: string;
  targetText?: string;
  targetValue?: number | null;
  targetUnit?: string;
  leaderIds: number[];
  leadUnitId: number;
  cooperatingUnitIds?: number[];
  period: [Dayjs, Dayjs];
  cadence: Cadence;
  milestones?: { date: Dayjs; title: string; percent?: number | null }[];
}

const DATE = 'YYYY-MM-DD';
const FIELDS = [
  'code',
  'title',
  'category',
  'description',
  'targetText',
  'targetValue',
  'targetUnit',
  'leaderIds',
  'leadUnitId',
  'cooperatingUnitIds',
  'period',
  'cadence',
  'milestones.*',
];

/** API field → form field: the range picker holds start and deadline; a list's item errors go on the list. */
function mapField(f: string): string {
  if (f === 'start' || f === 'deadline') return 'period';
  const list = /^(leaderIds|cooperatingUnitIds)\.\d+$/.exec(f);
  return list ? (list[1] ?? f) : f;
}

function toBody(v: Values): Omit<TaskDraftBody, 'code'> {
  const blank = (s?: string) => s?.trim() ?? '';
  return {
    title: v.title,
    category: blank(v.category),
    description: blank(v.description),
    targetText: blank(v.targetText),
    targetValue: v.targetValue ?? null,
    targetUnit: blank(v.targetUnit) || null,
    leaderIds: v.leaderIds,
    leadUnitId: v.leadUnitId,
    cooperatingUnitIds: v.cooperatingUnitIds ?? [],
    start: v.period[0].format(DATE),
    deadline: v.period[1].format(DATE),
    cadence: v.cadence,
    milestones: (v.milestones ?? []).map((m) => ({
      date: m.date.format(DATE),
      title: m.title,
      ...(m.percent !== null && m.percent !== undefined ? { percent: m.percent } : {}),
    })),
  };
}

function initial(task: TaskDetail | null, campaign: { start: string; end: string }): Partial<Values> {
  if (!task)
    return { cadence: 'monthly', period: [dayjs(campaign.start), dayjs(campaign.end)], milestones: [] };
  return {
    code: task.code,
    title: task.title,
    category: task.category,
    description: task.description,
    targetText: task.targetText,
    targetValue: task.targetValue,
    targetUnit: task.targetUnit ?? '',
    leaderIds: task.leaders.map((l) => l.id),
    leadUnitId: task.leadUnit.id,
    cooperatingUnitIds: task.cooperatingUnits.map((u) => u.id),
    period: [dayjs(task.start), dayjs(task.deadline)],
    cadence: task.cadence,
    milestones: task.milestones.map((m) => ({ date: dayjs(m.date), title: m.title, percent: m.percent })),
  };
}

/** 新建任务 / 修改草稿: every field of a task draft. */
export function TaskFormDrawer({
  campaign,
  task,
  decision,
  onClose,
  onSaved,
}: {
  campaign: { id: number; start: string; end: string };
  /** null: a new task. */
  task: TaskDetail | null;
  /** 议定事项转为任务: a meeting's decision becomes this task, issued at once. */
  decision?: { meetingId: number; decisionId: number; text: string };
  onClose: () => void;
  onSaved?: (t: TaskDetail) => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form, FIELDS, mapField);
  const m = useTaskMutations();
  const meetings = useMeetingMutations();
  const required = [{ required: true, message: t('common.required') }];
  const submit = (v: Values) => {
    errors.clear();
    const done = (saved: TaskDetail) => {
      void message.success(t(task ? 'common.saved' : decision ? 'meetings.taskIssued' : 'tasks.created'));
      onSaved?.(saved);
      onClose();
    };
    if (task) m.update.mutate({ id: task.id, ...toBody(v) }, { onSuccess: done, onError: errors.handle });
    else if (decision)
      meetings.decisionToTask.mutate(
        { meetingId: decision.meetingId, decisionId: decision.decisionId, code: v.code, ...toBody(v) },
        { onSuccess: done, onError: errors.handle },
      );
    else
      m.create.mutate(
        { campaignId: campaign.id, code: v.code, ...toBody(v) },
        { onSuccess: done, onError: errors.handle },
      );
  };
  return (
    <Drawer
      open
      size={720}
      title={
        task
          ? t('tasks.editTitle', { code: task.code })
          : decision
            ? t('meetings.toTaskTitle')
            : t('tasks.add')
      }
      onClose={onClose}
      destroyOnHidden
      footer={
        <Space style={{ float: 'right' }}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            loading={m.create.isPending || m.update.isPending || meetings.decisionToTask.isPending}
            onClick={() => form.submit()}
          >
            {t(task ? 'common.save' : decision ? 'meetings.toTaskSubmit' : 'tasks.saveDraft')}
          </Button>
        </Space>
      }
    >
      {errors.alert}
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ ...initial(task, campaign), ...(decision ? { title: decision.text } : {}) }}
      >
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="code" label={t('tasks.code')} rules={required} extra={t('tasks.codeHint')}>
              <Input maxLength={30} disabled={task !== null} />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name="category" label={t('tasks.category')} extra={t('tasks.categoryHint')}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="title" label={t('tasks.title')} rules={required}>
          <Input maxLength={200} showCount />
        </Form.Item>
        <Form.Item name="description" label={t('tasks.description')}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="targetText" label={t('tasks.targetText')} extra={t('tasks.targetTextHint')}>
              <Input maxLength={500} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="targetValue" label={t('tasks.targetValue')}>
              <InputNumber style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="targetUnit" label={t('tasks.targetUnit')}>
              <Input maxLength={20} placeholder={t('tasks.targetUnitPlaceholder')} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="leaderIds"
          label={t('tasks.leaders')}
          rules={required}
          extra={t('tasks.leadersHint')}
        >
          <LeaderSelect known={task?.leaders ?? []} />
        </Form.Item>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="leadUnitId" label={t('tasks.leadUnit')} rules={required}>
              <UnitTreeSelect />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="cooperatingUnitIds" label={t('tasks.cooperatingUnits')}>
              <UnitTreeMultiSelect />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="period" label={t('tasks.period')} rules={required}>
              <DatePicker.RangePicker
                style={{ width: '100%' }}
                placeholder={[t('tasks.start'), t('tasks.deadline')]}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="cadence" label={t('tasks.cadence')} rules={required}>
              <Radio.Group
                optionType="button"
                options={cadences.map((c) => ({ value: c, label: t(cadenceLabel[c]) }))}
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label={t('tasks.milestones')} extra={t('tasks.milestonesHint')}>
          <MilestonesField />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
