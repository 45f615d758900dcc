import {
  AimOutlined,
  AlertOutlined,
  ArrowRightOutlined,
  CarryOutOutlined,
  ExceptionOutlined,
  FlagOutlined,
} from '@ant-design/icons';
import { Button, Card, Empty, List, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { useCampaigns } from '../../api/campaigns.ts';
import { useProblemCount, type ProblemFilter } from '../../api/problems.ts';
import { useNoticeCount, type NoticeFilter } from '../../api/supervision.ts';
import { useMyTasks, usePortfolio, type MyTaskFilter } from '../../api/tasks.ts';
import { useI18n } from '../../app/i18n.tsx';
import type { MessageKey } from '../../app/messages.ts';
import { useCurrentSession } from '../../app/session-guard.tsx';
import { LightCountTags } from '../../components/light-tag.tsx';

function Shell({
  icon,
  title,
  to,
  button,
  children,
}: {
  icon: ReactNode;
  title: string;
  to: string;
  button: string;
  children: ReactNode;
}) {
  const navigate = useNavigate();
  return (
    <Card
      className="luoshi-work-card"
      title={
        <Space>
          {icon}
          {title}
        </Space>
      }
      extra={
        <Button type="primary" onClick={() => void navigate(to)}>
          {button} <ArrowRightOutlined />
        </Button>
      }
    >
      {children}
    </Card>
  );
}

/** The office and readers: open campaigns with their lights. */
function CampaignsCard() {
  const { t } = useI18n();
  const list = useCampaigns({}, { limit: 5, offset: 0 });
  return (
    <Shell
      icon={<FlagOutlined />}
      title={t('home.campaignsTitle')}
      to="/campaigns"
      button={t('home.openCampaigns')}
    >
      {list.data && list.data.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('campaigns.empty')} />
      ) : (
        <List
          loading={list.isPending}
          dataSource={list.data?.items ?? []}
          renderItem={(c) => (
            <List.Item extra={<LightCountTags lights={c.lights} />}>
              <List.Item.Meta
                title={<Link to={`/campaigns/${c.id}`}>{c.name}</Link>}
                description={t('campaigns.summary', {
                  tasks: c.taskCount,
                  done: c.doneCount,
                  overdue: c.overdueCount,
                })}
              />
            </List.Item>
          )}
        />
      )}
    </Shell>
  );
}

function Count({ filter, label, to }: { filter: MyTaskFilter; label: MessageKey; to: string }) {
  const { t } = useI18n();
  const q = useMyTasks(filter, { limit: 1, offset: 0 });
  const n = q.data?.total;
  return (
    <Link to={to} className={`luoshi-home-count${n ? ' has-items' : ''}`}>
      <span className="luoshi-home-count-num">{n ?? '–'}</span>
      <span>{t(label)}</span>
    </Link>
  );
}

/** A liaison or head: what waits for the unit. */
function MyTasksCard() {
  const { t } = useI18n();
  const isHead = useCurrentSession().roles.some((r) => r.role === 'head');
  return (
    <Shell
      icon={<CarryOutOutlined />}
      title={t('home.myTasksTitle')}
      to="/my-tasks"
      button={t('home.openMyTasks')}
    >
      <div className="luoshi-home-counts">
        <Count filter={{}} label="mine.all" to="/my-tasks" />
        <Count filter={{ status: 'issued' }} label="mine.toSign" to="/my-tasks?view=sign" />
        <Count
          filter={{ pendingReports: true }}
          label={isHead ? 'mine.toApprove' : 'mine.awaitingHead'}
          to="/my-tasks?view=approve"
        />
        <Count filter={{ openInstructions: true }} label="mine.toAnswer" to="/my-tasks?view=answer" />
        <Count filter={{ dueThisWeek: true }} label="mine.dueThisWeek" to="/my-tasks?week=1" />
      </div>
    </Shell>
  );
}

/** A leader: the portfolio's lights. */
function PortfolioCard() {
  const { t } = useI18n();
  const q = usePortfolio({}, { limit: 1, offset: 0 });
  return (
    <Shell
      icon={<AimOutlined />}
      title={t('home.portfolioTitle')}
      to="/portfolio"
      button={t('home.openPortfolio')}
    >
      <Space orientation="vertical">
        <Typography.Text>{t('home.portfolioCount', { n: q.data?.total ?? '–' })}</Typography.Text>
        {q.data && <LightCountTags lights={q.data.lights} />}
      </Space>
    </Shell>
  );
}

