import { ArrowDownOutlined, ArrowUpOutlined, MinusOutlined } from '@ant-design/icons';
import { Tag, Typography } from 'antd';
import type { MessageKey } from '../../app/messages.ts';
import { useI18n } from '../../app/i18n.tsx';

export const gradeColour: Record<string, string> = { A: 'red', B: 'orange', C: 'blue', D: 'default' };

/** 档次 A/B/C/D as a coloured tag. */
export function GradeTag({ grade }: { grade: string }) {
  return (
    <Tag color={gradeColour[grade]} style={{ fontWeight: 600, minWidth: 28, textAlign: 'center' }}>
      {grade}
    </Tag>
  );
}

/** 环比: "↑9" in red (up), "↓2" in green, "–" when equal, blank for a unit new to the board. */
export function RankChangeText({
  change,
}: {
  change: { change: number; previousRank: number; text: { zh: string; en: string } } | null;
}) {
  const { pick } = useI18n();
  if (!change) return <Typography.Text type="secondary">—</Typography.Text>;
  const n = Math.abs(change.change);
  const icon =
    change.change > 0 ? <ArrowUpOutlined /> : change.change < 0 ? <ArrowDownOutlined /> : <MinusOutlined />;
  return (
    <Typography.Text
      title={pick(change.text)}
      style={{
        color: change.change > 0 ? '#cf1322' : change.change < 0 ? '#389e0d' : undefined,
        whiteSpace: 'nowrap',
      }}
    >
      {icon} {change.change === 0 ? '' : n}
    </Typography.Text>
  );
}

export const metricKey = (m: string) => `eval.metric.${m}` as MessageKey;
export const eventKey = (k: string): MessageKey | null =>
  [
    'award_national',
    'award_provincial',
    'award_city',
    'praise_circular',
    'yellow_card',
    'red_card',
    'criticism_circular',
  ].includes(k)
    ? (`eval.event.${k}` as MessageKey)
    : null;
export const kindKey = (k: string) => `eval.kind.${k}` as MessageKey;

/** An event kind's name, or the kind itself when the office made up its own. */
export function useEventLabel() {
  const { t } = useI18n();
  return (k: string) => {
    const key = eventKey(k);
    return key ? t(key) : k;
  };
}
