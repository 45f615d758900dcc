import { Tag } from 'antd';
import {
  distinctionLabels,
  leniencyLabels,
  threeDistinctions,
} from '../../../../domain/accountability/leniency.ts';
import {
  formLabels,
  forms,
  measures,
  measuresOf,
  type Form,
  type MeasureCode,
} from '../../../../domain/accountability/forms.ts';
import type { LeniencyKind } from '../../api/accountability.ts';
import { useI18n } from '../../app/i18n.tsx';

export { distinctionLabels, formLabels, forms, leniencyLabels, measures, measuresOf, threeDistinctions };
export type { Form, MeasureCode };

/** 四种形态: the lightest blue, the heaviest red. */
const formColour: Record<Form, string> = { 1: 'blue', 2: 'gold', 3: 'volcano', 4: 'red' };

export function FormTag({ form }: { form: Form | null }) {
  const { pick } = useI18n();
  if (form === null) return null;
  return <Tag color={formColour[form]}>{pick(formLabels[form])}</Tag>;
}

const leniencyColour: Record<LeniencyKind, string> = {
  lenient: 'cyan',
  reduced: 'geekblue',
  exempt: 'green',
};

export function LeniencyTag({ kind }: { kind: LeniencyKind }) {
  const { pick } = useI18n();
  return <Tag color={leniencyColour[kind]}>{pick(leniencyLabels[kind])}</Tag>;
}