function ProblemCount({ filter, label, to }: { filter: ProblemFilter; label: MessageKey; to: string }) {
  const { t } = useI18n();
  const n = useProblemCount(filter).data;
  return (
    <Link to={to} className={`luoshi-home-count${n ? ' has-items' : ''}`}>
      <span className="luoshi-home-count-num">{n ?? '–'}</span>
      <span>{t(label)}</span>
    </Link>
  );
}

/** Problems: what waits for the unit (measures, rework), or for the office (claims to verify). */
function ProblemsCard({ unit }: { unit: boolean }) {
  const { t } = useI18n();
  const base = unit ? '/my-problems' : '/problems';
  return (
    <Shell
      icon={<ExceptionOutlined />}
      title={t(unit ? 'home.myProblemsTitle' : 'home.problemsTitle')}
      to={base}
      button={t(unit ? 'home.openMyProblems' : 'home.openProblems')}
    >
      <div className="luoshi-home-counts">
        <ProblemCount filter={{ open: true }} label="home.openProblemsCount" to={`${base}?open=1`} />
        {unit && (
          <ProblemCount
            filter={{ status: 'assigned' }}
            label="home.toFileMeasures"
            to={`${base}?status=assigned`}
          />
        )}
        <ProblemCount
          filter={{ status: 'returned' }}
          label="problemStatus.returned"
          to={`${base}?status=returned`}
        />
        <ProblemCount
          filter={{ status: 'closing_claimed' }}
          label={unit ? 'home.awaitingVerdict' : 'home.toVerify'}
          to={`${base}?status=closing_claimed`}
        />
        <ProblemCount
          filter={{ schedule: 'overdue' }}
          label="schedule.overdue"
          to={`${base}?schedule=overdue`}
        />
      </div>
    </Shell>
  );
}

function NoticeCount({ filter, label, to }: { filter: NoticeFilter; label: MessageKey; to: string }) {
  const { t } = useI18n();
  const n = useNoticeCount(filter).data;
  return (
    <Link to={to} className={`luoshi-home-count${n ? ' has-items' : ''}`}>
      <span className="luoshi-home-count-num">{n ?? '–'}</span>
      <span>{t(label)}</span>
    </Link>
  );
}

/** 督办单: what waits for an answer (a unit), names me (a leader), or waits for the office's review. */
function NoticesCard({ view }: { view: 'unit' | 'leader' | 'office' }) {
  const { t } = useI18n();
  const scope: NoticeFilter = view === 'office' ? {} : { for: view };
  const to = view === 'office' ? '/notices' : `/notices?view=${view}`;
  return (
    <Shell icon={<AlertOutlined />} title={t('notices.home')} to={to} button={t('notices.homeOpenAll')}>
      <div className="luoshi-home-counts">
        <NoticeCount filter={{ ...scope, status: 'open' }} label="notices.homeOpen" to={to} />
        <NoticeCount filter={{ ...scope, status: 'answered' }} label="notices.homeAnswered" to={to} />
        <NoticeCount filter={{ ...scope, answerOverdue: true }} label="notices.homeOverdue" to={to} />
        <NoticeCount filter={{ ...scope, live: true, level: 'listed' }} label="notices.homeListed" to={to} />
      </div>
    </Shell>
  );
}

/** The main screen of the person's work, on top of the home page. */
export function WorkCards() {
  const caps = useCurrentSession().capabilities;
  const cards: ReactNode[] = [];
  if (caps.includes('tasks.portfolio')) cards.push(<PortfolioCard key="p" />);
  if (caps.includes('tasks.unit')) cards.push(<MyTasksCard key="m" />);
  if (caps.includes('problems.unit')) cards.push(<ProblemsCard key="pu" unit />);
  else if (caps.includes('problems.record')) cards.push(<ProblemsCard key="pr" unit={false} />);
  if (caps.includes('supervision.answer')) cards.push(<NoticesCard key="nu" view="unit" />);
  else if (caps.includes('supervision.manage')) cards.push(<NoticesCard key="no" view="office" />);
  else if (caps.includes('tasks.portfolio')) cards.push(<NoticesCard key="nl" view="leader" />);
  if (caps.includes('campaigns.manage') || caps.includes('campaigns.browse'))
    cards.push(<CampaignsCard key="c" />);
  return cards.length ? (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {cards}
    </Space>
  ) : null;
}
