import { ArrowLeftOutlined } from '@ant-design/icons';
import { Result, Skeleton, Space, Tabs } from 'antd';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useCampaign } from '../../api/campaigns.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useCurrentSession } from '../../app/session-guard.tsx';
import { PageTitle } from '../../components/page-title.tsx';
import { CampaignActions } from '../campaigns/campaign-actions.tsx';
import { CampaignDrawer } from '../campaigns/campaign-drawer.tsx';
import { CampaignStateTag, Period } from '../campaigns/campaigns-page.tsx';
import { MeetingsTab } from '../meetings/meetings-tab.tsx';
import { ReportItemsTab } from '../report-items/report-items-tab.tsx';
import { CampaignTaskList } from './campaign-task-list.tsx';
import { TaskDetailDrawer } from './task-detail-drawer.tsx';
import { useOpenTask } from './task-url.ts';

type Tab = 'tasks' | 'items' | 'meetings';

/** One campaign: its task list (the office's main screen), its reporting items and its dispatch meetings. */
export function CampaignTasksPage() {
  const { t } = useI18n();
  const session = useCurrentSession();
  const id = Number(useParams().id);
  const campaign = useCampaign(Number.isInteger(id) && id > 0 ? id : undefined);
  const [params, setParams] = useSearchParams();
  const [, openTask] = useOpenTask();
  const [editing, setEditing] = useState(false);
  // Reporting items are the office's and the units' business; inspectors read them too.
  const seesItems = session.roles.some((r) => r.role === 'office' || r.role === 'inspector');
  const raw = params.get('tab');
  const tab: Tab = raw === 'meetings' || (raw === 'items' && seesItems) ? raw : 'tasks';
  if (campaign.isError) return <Result status="404" title={t('campaigns.notFound')} />;
  const c = campaign.data;
  if (!c) return <Skeleton active />;
  return (
    <>
      <Link to="/campaigns" className="luoshi-back-link">
        <ArrowLeftOutlined /> {t('nav.campaigns')}
      </Link>
      <PageTitle
        title={c.name}
        sub={
          <Space size={12} wrap>
            <Period start={c.start} end={c.end} />
            {c.leadingGroup && (
              <span>
                {t('campaigns.leadingGroup')}
                {t('common.colon')}
                {c.leadingGroup}
              </span>
            )}
            <span>
              {t('campaigns.summary', { tasks: c.taskCount, done: c.doneCount, overdue: c.overdueCount })}
            </span>
            <CampaignStateTag closed={c.closed} />
          </Space>
        }
        extra={<CampaignActions campaign={c} onEdit={() => setEditing(true)} size="middle" />}
      />
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === 'tasks' ? {} : { tab: k })}
        items={[
          { key: 'tasks', label: t('tasks.listTitle'), children: <CampaignTaskList campaign={c} /> },
          ...(seesItems
            ? [{ key: 'items', label: t('items.tab'), children: <ReportItemsTab campaign={c} /> }]
            : []),
          {
            key: 'meetings',
            label: t('meetings.tab'),
            children: <MeetingsTab campaign={c} onOpenTask={openTask} />,
          },
        ]}
        destroyOnHidden
      />
      <TaskDetailDrawer />
      {editing && <CampaignDrawer campaign={c} onClose={() => setEditing(false)} />}
    </>
  );
}
