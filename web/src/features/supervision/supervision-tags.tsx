import { Tag } from 'antd';
import { noticeLevelLabels, noticeLevels } from '../../../../domain/supervision/notice-levels.ts';
import { escalationObjectKindLabels } from '../../../../domain/supervision/escalation-rules.ts';
import type {
  EscalationObjectKind,
  NoticeLevel,
  NoticeStatus,
  PublicationStatus,
} from '../../api/supervision.ts';
import { useI18n } from '../../app/i18n.tsx';
import type { MessageKey } from '../../app/messages.ts';

export { noticeLevels };

/** Each rung of the ladder darker than the last: 提醒 blue → 挂牌督办 red. */
const levelColour: Record<NoticeLevel, string> = {
  reminder: 'blue',
  urge: 'gold',
  supervise: 'orange',
  listed: 'red',
};

export function LevelTag({ level }: { level: NoticeLevel }) {
  const { pick } = useI18n();
  return (
    <Tag color={levelColour[level]} variant={level === 'listed' ? 'solid' : 'filled'}>
      {pick(noticeLevelLabels[level])}
    </Tag>
  );
}

export function useLevelLabel() {
  const { pick } = useI18n();
  return (l: NoticeLevel) => pick(noticeLevelLabels[l]);
}

export function useKindLabel() {
  const { pick } = useI18n();
  return (k: EscalationObjectKind) => pick(escalationObjectKindLabels[k]);
}

const noticeStatusColour: Record<NoticeStatus, string> = {
  open: 'processing',
  answered: 'purple',
  accepted: 'success',
  escalated: 'default',
  resolved: 'success',
  dismissed: 'default',
};

export function NoticeStatusTag({ status }: { status: NoticeStatus }) {
  const { t } = useI18n();
  return <Tag color={noticeStatusColour[status]}>{t(`noticeStatus.${status}` as MessageKey)}</Tag>;
}

const pubColour: Record<PublicationStatus, string> = {
  draft: 'default',
  approved: 'processing',
  published_internal: 'blue',
  published_public: 'green',
  withdrawn: 'default',
  revoked: 'red',
};

export function PublicationStatusTag({ status }: { status: PublicationStatus }) {
  const { t } = useI18n();
  return <Tag color={pubColour[status]}>{t(`pubStatus.${status}` as MessageKey)}</Tag>;
}
