import { PlusOutlined, SafetyOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import type { TableColumnsType as ColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import {
  useAccountabilityMutations,
  useCases,
  useRecords,
  type CaseSummary,
  type LeniencyKind,
  type RecordFilter,
  type RecordSummary,
} from '../../api/accountability.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useFormErrors } from '../../components/api-errors.tsx';
import { PageTitle } from '../../components/page-title.tsx';
import { useServerPaging } from '../../components/server-paging.ts';
import { CluesList } from '../supervision/clues-list.tsx';
import { FormTag, formLabels, forms, leniencyLabels, LeniencyTag } from './accountability-labels.tsx';
import { FollowUpsTab } from './follow-ups-tab.tsx';
import { StatisticsTab } from './statistics-tab.tsx';

const tabs = ['cases', 'records', 'follow-ups', 'clues', 'statistics'] as const;
type TabKey = (typeof tabs)[number];

/** 问责: for the discipline role only (the server answers 404 to everyone else). */
export function AccountabilityPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const tab = (tabs as readonly string[]).includes(params.get('tab') ?? '')
    ? (params.get('tab') as TabKey)
    : 'cases';
  return (
    <>
      <PageTitle title={t('nav.accountability')} sub={t('acc.sub')} />
      <Alert
        type="warning"
        showIcon
        icon={<SafetyOutlined />}
        style={{ marginBottom: 16 }}
        title={t('acc.decisionHelp')}
      />
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(k) => setParams({ tab: k }, { replace: true })}
          items={[
            { key: 'cases', label: t('acc.tabCases'), children: <CasesTab /> },
            { key: 'records', label: t('acc.tabRecords'), children: <RecordsTab /> },
            { key: 'follow-ups', label: t('acc.tabFollowUps'), children: <FollowUpsTab /> },
            { key: 'clues', label: t('acc.tabClues'), children: <CluesList /> },
            { key: 'statistics', label: t('acc.tabStatistics'), children: <StatisticsTab /> },
          ]}
        />
      </Card>
    </>
  );
}

function CasesTab() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const paging = useServerPaging();
  const list = useCases(paging.window);
  const [creating, setCreating] = useState(false);
  const columns: ColumnsType<CaseSummary> = [
    { title: t('acc.caseNumber'), dataIndex: 'number', width: 180, render: (n: string) => n || '—' },
    {
      title: t('acc.caseTitle'),
      key: 'title',
      render: (_, c) => (
        <Link to={`/accountability/cases/${c.id}`} className="luoshi-strong-link">
          {c.title}
        </Link>
      ),
    },
    { title: t('acc.recordCount'), dataIndex: 'recordCount', width: 100, align: 'right' },
    {
      title: t('acc.decidedRange'),
      key: 'decided',
      width: 220,
      render: (_, c) =>
        c.firstDecidedOn
          ? c.firstDecidedOn === c.lastDecidedOn
            ? c.firstDecidedOn
            : `${c.firstDecidedOn} ～ ${c.lastDecidedOn}`
          : '—',
    },
  ];
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t('acc.newCase')}
        </Button>
      </Space>
      <Table<CaseSummary>
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isPending}
        pagination={paging.pagination(list.data?.total ?? 0)}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('acc.noCases')} /> }}
      />
      {creating && (
        <NewCaseModal
          onClose={() => setCreating(false)}
          onCreated={(id) => void navigate(`/accountability/cases/${id}`)}
        />
      )}
    </>
  );
}

function NewCaseModal({ onClose, onCreated }: { onClose: () => void; onCreated: (id: number) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ number?: string; title: string }>();
  const errors = useFormErrors(form, ['number', 'title']);
  const m = useAccountabilityMutations();
  return (
    <Modal
      open
      title={t('acc.newCase')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={m.createCase.isPending}
      destroyOnHidden
    >
      {errors.alert}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => {
          errors.clear();
          m.createCase.mutate(
            { number: v.number?.trim() ?? '', title: v.title.trim() },
            {
              onSuccess: (c) => {
                void message.success(t('acc.caseCreated'));
                onClose();
                onCreated(c.id);
              },
              onError: errors.handle,
            },
          );
        }}
      >
        <Form.Item name="number" label={t('acc.caseNumber')}>
          <Input maxLength={50} placeholder="区纪问〔2026〕1号" />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('acc.caseTitle')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }]}
        >
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function RecordsTab() {
  const { t, pick } = useI18n();
  const [filter, setFilter] = useState<RecordFilter>({});
  const paging = useServerPaging();
  const list = useRecords(filter, paging.window);
  const columns: ColumnsType<RecordSummary> = [
    {
      title: t('acc.subject'),
      key: 'subject',
      width: 200,
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{r.subject.person?.name ?? r.subject.unit.name}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.subject.kind === 'person' ? r.subject.unit.name : t('acc.subjectUnit')}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('acc.measure'),
      key: 'measure',
      render: (_, r) => (
        <Space wrap size={4}>
          <FormTag form={r.form} />
          <span>{r.measureLabel ? pick(r.measureLabel) : t('acc.noMeasure')}</span>
          {r.leniency && <LeniencyTag kind={r.leniency.kind} />}
        </Space>
      ),
    },
    { title: t('acc.decidedOn'), dataIndex: 'decidedOn', width: 110 },
    {
      title: t('acc.basisProblems'),
      key: 'basis',
      width: 160,
      render: (_, r) =>
        r.basisProblemIds.length ? (
          <Space size={4} wrap>
            {r.basisProblemIds.map((p) => (
              <Link key={p} to={`/problems/${p}`}>
                #{p}
              </Link>
            ))}
          </Space>
        ) : (
          '—'
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 110,
      render: (_, r) => <Link to={`/accountability/cases/${r.caseId}`}>{t('acc.openCase')}</Link>,
    },
  ];
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <Select<number>
          allowClear
          placeholder={t('acc.form')}
          style={{ width: 150 }}
          value={filter.form}
          onChange={(form) => setFilter((f) => ({ ...f, form }))}
          options={forms.map((f) => ({ value: f, label: pick(formLabels[f]) }))}
        />
        <Select<LeniencyKind>
          allowClear
          placeholder={t('acc.leniency')}
          style={{ width: 150 }}
          value={filter.leniency}
          onChange={(leniency) => setFilter((f) => ({ ...f, leniency }))}
          options={(['lenient', 'reduced', 'exempt'] as const).map((k) => ({
            value: k,
            label: pick(leniencyLabels[k]),
          }))}
        />
      </Space>
      <Table<RecordSummary>
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isPending}
        pagination={paging.pagination(list.data?.total ?? 0)}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<Tag>{t('pub.empty')}</Tag>} />,
        }}
      />
    </>
  );
}
