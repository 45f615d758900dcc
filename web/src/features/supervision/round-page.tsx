import { ArrowLeftOutlined, CameraOutlined, FileAddOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Popconfirm,
  Row,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { TableColumnsType as ColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useRound, useRoundMutations, type RoundDetail, type Visit } from '../../api/supervision.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useErrorToast } from '../../components/api-errors.tsx';
import { AttachmentList } from '../../components/attachments.tsx';
import { PageTitle } from '../../components/page-title.tsx';
import { FindingModal } from './finding-modal.tsx';
import { VisitModal } from './visit-modal.tsx';

/** One 督查轮次: its units and teams, its visits, and the findings they turned into problems. */
export function RoundPage() {
  const { id } = useParams();
  const { t, pick } = useI18n();
  const round = useRound(Number(id));
  const r = round.data;
  if (round.isPending) return <Spin />;
  if (!r) return <Alert type="error" showIcon title={t('common.loadFailed')} />;
  return (
    <>
      <Link to="/inspection-rounds">
        <ArrowLeftOutlined /> {t('rounds.back')}
      </Link>
      <PageTitle
        title={r.name}
        sub={
          <Space wrap>
            <Tag color="geekblue">{pick(r.kindLabel)}</Tag>
            {r.status === 'open' ? (
              <Tag color="processing">{t('rounds.statusOpen')}</Tag>
            ) : (
              <Tag>{t('rounds.statusClosed')}</Tag>
            )}
            <span>
              {r.startOn} ～ {r.endOn}
            </span>
            <span>
              {t('rounds.counts', {
                units: r.unitCount,
                teams: r.teamCount,
                visits: r.visitCount,
                findings: r.findingCount,
              })}
            </span>
          </Space>
        }
        extra={<RoundActions r={r} />}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <Card title={t('rounds.teams')} style={{ height: '100%' }}>
            <Descriptions column={1} size="small" style={{ marginBottom: 12 }}>
              {r.campaign && (
                <Descriptions.Item label={t('problems.campaign')}>{r.campaign.name}</Descriptions.Item>
              )}
              <Descriptions.Item label={t('rounds.source')}>{r.source.name}</Descriptions.Item>
              {r.description ? (
                <Descriptions.Item label={t('rounds.description')}>{r.description}</Descriptions.Item>
              ) : null}
            </Descriptions>
            {r.teams.length === 0 ? (
              <Typography.Text type="secondary">—</Typography.Text>
            ) : (
              r.teams.map((team) => (
                <div key={team.id} className="luoshi-round-team">
                  <Typography.Text strong>{team.name}</Typography.Text>
                  <div>
                    {t('rounds.teamLeader')}：{team.leader?.name ?? '—'} · {t('rounds.teamMembers')}：
                    {team.members.map((m) => m.name).join('、')}
                  </div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('rounds.teamUnits')}：
                    {r.units
                      .filter((u) => u.teamId === team.id)
                      .map((u) => u.name)
                      .join('、') || '—'}
                  </Typography.Text>
                </div>
              ))
            )}
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card title={`${t('rounds.units')}（${r.units.length}）`} style={{ height: '100%' }}>
            <Space wrap size={[6, 6]}>
              {r.units.map((u) => {
                const visited = r.visits.some((v) => v.unit.id === u.id);
                return (
                  <Tag key={u.id} color={visited ? 'green' : undefined}>
                    {u.name}
                    {visited ? ' ✓' : ''}
                  </Tag>
                );
              })}
            </Space>
          </Card>
        </Col>
      </Row>
      <Visits r={r} />
    </>
  );
}

function RoundActions({ r }: { r: RoundDetail }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const toast = useErrorToast();
  const m = useRoundMutations();
  return (
    <Space>
      {r.abilities.close && (
        <Popconfirm
          title={t('rounds.closeConfirm')}
          onConfirm={() =>
            m.close.mutate(r.id, {
              onSuccess: () => void message.success(t('rounds.closed')),
              onError: toast,
            })
          }
        >
          <Button>{t('rounds.close')}</Button>
        </Popconfirm>
      )}
    </Space>
  );
}

function Visits({ r }: { r: RoundDetail }) {
  const { t } = useI18n();
  const [visiting, setVisiting] = useState(false);
  const [finding, setFinding] = useState<Visit | null>(null);
  const columns: ColumnsType<Visit> = [
    { title: t('rounds.visitedOn'), dataIndex: 'visitedOn', width: 110 },
    { title: t('rounds.visitUnit'), key: 'unit', width: 170, render: (_, v) => v.unit.name },
    { title: t('rounds.visitTeam'), key: 'team', width: 130, render: (_, v) => v.team?.name ?? '—' },
    {
      title: t('rounds.notes'),
      key: 'notes',
      render: (_, v) => (
        <Space orientation="vertical" size={4}>
          <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{v.notes || '—'}</Typography.Text>
          {v.photos.length > 0 && <AttachmentList items={v.photos} />}
        </Space>
      ),
    },
    {
      title: t('rounds.findings'),
      key: 'problems',
      width: 150,
      render: (_, v) =>
        v.problemIds.length === 0 ? (
          '—'
        ) : (
          <Space wrap size={4}>
            {v.problemIds.map((p) => (
              <Link key={p} to={`/problems/${p}`}>
                #{p}
              </Link>
            ))}
          </Space>
        ),
    },
    { title: t('rounds.createdBy'), key: 'by', width: 100, render: (_, v) => v.createdBy.name },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 150,
      render: (_, v) =>
        r.abilities.visit && (
          <Button size="small" icon={<FileAddOutlined />} onClick={() => setFinding(v)}>
            {t('rounds.finding')}
          </Button>
        ),
    },
  ];
  return (
    <Card
      title={t('rounds.visits')}
      style={{ marginTop: 16 }}
      extra={
        r.abilities.visit && (
          <Button type="primary" icon={<CameraOutlined />} onClick={() => setVisiting(true)}>
            {t('rounds.visit')}
          </Button>
        )
      }
    >
      <Table<Visit>
        rowKey="id"
        columns={columns}
        dataSource={r.visits}
        pagination={false}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('rounds.noVisits')} />,
        }}
      />
      {visiting && <VisitModal round={r} onClose={() => setVisiting(false)} />}
      {finding && <FindingModal visit={finding} onClose={() => setFinding(null)} />}
    </Card>
  );
}
