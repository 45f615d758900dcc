import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Empty, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType as ColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import {
  clueDisposalLabels,
  clueDisposals,
  clueStatuses,
} from '../../../../domain/accountability/clue-transfer.ts';
import {
  useClueMutations,
  useClues,
  type Clue,
  type ClueDisposal,
  type ClueStatus,
} from '../../api/accountability.ts';
import { useI18n } from '../../app/i18n.tsx';
import type { MessageKey } from '../../app/messages.ts';
import { useCan } from '../../app/session-guard.tsx';
import { useErrorToast, useFormErrors } from '../../components/api-errors.tsx';
import { useServerPaging } from '../../components/server-paging.ts';
import { UnitTreeSelect } from '../../components/unit-tree-select.tsx';
import { beijingTime } from '../tasks/task-reports.tsx';
import { ProblemIdsInput } from './problem-ids-input.tsx';

const statusColour: Record<ClueStatus, string> = {
  draft: 'default',
  transferred: 'processing',
  returned: 'warning',
  accepted: 'purple',
  concluded: 'success',
  withdrawn: 'default',
};

/** 线索移送: drafted and sent by the office or inspectors; accepted, returned or concluded by the commission. */
export function CluesList() {
  const { t, pick } = useI18n();
  const mayDraft = useCan('problems.record');
  const [status, setStatus] = useState<ClueStatus>();
  const [drafting, setDrafting] = useState(false);
  const paging = useServerPaging();
  const list = useClues(status, paging.window);
  const columns: ColumnsType<Clue> = [
    {
      title: t('clues.summary'),
      key: 'summary',
      render: (_, c) => (
        <Space orientation="vertical" size={2}>
          <Typography.Paragraph style={{ margin: 0 }} ellipsis={{ rows: 3 }}>
            {c.summary}
          </Typography.Paragraph>
          {c.problemIds.length > 0 && (
            <Space size={4} wrap>
              {c.problemIds.map((p) => (
                <Link key={p} to={`/problems/${p}`}>
                  #{p}
                </Link>
              ))}
            </Space>
          )}
          {c.decisionNote && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('clues.note')}：{c.decisionNote}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    { title: t('clues.unit'), key: 'unit', width: 150, render: (_, c) => c.unit.name },
    {
      title: t('common.status'),
      key: 'status',
      width: 150,
      render: (_, c) => (
        <Space orientation="vertical" size={2}>
          <Tag color={statusColour[c.status]}>{t(`clueStatus.${c.status}` as MessageKey)}</Tag>
          {c.disposalLabel && (
            <Typography.Text style={{ fontSize: 12 }}>{pick(c.disposalLabel)}</Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('clues.createdAt'),
      key: 'createdAt',
      width: 150,
      render: (_, c) => (
        <Space orientation="vertical" size={0}>
          <span>{c.createdBy.name}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {beijingTime(c.createdAt)}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('common.actions'), key: 'actions', width: 240, render: (_, c) => <ClueActions c={c} /> },
  ];
  return (
    <>
      <Space style={{ marginBottom: 12, width: '100%', justifyContent: 'space-between' }}>
        <Select
          allowClear
          placeholder={t('common.status')}
          style={{ width: 140 }}
          value={status}
          onChange={setStatus}
          options={clueStatuses.map((s) => ({ value: s, label: t(`clueStatus.${s}` as MessageKey) }))}
        />
        {mayDraft && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrafting(true)}>
            {t('clues.create')}
          </Button>
        )}
      </Space>
      <Table<Clue>
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isPending}
        pagination={paging.pagination(list.data?.total ?? 0)}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('clues.empty')} /> }}
      />
      {drafting && <ClueModal onClose={() => setDrafting(false)} />}
    </>
  );
}

function ClueActions({ c }: { c: Clue }) {
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const toast = useErrorToast();
  const m = useClueMutations();
  const [asking, setAsking] = useState<'return' | 'conclude' | null>(null);
  const [note, setNote] = useState('');
  const [disposal, setDisposal] = useState<ClueDisposal>();
  const a = c.abilities;
  const go = (verb: 'transfer' | 'withdraw' | 'accept' | 'return' | 'conclude') =>
    m.move.mutate(
      { id: c.id, verb, note: note.trim(), ...(disposal ? { disposal } : {}) },
      { onSuccess: () => (setAsking(null), void message.success(t('common.saved'))), onError: toast },
    );
  return (
    <Space orientation="vertical" size={4}>
      <Space wrap size={4}>
        {a.transfer && (
          <Button size="small" type="primary" onClick={() => go('transfer')}>
            {t('clues.transfer')}
          </Button>
        )}
        {a.accept && (
          <Button size="small" type="primary" onClick={() => go('accept')}>
            {t('clues.accept')}
          </Button>
        )}
        {a.conclude && (
          <Button size="small" onClick={() => setAsking('conclude')}>
            {t('clues.conclude')}
          </Button>
        )}
        {a.return && (
          <Button size="small" onClick={() => setAsking('return')}>
            {t('clues.return')}
          </Button>
        )}
        {a.withdraw && (
          <Button size="small" type="text" danger onClick={() => go('withdraw')}>
            {t('clues.withdraw')}
          </Button>
        )}
      </Space>
      {asking === 'conclude' && (
        <Select<ClueDisposal>
          size="small"
          placeholder={t('clues.disposal')}
          value={disposal}
          onChange={setDisposal}
          options={clueDisposals.map((d) => ({ value: d, label: pick(clueDisposalLabels[d]) }))}
          style={{ width: 200 }}
        />
      )}
      {asking && (
        <Space.Compact>
          <Input
            size="small"
            value={note}
            onChange={(e) => setNote(e.target.value)}
            placeholder={t('clues.note')}
          />
          <Button
            size="small"
            type="primary"
            disabled={asking === 'return' ? !note.trim() : !disposal}
            onClick={() => go(asking)}
          >
            {t(asking === 'return' ? 'clues.return' : 'clues.conclude')}
          </Button>
        </Space.Compact>
      )}
    </Space>
  );
}

function ClueModal({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ summary: string; unitId: number; problemIds?: number[] }>();
  const errors = useFormErrors(form, ['summary', 'unitId', 'problemIds'], (f) =>
    f.replace(/^problemIds\.\d+$/, 'problemIds'),
  );
  const m = useClueMutations();
  return (
    <Modal
      open
      title={t('clues.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={m.create.isPending}
      destroyOnHidden
      width={640}
    >
      {errors.alert}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => {
          errors.clear();
          m.create.mutate(
            { summary: v.summary.trim(), unitId: v.unitId, problemIds: v.problemIds ?? [] },
            {
              onSuccess: () => {
                void message.success(t('clues.created'));
                onClose();
              },
              onError: errors.handle,
            },
          );
        }}
      >
        <Form.Item
          name="summary"
          label={t('clues.summary')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }]}
        >
          <Input.TextArea rows={5} maxLength={8000} />
        </Form.Item>
        <Form.Item
          name="unitId"
          label={t('clues.unit')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <UnitTreeSelect />
        </Form.Item>
        <Form.Item name="problemIds" label={t('clues.problems')}>
          <ProblemIdsInput />
        </Form.Item>
      </Form>
    </Modal>
  );
}
