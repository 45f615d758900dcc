import { App, Button, Card, Empty, Popconfirm, Skeleton, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useCampaigns } from '../../api/campaigns.ts';
import { useReportItemMutations, useReportItemsOf } from '../../api/report-items.ts';
import type { Report, ReportItem } from '../../api/types.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useErrorToast } from '../../components/api-errors.tsx';
import { AttachmentList } from '../../components/attachments.tsx';
import { cadenceLabel } from '../tasks/task-labels.ts';
import { TextActionModal, type TextAction } from '../tasks/text-action-modal.tsx';

/** This period's submission of the caller's unit, if any. */
export const currentOf = (item: ReportItem): Report | undefined =>
  item.currentPeriod ? item.submissions.find((s) => s.periodKey === item.currentPeriod!.key) : undefined;

/** Does the item wait for the caller: to be sent, revised, or approved? */
export function itemWaits(item: ReportItem): boolean {
  if (!item.currentPeriod) return false;
  const c = currentOf(item);
  return !c || c.abilities.resubmit || c.abilities.approve;
}

function StatusTag({ r }: { r: Report | undefined }) {
  const { t } = useI18n();
  if (!r) return <Tag color="orange">{t('items.notIn')}</Tag>;
  if (r.status === 'submitted') return <Tag color="gold">{t('reports.submitted')}</Tag>;
  if (r.status === 'returned') return <Tag color="error">{t('reports.returned')}</Tag>;
  return <Tag color={r.late ? 'error' : 'success'}>{t(r.late ? 'items.inLate' : 'items.in')}</Tag>;
}

function ItemCard({
  item,
  campaign,
  open,
}: {
  item: ReportItem;
  campaign: string;
  open: (a: TextAction) => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const toast = useErrorToast();
  const m = useReportItemMutations();
  const current = currentOf(item);
  const send = (initial?: string, kept: Report['attachments'] = []) =>
    open({
      title: t('items.sendTitle', { title: item.title, key: item.currentPeriod?.key ?? '' }),
      field: 'text',
      label: t('items.text'),
      okText: t('reports.submit'),
      done: t('reports.submittedDone'),
      max: 8000,
      initial,
      attachments: true,
      context:
        item.description || kept.length > 0 ? (
          <>
            {item.description}
            <AttachmentList items={kept} />
          </>
        ) : undefined,
      submit: (text, attachmentIds) => m.submit.mutateAsync({ id: item.id, text, attachmentIds }),
    });
  return (
    <Card
      size="small"
      className={itemWaits(item) ? 'luoshi-item is-waiting' : 'luoshi-item'}
      data-testid={`item-${item.id}`}
    >
      <div className="luoshi-report-head">
        <Space wrap size={8}>
          <Typography.Text strong>{item.title}</Typography.Text>
          <Typography.Text type="secondary">{campaign}</Typography.Text>
          <Tag>{t(cadenceLabel[item.cadence])}</Tag>
          {item.currentPeriod ? (
            <Typography.Text>
              {t('items.periodDue', { key: item.currentPeriod.key, date: item.currentPeriod.dueOn })}
            </Typography.Text>
          ) : (
            <Typography.Text type="secondary">{t('items.notRunning')}</Typography.Text>
          )}
          {item.currentPeriod && <StatusTag r={current} />}
          {item.lateCount > 0 && <Tag color="error">{t('items.lateCount', { n: item.lateCount })}</Tag>}
        </Space>
        <Space size={4}>
          {item.currentPeriod && !current && (
            <Button type="primary" size="small" onClick={() => send()}>
              {t('items.send')}
            </Button>
          )}
          {current?.abilities.resubmit && (
            <Button type="primary" size="small" onClick={() => send(current.progress, current.attachments)}>
              {t('reports.revise')}
            </Button>
          )}
          {current?.abilities.approve && (
            <Popconfirm
              title={t('reports.confirmApprove')}
              okText={t('reports.approve')}
              onConfirm={() =>
                m.approve
                  .mutateAsync(current.id)
                  .then(() => void message.success(t('reports.approvedDone')), toast)
              }
            >
              <Button type="primary" size="small">
                {t('reports.approve')}
              </Button>
            </Popconfirm>
          )}
          {current?.abilities.return && (
            <Button
              danger
              size="small"
              onClick={() =>
                open({
                  title: t('reports.returnTitle', { key: current.periodKey }),
                  field: 'reason',
                  label: t('reports.returnReason'),
                  okText: t('reports.return'),
                  done: t('reports.returnedDone'),
                  max: 1000,
                  danger: true,
                  submit: (reason) => m.return.mutateAsync({ reportId: current.id, reason }),
                })
              }
            >
              {t('reports.return')}
            </Button>
          )}
        </Space>
      </div>
      {current?.returnReason && current.status === 'returned' && (
        <div className="luoshi-report-returned">
          {t('reports.returnedBecause', { reason: current.returnReason })}
        </div>
      )}
      {current && <div className="luoshi-pre">{current.progress}</div>}
      {current && <AttachmentList items={current.attachments} />}
    </Card>
  );
}

/** The unit's items across the campaigns it can read (open ones). */
function useUnitItems() {
  const campaigns = useCampaigns({}, { limit: 100, offset: 0 });
  const list = campaigns.data?.items ?? [];
  const items = useReportItemsOf(list.map((c) => c.id));
  return { campaigns, list, items };
}

/** How many items wait for the caller (for a badge). */
export function useUnitItemsWaiting(): number {
  return useUnitItems().items.items.filter(itemWaits).length;
}

/** 报送事项 the unit owes, across the campaigns it takes part in; what waits comes first. */
export function UnitItems() {
  const { t } = useI18n();
  const { campaigns, list, items } = useUnitItems();
  const [action, setAction] = useState<TextAction | null>(null);
  if (campaigns.isPending || items.pending) return <Skeleton active />;
  if (items.items.length === 0) return <Empty description={t('items.noneForUnit')} />;
  const name = (id: number) => list.find((c) => c.id === id)?.name ?? '';
  const sorted = [...items.items].sort((a, b) => Number(itemWaits(b)) - Number(itemWaits(a)) || a.id - b.id);
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      {sorted.map((i) => (
        <ItemCard key={i.id} item={i} campaign={name(i.campaignId)} open={setAction} />
      ))}
      {action && <TextActionModal action={action} onClose={() => setAction(null)} />}
    </Space>
  );
}
