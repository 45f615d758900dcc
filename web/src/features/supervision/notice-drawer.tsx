import {
  Alert,
  App,
  Button,
  Descriptions,
  Drawer,
  Form,
  Input,
  Popconfirm,
  Space,
  Spin,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useNotice, useNoticeMutations, type Notice } from '../../api/supervision.ts';
import { useI18n } from '../../app/i18n.tsx';
import type { MessageKey } from '../../app/messages.ts';
import { useErrorToast, useFormErrors } from '../../components/api-errors.tsx';
import { beijingTime } from '../tasks/task-reports.tsx';
import { LevelTag, NoticeStatusTag, useKindLabel, useLevelLabel } from './supervision-tags.tsx';

const objectPath = (n: Notice) =>
  n.object.type === 'problem' ? `/problems/${n.object.id}` : `/tasks/${n.object.id}`;

/** One 督办单: what, who, by when; the unit's written answer; the office's decision. */
export function NoticeDrawer({ id, onClose }: { id: number; onClose: () => void }) {
  const { t } = useI18n();
  const q = useNotice(id);
  const n = q.data;
  return (
    <Drawer open size={680} title={t('notices.detail')} onClose={onClose} destroyOnHidden>
      {q.isPending && <Spin />}
      {q.isError && <Alert type="error" showIcon title={t('common.loadFailed')} />}
      {n && <NoticeBody n={n} />}
    </Drawer>
  );
}

function NoticeBody({ n }: { n: Notice }) {
  const { t, lang } = useI18n();
  const kindLabel = useKindLabel();
  const levelLabel = useLevelLabel();
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Space wrap>
        <LevelTag level={n.level} />
        <NoticeStatusTag status={n.status} />
        {n.answerOverdue && <Typography.Text type="danger">{t('notices.answerOverdue')}</Typography.Text>}
      </Space>
      <Typography.Title level={5} style={{ margin: 0 }}>
        {n.title}
      </Typography.Title>
      <Descriptions column={2} size="small" bordered>
        <Descriptions.Item label={t('notices.objectKind')}>{kindLabel(n.objectKind)}</Descriptions.Item>
        <Descriptions.Item label={t('notices.goToObject')}>
          <Link to={objectPath(n)}>
            {n.object.type === 'problem' ? '#' : ''}
            {n.objectId}
          </Link>
        </Descriptions.Item>
        <Descriptions.Item label={t('notices.unit')}>{n.unit.name}</Descriptions.Item>
        <Descriptions.Item label={t('notices.leader')}>{n.leader?.name ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('notices.dueOn')}>{n.dueOn}</Descriptions.Item>
        <Descriptions.Item label={t('notices.late')}>
          {t('notices.lateDays', { n: n.workingDaysLate })}
        </Descriptions.Item>
        <Descriptions.Item label={t('notices.raisedOn')}>{n.raisedOn}</Descriptions.Item>
        <Descriptions.Item label={t('notices.answerBy')}>
          {n.answerOverdue ? <Typography.Text type="danger">{n.answerBy}</Typography.Text> : n.answerBy}
        </Descriptions.Item>
        <Descriptions.Item label={t('notices.cause')} span={2}>
          {t(`notices.cause.${n.cause}` as MessageKey)}
          {n.raisedBy ? ` · ${n.raisedBy.name}` : ''}
          {n.skippedLevels.length > 0 &&
            ` （${t('notices.skipped')}：${n.skippedLevels.map(levelLabel).join('、')}）`}
        </Descriptions.Item>
        {n.note ? (
          <Descriptions.Item label={t('notices.note')} span={2}>
            {n.note}
          </Descriptions.Item>
        ) : null}
        {n.endReason && (
          <Descriptions.Item label={t('notices.endReason')} span={2}>
            {n.endReason}
          </Descriptions.Item>
        )}
      </Descriptions>
      <div>
        <Typography.Title level={5}>{t('notices.answer')}</Typography.Title>
        {n.answer ? (
          <div className="luoshi-notice-answer">
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 4 }}>
              {n.answer}
            </Typography.Paragraph>
            <Typography.Text type="secondary">
              {t('notices.answeredBy')}：{n.answeredBy?.name} ·{' '}
              {n.answeredAt ? beijingTime(n.answeredAt) : ''}
            </Typography.Text>
          </div>
        ) : (
          <Typography.Text type="secondary">{t('notices.noAnswer')}</Typography.Text>
        )}
        {n.returnCount > 0 && (
          <div>
            <Typography.Text type="warning">{t('notices.returnCount', { n: n.returnCount })}</Typography.Text>
          </div>
        )}
        {n.decisionNote && (
          <Typography.Paragraph style={{ marginTop: 8 }}>
            {t('notices.decision')}：{n.decisionNote}
            {n.decidedBy ? `（${n.decidedBy.name} ${n.decidedAt ? beijingTime(n.decidedAt) : ''}）` : ''}
          </Typography.Paragraph>
        )}
      </div>
      {n.abilities.answer && <AnswerForm n={n} />}
      <OfficeActions n={n} />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {beijingTime(n.raisedAt)} · #{n.id} · {lang === 'zh' ? '督办单' : 'Notice'}
      </Typography.Text>
    </Space>
  );
}

