import { PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  DatePicker,
  Empty,
  Form,
  Input,
  Modal,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { TableColumnsType as ColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { useRedoMutations, useRedoOrders, type RedoOrder } from '../../api/supervision.ts';
import { useI18n } from '../../app/i18n.tsx';
import type { MessageKey } from '../../app/messages.ts';
import { useCan } from '../../app/session-guard.tsx';
import { useErrorToast, useFormErrors } from '../../components/api-errors.tsx';
import { PageTitle } from '../../components/page-title.tsx';
import { useServerPaging } from '../../components/server-paging.ts';
import { UnitTreeSelect } from '../../components/unit-tree-select.tsx';
import { LeaderSelect } from '../tasks/leader-select.tsx';
import { ProblemIdsInput } from './problem-ids-input.tsx';

const statusColour: Record<RedoOrder['status'], string> = {
  issued: 'processing',
  submitted: 'purple',
  accepted: 'success',
  cancelled: 'default',
};

/** 返工整改: the office orders a unit or leader to re-inspect; the unit sees its orders and reports. */
export function RedoOrdersPage() {
  const { t } = useI18n();
  const mayIssue = useCan('supervision.manage');
  const [status, setStatus] = useState<RedoOrder['status']>();
  const [issuing, setIssuing] = useState(false);
  const [submitting, setSubmitting] = useState<RedoOrder | null>(null);
  const paging = useServerPaging();
  const list = useRedoOrders({ status }, paging.window);
  const columns: ColumnsType<RedoOrder> = [
    {
      title: t('redo.subject'),
      key: 'subject',
      width: 200,
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>
            {r.subject.kind === 'leader' ? r.subject.person?.name : r.subject.unit.name}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.subject.kind === 'leader'
              ? `${t('redo.subjectLeader')} · ${r.subject.unit.name}`
              : t('redo.subjectUnit')}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('redo.reason'),
      key: 'reason',
      render: (_, r) => (
        <Space orientation="vertical" size={2}>
          <Typography.Paragraph style={{ margin: 0 }} ellipsis={{ rows: 3 }}>
            {r.reason}
          </Typography.Paragraph>
          {r.basisProblemIds.length > 0 && (
            <Space size={4} wrap>
              {r.basisProblemIds.map((p) => (
                <Link key={p} to={`/problems/${p}`}>
                  #{p}
                </Link>
              ))}
            </Space>
          )}
          {r.report && (
            <Typography.Paragraph type="secondary" style={{ margin: 0 }} ellipsis={{ rows: 2 }}>
              {t('redo.report')}：{r.report}
            </Typography.Paragraph>
          )}
          {r.status === 'issued' && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('redo.selfInspection', { from: r.selfInspection.from })}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    { title: t('redo.issuedOn'), dataIndex: 'issuedOn', width: 110 },
    { title: t('redo.dueOn'), dataIndex: 'dueOn', width: 120 },
    {
      title: t('common.status'),
      key: 'status',
      width: 100,
      render: (_, r) => <Tag color={statusColour[r.status]}>{t(`redoStatus.${r.status}` as MessageKey)}</Tag>,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 220,
      render: (_, r) => <RedoActions r={r} onSubmit={() => setSubmitting(r)} />,
    },
  ];
  return (
    <>
      <PageTitle
        title={t('nav.redoOrders')}
        sub={t('redo.sub')}
        extra={
          mayIssue && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setIssuing(true)}>
              {t('redo.issue')}
            </Button>
          )
        }
      />
      <Card className="luoshi-filter-bar" size="small">
        <Select
          allowClear
          placeholder={t('common.status')}
          style={{ width: 140 }}
          value={status}
          onChange={setStatus}
          options={(['issued', 'submitted', 'accepted', 'cancelled'] as const).map((s) => ({
            value: s,
            label: t(`redoStatus.${s}`),
          }))}
        />
      </Card>
      <Card>
        <Table<RedoOrder>
          rowKey="id"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isPending}
          pagination={paging.pagination(list.data?.total ?? 0)}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('redo.empty')} /> }}
        />
      </Card>
      {issuing && <IssueModal onClose={() => setIssuing(false)} />}
      {submitting && <SubmitModal order={submitting} onClose={() => setSubmitting(null)} />}
    </>
  );
}

