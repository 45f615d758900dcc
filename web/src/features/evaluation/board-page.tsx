import { EditOutlined, LeftOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Modal,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useBoard, useSchemeMutations, useVerify, type BoardResponse } from '../../api/evaluation.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useCurrentSession } from '../../app/session-guard.tsx';
import { useFormErrors } from '../../components/api-errors.tsx';
import { PageTitle } from '../../components/page-title.tsx';
import { BoardTable, GradeSummary } from './board-table.tsx';

function CorrectModal({ board, onClose }: { board: BoardResponse; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<{ reason: string }>();
  const { correct } = useSchemeMutations();
  const errors = useFormErrors(form, ['reason']);
  const submit = (v: { reason: string }) =>
    correct.mutate(
      { boardId: board.id!, reason: v.reason },
      {
        onSuccess: (b) => {
          void message.success(t('eval.corrected'));
          onClose();
          void navigate(`/evaluation/boards/${b.id}`);
        },
        onError: errors.handle,
      },
    );
  return (
    <Modal
      open
      title={t('eval.correctTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('eval.correct')}
      confirmLoading={correct.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('eval.correctBody')}</Typography.Paragraph>
      {errors.alert}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="reason"
          label={t('eval.correctReason')}
          rules={[{ required: true, min: 2, message: t('common.required') }]}
        >
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 更正记录: every revision of the period, newest first; the one shown is marked. */
export function RevisionHistory({ board }: { board: BoardResponse }) {
  const { t, lang } = useI18n();
  return (
    <Timeline
      items={board.revisions.map((r) => ({
        color: r.id === board.id ? 'red' : 'gray',
        children: (
          <div>
            <Space wrap>
              {r.id === board.id ? (
                <Typography.Text strong>{t('eval.revision', { n: r.revision })}</Typography.Text>
              ) : (
                <Link to={`/evaluation/boards/${r.id}`}>{t('eval.revision', { n: r.revision })}</Link>
              )}
              <Typography.Text type="secondary">
                {new Date(r.publishedAt).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB')} · {r.publishedBy}
              </Typography.Text>
              <Tag>{t('eval.versionN', { n: r.schemeVersion })}</Tag>
            </Space>
            <div>{r.reason ? `${t('eval.reason')}：${r.reason}` : t('eval.firstPublication')}</div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }} copyable={{ text: r.inputHash }}>
              SM3 {r.inputHash.slice(0, 16)}…
            </Typography.Text>
          </div>
        ),
      }))}
    />
  );
}

/** A published board (晾晒): frozen results, its revisions, correction (the office) and each unit's explanation. */
export function BoardPage() {
  const { id } = useParams();
  const boardId = Number(id);
  const { t, pick, lang } = useI18n();
  const session = useCurrentSession();
  const board = useBoard(boardId);
  const [correcting, setCorrecting] = useState(false);
  const [verifying, setVerifying] = useState(false);
  const verify = useVerify(boardId, verifying);
  const b = board.data;
  if (!b) return <Card loading={board.isPending}>{board.error?.message}</Card>;
  const mine = session.roles.some((g) => b.results.some((r) => r.unitId === g.unitId))
    ? session.user.unit.id
    : undefined;
  return (
    <>
      <Link to="/evaluation?tab=boards">
        <LeftOutlined /> {t('nav.evaluation')}
      </Link>
      <PageTitle
        title={`${b.scheme.name} · ${pick(b.period.label)}`}
        sub={`${b.campaign.name} · ${lang === 'zh' ? b.peerGroup.nameZh : b.peerGroup.nameEn}`}
        extra={
          <Space>
            <Button
              icon={<SafetyCertificateOutlined />}
              onClick={() => setVerifying(true)}
              loading={verify.isFetching}
            >
              {t('eval.verify')}
            </Button>
            {b.abilities.correct && (
              <Button icon={<EditOutlined />} onClick={() => setCorrecting(true)}>
                {t('eval.correct')}
              </Button>
            )}
          </Space>
        }
      />
      {b.superseded && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('public.supersededNotice')}
          action={<Link to={`/evaluation/boards/${b.revisions[0]!.id}`}>{t('public.seeLatest')}</Link>}
        />
      )}
      {verify.data && (
        <Alert
          type={verify.data.hashMatches && verify.data.resultsMatch ? 'success' : 'error'}
          showIcon
          style={{ marginBottom: 12 }}
          title={t(verify.data.hashMatches && verify.data.resultsMatch ? 'eval.verifyOk' : 'eval.verifyBad')}
        />
      )}
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('eval.version')}>
            {t('eval.revision', { n: b.revision!.revision })}{' '}
            {b.superseded ? <Tag>{t('eval.superseded')}</Tag> : <Tag color="green">{t('eval.latest')}</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label={t('eval.publishedAt')}>
            {new Date(b.revision!.publishedAt).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB')}
          </Descriptions.Item>
          <Descriptions.Item label={t('eval.asOf', { date: '' }).replace(/\s+$/, '')}>
            {b.asOf}
          </Descriptions.Item>
          <Descriptions.Item label={t('eval.scheme')}>
            {t('eval.versionN', { n: b.scheme.version })}
          </Descriptions.Item>
          <Descriptions.Item label={t('eval.inputHash')} span={2}>
            <Typography.Text code copyable style={{ fontSize: 12 }}>
              {b.revision!.inputHash}
            </Typography.Text>
          </Descriptions.Item>
        </Descriptions>
        <GradeSummary counts={b.gradeCounts} aShare={b.aShare.text} />
      </Card>
      <Card size="small" style={{ marginBottom: 12 }}>
        <BoardTable
          testId="published-board"
          indicators={b.indicators}
          rows={b.results.map((r) => ({ ...r, key: r.unitId }))}
          highlight={mine}
          unitCell={(r) => <Link to={`/evaluation/boards/${b.id}/units/${r.unitId}`}>{r.unitName}</Link>}
        />
      </Card>
      <Card size="small" title={t('eval.history')}>
        <RevisionHistory board={b} />
      </Card>
      {correcting && <CorrectModal board={b} onClose={() => setCorrecting(false)} />}
    </>
  );
}