function AnswerForm({ n }: { n: Notice }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ answer: string }>();
  const errors = useFormErrors(form, ['answer']);
  const m = useNoticeMutations();
  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={(v) => {
        errors.clear();
        m.answer.mutate(
          { id: n.id, answer: v.answer.trim() },
          { onSuccess: () => void message.success(t('notices.answered')), onError: errors.handle },
        );
      }}
    >
      {errors.alert}
      <Form.Item
        name="answer"
        label={t('notices.answer')}
        rules={[{ required: true, whitespace: true, message: t('common.required') }]}
      >
        <Input.TextArea rows={5} maxLength={4000} showCount placeholder={t('notices.answerPlaceholder')} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={m.answer.isPending}>
        {t('notices.submitAnswer')}
      </Button>
    </Form>
  );
}

/** 认可, 退回 (with a reason), 撤回 (with a reason): the office's moves. */
function OfficeActions({ n }: { n: Notice }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const toast = useErrorToast();
  const m = useNoticeMutations();
  const [asking, setAsking] = useState<'return' | 'withdraw' | null>(null);
  const [text, setText] = useState('');
  const [note, setNote] = useState('');
  if (!n.abilities.accept && !n.abilities.returnAnswer && !n.abilities.withdraw) return null;
  const send = () => {
    const reason = text.trim();
    if (!reason) return;
    const done = () => {
      setAsking(null);
      setText('');
    };
    if (asking === 'return')
      m.returnAnswer.mutate(
        { id: n.id, reason },
        { onSuccess: () => (done(), void message.success(t('notices.returned'))), onError: toast },
      );
    else
      m.withdraw.mutate(
        { id: n.id, reason },
        { onSuccess: () => (done(), void message.success(t('notices.withdrawn'))), onError: toast },
      );
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {n.abilities.accept && (
        <Input
          value={note}
          onChange={(e) => setNote(e.target.value)}
          placeholder={t('notices.acceptNote')}
          maxLength={1000}
          aria-label={t('notices.acceptNote')}
        />
      )}
      <Space wrap>
        {n.abilities.accept && (
          <Popconfirm
            title={t('notices.accept')}
            onConfirm={() =>
              m.accept.mutate(
                { id: n.id, note: note.trim() },
                { onSuccess: () => void message.success(t('notices.accepted')), onError: toast },
              )
            }
          >
            <Button type="primary" loading={m.accept.isPending}>
              {t('notices.accept')}
            </Button>
          </Popconfirm>
        )}
        {n.abilities.returnAnswer && (
          <Button onClick={() => setAsking('return')}>{t('notices.returnAnswer')}</Button>
        )}
        {n.abilities.withdraw && (
          <Button danger onClick={() => setAsking('withdraw')}>
            {t('notices.withdraw')}
          </Button>
        )}
      </Space>
      {asking && (
        <Space.Compact style={{ width: '100%' }}>
          <Input
            autoFocus
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder={t('pub.reasonFor')}
            aria-label={t('notices.reason')}
            maxLength={1000}
            onPressEnter={send}
          />
          <Button type="primary" danger={asking === 'withdraw'} onClick={send} disabled={!text.trim()}>
            {t(asking === 'return' ? 'notices.returnAnswer' : 'notices.withdraw')}
          </Button>
        </Space.Compact>
      )}
    </Space>
  );
}
