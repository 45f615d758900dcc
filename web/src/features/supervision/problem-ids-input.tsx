import { Select } from 'antd';
import { useI18n } from '../../app/i18n.tsx';

/** Problem numbers typed as tags: `12`, `#12` → 12. */
export function ProblemIdsInput({
  value,
  onChange,
  id,
}: {
  value?: number[];
  onChange?: (v: number[]) => void;
  id?: string;
}) {
  const { t } = useI18n();
  return (
    <Select<string[]>
      id={id}
      mode="tags"
      value={(value ?? []).map(String)}
      onChange={(v) =>
        onChange?.([
          ...new Set(v.map((x) => Number(x.replace(/^#/, ''))).filter((n) => Number.isInteger(n) && n > 0)),
        ])
      }
      tokenSeparators={[',', '，', ' ']}
      placeholder={t('redo.basisHelp')}
      suffixIcon={null}
    />
  );
}
