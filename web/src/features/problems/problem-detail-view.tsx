import { Alert, Badge, Result, Skeleton, Space, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { useProblem } from '../../api/problems.ts';
import type { ProblemDetail } from '../../api/types.ts';
import { useI18n } from '../../app/i18n.tsx';
import { ProblemStatusTag, ScheduleTag, SeverityTag } from '../../components/problem-tags.tsx';
import { pendingClaim, ProblemActions } from './problem-actions.tsx';
import { problemNo } from './problem-columns.tsx';
import { ProblemDialogHost, type ProblemDialog } from './problem-dialog-host.tsx';
import { ProblemEvidenceList, ProblemFacts, ProblemHistory, ProblemMeasures } from './problem-facts.tsx';

/** The tab to open first: whatever is waiting on this person. */
function firstTab(p: ProblemDetail): string {
  if (p.abilities.close || p.abilities.return) return 'evidence';
  if (p.abilities.fileMeasures && p.measures.length === 0) return 'info';
  if (p.status === 'returned') return 'evidence';
  if (p.measures.length > 0 && p.abilities.claimClosing) return 'measures';
  return 'info';
}

/** What stands out about the problem now: returned (and why), a claim awaiting the verdict, merged, dismissed. */
function StateNote({ problem: p }: { problem: ProblemDetail }) {
  const { t } = useI18n();
  const lastReturn = p.evidence.find((e) => e.decision === 'returned');
  if (p.status === 'returned' && lastReturn?.reason)
    return (
      <Alert
        type="error"
        showIcon
        style={{ marginTop: 12 }}
        title={t('problems.returnedNote', { n: p.returnCount, reason: lastReturn.reason })}
        data-testid="problem-state-note"
      />
    );
  if (p.status === 'closing_claimed' && pendingClaim(p))
    return (
      <Alert
        type="info"
        showIcon
        style={{ marginTop: 12 }}
        title={t('problems.awaitingNote')}
        data-testid="problem-state-note"
      />
    );
  if (p.status === 'dismissed' || p.status === 'merged') {
    const last = [...p.history].reverse().find((h) => h.toStatus === p.status);
    return (
      <Alert
        type="warning"
        showIcon
        style={{ marginTop: 12 }}
        title={t(p.status === 'merged' ? 'problems.mergedNote' : 'problems.dismissedNote', {
          no: p.mergedIntoId ?? '',
          reason: last?.note ?? '',
        })}
        data-testid="problem-state-note"
      />
    );
  }
  if (p.overdue)
    return (
      <Alert
        type="error"
        showIcon
        style={{ marginTop: 12 }}
        title={t('problems.overdueNote', { date: p.deadline })}
      />
    );
  return null;
}

function Header({ problem: p }: { problem: ProblemDetail }) {
  const { t } = useI18n();
  return (
    <div className="luoshi-task-header">
      <Space size={8} wrap>
        <span className="luoshi-code">{t('problems.noLong', { no: problemNo(p.id) })}</span>
        <ProblemStatusTag status={p.status} />
        <SeverityTag severity={p.severity} />
        <ScheduleTag schedule={p.schedule} />
      </Space>
      <Typography.Title level={4} style={{ margin: '8px 0' }} className="luoshi-problem-title">
        {p.description}
      </Typography.Title>
      <Typography.Text type="secondary">
        {t('problems.headerLine', { unit: p.unit.name, deadline: p.deadline })}
      </Typography.Text>
      <StateNote problem={p} />
    </div>
  );
}

/** A problem with everything about it, and the buttons its abilities allow. */
export function ProblemDetailView({ id }: { id: number }) {
  const { t } = useI18n();
  const q = useProblem(id);
  if (q.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (q.isError) {
    const notFound = q.error instanceof ApiError && q.error.status === 404;
    return (
      <Result
        status={notFound ? '404' : 'error'}
        title={t(notFound ? 'problems.notFound' : 'common.loadFailed')}
      />
    );
  }
  return <ProblemDetailBody problem={q.data} />;
}

function ProblemDetailBody({ problem }: { problem: ProblemDetail }) {
  const { t } = useI18n();
  const [dialog, setDialog] = useState<ProblemDialog | null>(null);
  const [tab, setTab] = useState(() => firstTab(problem));
  const waiting = pendingClaim(problem) ? 1 : 0;
  const count = (n: number, label: string, attention = 0) => (
    <span>
      {label} {n > 0 && <Typography.Text type="secondary">({n})</Typography.Text>}
      {attention > 0 && <Badge count={attention} size="small" style={{ marginInlineStart: 4 }} />}
    </span>
  );
  return (
    <div className="luoshi-task-detail">
      <Header problem={problem} />
      <ProblemActions problem={problem} open={setDialog} />
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'info', label: t('problems.tabInfo'), children: <ProblemFacts problem={problem} /> },
          {
            key: 'measures',
            label: count(problem.measures.length, t('problems.tabMeasures')),
            children: <ProblemMeasures problem={problem} />,
          },
          {
            key: 'evidence',
            label: count(problem.evidence.length, t('problems.tabEvidence'), waiting),
            children: <ProblemEvidenceList problem={problem} />,
          },
          {
            key: 'history',
            label: count(problem.history.length, t('problems.tabHistory')),
            children: <ProblemHistory problem={problem} />,
          },
        ]}
      />
      <ProblemDialogHost problem={problem} dialog={dialog} onClose={() => setDialog(null)} onDone={setTab} />
    </div>
  );
}
