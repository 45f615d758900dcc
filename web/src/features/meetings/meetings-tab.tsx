import { CheckCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Empty, List, Skeleton, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useMeetings } from '../../api/meetings.ts';
import type { Campaign, Meeting } from '../../api/types.ts';
import { useI18n } from '../../app/i18n.tsx';
import { TaskFormDrawer } from '../tasks/task-form-drawer.tsx';
import { MeetingDrawer } from './meeting-drawer.tsx';

function MeetingCard({
  meeting,
  canTurn,
  onOpenTask,
  onTurn,
}: {
  meeting: Meeting;
  canTurn: boolean;
  onOpenTask: (id: number) => void;
  onTurn: (d: { meetingId: number; decisionId: number; text: string }) => void;
}) {
  const { t } = useI18n();
  const attendees = [meeting.attendees.map((a) => a.name).join('、'), meeting.otherAttendees]
    .filter(Boolean)
    .join('；');
  return (
    <Card
      size="small"
      className="luoshi-meeting"
      title={
        <Space>
          <span>{meeting.title}</span>
          <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
            {meeting.heldOn}
            {meeting.place && ` · ${meeting.place}`}
          </Typography.Text>
        </Space>
      }
    >
      <Descriptions column={1} size="small">
        <Descriptions.Item label={t('meetings.attendees')}>{attendees || '—'}</Descriptions.Item>
        <Descriptions.Item label={t('meetings.tasks')}>
          {meeting.tasks.length === 0
            ? '—'
            : meeting.tasks.map((x) => (
                <Tag key={x.id} className="luoshi-clickable-tag" onClick={() => onOpenTask(x.id)}>
                  {x.code} {x.title}
                </Tag>
              ))}
        </Descriptions.Item>
        {meeting.notes && (
          <Descriptions.Item label={t('meetings.notes')}>
            <span className="luoshi-pre">{meeting.notes}</span>
          </Descriptions.Item>
        )}
      </Descriptions>
      <Typography.Text strong>{t('meetings.decisions')}</Typography.Text>
      {meeting.decisions.length === 0 ? (
        <div>
          <Typography.Text type="secondary">{t('meetings.noDecisions')}</Typography.Text>
        </div>
      ) : (
        <List
          size="small"
          dataSource={meeting.decisions}
          renderItem={(d, i) => (
            <List.Item
              actions={[
                d.taskId !== null ? (
                  <Button
                    key="open"
                    type="link"
                    size="small"
                    icon={<CheckCircleOutlined />}
                    onClick={() => onOpenTask(d.taskId!)}
                  >
                    {t('meetings.becameTask')}
                  </Button>
                ) : canTurn ? (
                  <Button
                    key="turn"
                    size="small"
                    onClick={() => onTurn({ meetingId: meeting.id, decisionId: d.id, text: d.text })}
                  >
                    {t('meetings.toTask')}
                  </Button>
                ) : null,
              ]}
            >
              <span>
                {i + 1}. {d.text}
              </span>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

/** 调度会: the campaign's dispatch meetings, newest first; the office records them and turns decisions into tasks. */
export function MeetingsTab({
  campaign,
  onOpenTask,
}: {
  campaign: Campaign;
  onOpenTask: (id: number) => void;
}) {
  const { t } = useI18n();
  const meetings = useMeetings(campaign.id);
  const [adding, setAdding] = useState(false);
  const [turning, setTurning] = useState<{ meetingId: number; decisionId: number; text: string } | null>(
    null,
  );
  const manage = campaign.abilities.createTasks;
  const sorted = [...(meetings.data ?? [])].sort((a, b) => b.heldOn.localeCompare(a.heldOn) || b.id - a.id);
  return (
    <>
      {manage && (
        <div className="luoshi-table-toolbar">
          <span />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t('meetings.add')}
          </Button>
        </div>
      )}
      {meetings.isPending ? (
        <Skeleton active />
      ) : sorted.length === 0 ? (
        <Card>
          <Empty description={t('meetings.none')} />
        </Card>
      ) : (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          {sorted.map((m) => (
            <MeetingCard
              key={m.id}
              meeting={m}
              canTurn={manage}
              onOpenTask={onOpenTask}
              onTurn={setTurning}
            />
          ))}
        </Space>
      )}
      {adding && <MeetingDrawer campaignId={campaign.id} onClose={() => setAdding(false)} />}
      {turning && (
        <TaskFormDrawer
          campaign={campaign}
          task={null}
          decision={turning}
          onClose={() => setTurning(null)}
          onSaved={(x) => onOpenTask(x.id)}
        />
      )}
    </>
  );
}