function RedoActions({ r, onSubmit }: { r: RedoOrder; onSubmit: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const toast = useErrorToast();
  const m = useRedoMutations();
  const [asking, setAsking] = useState<'send-back' | 'cancel' | null>(null);
  const [text, setText] = useState('');
  const a = r.abilities;
  const decide = (verb: 'accept' | 'send-back' | 'cancel', why: string) =>
    m.decide.mutate(
      { id: r.id, verb, text: why },
      { onSuccess: () => (setAsking(null), void message.success(t('common.saved'))), onError: toast },
    );
  return (
    <Space orientation="vertical" size={4}>
      <Space wrap size={4}>
        {a.submit && (
          <Button size="small" type="primary" onClick={onSubmit}>
            {t('redo.submit')}
          </Button>
        )}
        {a.accept && (
          <Button size="small" type="primary" onClick={() => decide('accept', '')}>
            {t('redo.accept')}
          </Button>
        )}
        {a.sendBack && (
          <Button size="small" onClick={() => setAsking('send-back')}>
            {t('redo.sendBack')}
          </Button>
        )}
        {a.cancel && (
          <Button size="small" danger type="text" onClick={() => setAsking('cancel')}>
            {t('redo.cancel')}
          </Button>
        )}
      </Space>
      {asking && (
        <Space.Compact>
          <Input
            size="small"
            autoFocus
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder={t('pub.reasonFor')}
          />
          <Button size="small" danger disabled={!text.trim()} onClick={() => decide(asking, text.trim())}>
            {t(asking === 'cancel' ? 'redo.cancel' : 'redo.sendBack')}
          </Button>
        </Space.Compact>
      )}
    </Space>
  );
}

interface IssueValues {
  kind: 'unit' | 'leader';
  unitId?: number;
  leaderIds?: number[];
  reason: string;
  dueOn: Dayjs;
  basisProblemIds?: number[];
}

function IssueModal({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<IssueValues>();
  const errors = useFormErrors(form, ['unitId', 'leaderIds', 'reason', 'dueOn', 'basisProblemIds'], (f) =>
    f === 'subject.unitId'
      ? 'unitId'
      : f === 'subject.personId'
        ? 'leaderIds'
        : f.replace(/^basisProblemIds\.\d+$/, 'basisProblemIds'),
  );
  const m = useRedoMutations();
  const kind = Form.useWatch('kind', form);
  const required = [{ required: true, message: t('common.required') }];
  return (
    <Modal
      open
      title={t('redo.issue')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('redo.issue')}
      confirmLoading={m.issue.isPending}
      destroyOnHidden
      width={640}
    >
      {errors.alert}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ kind: 'unit' }}
        onFinish={(v) => {
          errors.clear();
          const leader = v.leaderIds?.[0];
          m.issue.mutate(
            {
              subject:
                v.kind === 'leader'
                  ? { kind: 'leader', personId: leader ?? 0 }
                  : { kind: 'unit', unitId: v.unitId ?? 0 },
              reason: v.reason.trim(),
              dueOn: v.dueOn.format('YYYY-MM-DD'),
              basisProblemIds: v.basisProblemIds ?? [],
            },
            {
              onSuccess: () => {
                void message.success(t('redo.issued'));
                onClose();
              },
              onError: errors.handle,
            },
          );
        }}
      >
        <Form.Item name="kind" label={t('redo.subject')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'unit', label: t('redo.subjectUnit') },
              { value: 'leader', label: t('redo.subjectLeader') },
            ]}
          />
        </Form.Item>
        {kind === 'leader' ? (
          <Form.Item name="leaderIds" label={t('redo.person')} rules={required}>
            <LeaderSelect />
          </Form.Item>
        ) : (
          <Form.Item name="unitId" label={t('redo.unit')} rules={required}>
            <UnitTreeSelect />
          </Form.Item>
        )}
        <Form.Item name="reason" label={t('redo.reason')} rules={[{ ...required[0], whitespace: true }]}>
          <Input.TextArea rows={4} maxLength={4000} />
        </Form.Item>
        <Form.Item name="dueOn" label={t('redo.dueOn')} rules={required}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="basisProblemIds" label={t('redo.basis')}>
          <ProblemIdsInput />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function SubmitModal({ order, onClose }: { order: RedoOrder; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ report: string; problemIds?: number[] }>();
  const errors = useFormErrors(form, ['report', 'problemIds'], (f) =>
    f.replace(/^problemIds\.\d+$/, 'problemIds'),
  );
  const m = useRedoMutations();
  return (
    <Modal
      open
      title={t('redo.submit')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('redo.submit')}
      confirmLoading={m.submit.isPending}
      destroyOnHidden
      width={680}
    >
      <Typography.Paragraph type="secondary">{order.reason}</Typography.Paragraph>
      {errors.alert}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => {
          errors.clear();
          m.submit.mutate(
            { id: order.id, report: v.report.trim(), problemIds: v.problemIds ?? [] },
            {
              onSuccess: () => {
                void message.success(t('redo.submitted'));
                onClose();
              },
              onError: errors.handle,
            },
          );
        }}
      >
        <Form.Item
          name="report"
          label={t('redo.report')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }]}
        >
          <Input.TextArea rows={6} maxLength={20000} />
        </Form.Item>
        <Form.Item
          name="problemIds"
          label={t('redo.found')}
          extra={t('redo.selfInspection', { from: order.selfInspection.from })}
        >
          <ProblemIdsInput />
        </Form.Item>
      </Form>
    </Modal>
  );
}
