import { Tag, Typography } from 'antd';
import type { Light, LightCounts } from '../api/types.ts';
import { useI18n } from '../app/i18n.tsx';
import type { MessageKey } from '../app/messages.ts';

export const lightOrder: readonly Light[] = ['red', 'yellow', 'green'];

/** Tag colour, dot colour and label of each light: the label always shows, never colour alone. */
export const lightStyle: Record<Light, { tag: string; dot: string; label: MessageKey }> = {
  red: { tag: 'error', dot: '#cf1322', label: 'light.red' },
  yellow: { tag: 'warning', dot: '#d48806', label: 'light.yellow' },
  green: { tag: 'success', dot: '#389e0d', label: 'light.green' },
};

/** A round dot in the light's colour, beside its name (decorative). */
export function LightDot({ light }: { light: Light }) {
  return (
    <span className="luoshi-light-dot" style={{ background: lightStyle[light].dot }} aria-hidden="true" />
  );
}

/** 红灯 / 黄灯 / 绿灯 as a tag with a dot, optionally with a count: "红灯 3". */
export function LightTag({ light, count }: { light: Light | null; count?: number }) {
  const { t } = useI18n();
  if (!light) return <Tag className="luoshi-light-tag">{t('light.none')}</Tag>;
  const s = lightStyle[light];
  return (
    <Tag color={s.tag} className="luoshi-light-tag" data-light={light}>
      <LightDot light={light} />
      {t(s.label)}
      {count !== undefined && <strong className="luoshi-light-count-num">{count}</strong>}
    </Tag>
  );
}

/** The three counts as readable tags: 红灯 3 / 黄灯 5 / 绿灯 12. */
export function LightCountTags({ lights }: { lights: LightCounts }) {
  return (
    <span className="luoshi-light-counts">
      {lightOrder.map((l) => (
        <LightTag key={l} light={l} count={lights[l]} />
      ))}
    </span>
  );
}

/** The light with its reason as text ("应完成 60%，实际 35%，落后 25 个百分点"). */
export function LightWithReason({
  light,
  reason,
}: {
  light: Light | null;
  reason: { zh: string; en: string } | null;
}) {
  const { pick } = useI18n();
  return (
    <div className="luoshi-light-reason">
      <LightTag light={light} />
      {reason && (
        <Typography.Text type="secondary" className="luoshi-light-reason-text">
          {pick(reason)}
        </Typography.Text>
      )}
    </div>
  );
}
