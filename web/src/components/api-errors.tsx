import { Alert, App, type FormInstance } from 'antd';
import { useCallback, useState } from 'react';
import { ApiError } from '../api/client.ts';
import { useI18n } from '../app/i18n.tsx';

/** `body.unitId` → `unitId`: the API names fields by request part. */
const formField = (field: string) => field.replace(/^(body|query|params)\./, '');

/** `milestones.0.date` → `['milestones', 0, 'date']`: the name path of a field inside a Form.List. */
const namePath = (field: string) => field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));

/**
 * Puts an API error where it belongs: field errors on the matching form
 * fields, anything else in an alert above the form. `mapField` renames an API
 * field to the form's (e.g. `start` → `period` for a range picker, `leaderIds.0` → `leaderIds`).
 */
export function useFormErrors<T>(
  form: FormInstance<T>,
  fields: readonly string[],
  mapField: (field: string) => string = (f) => f,
) {
  const { pick, t } = useI18n();
  const [problem, setProblem] = useState<string | null>(null);
  const handle = useCallback(
    (e: unknown) => {
      if (!(e instanceof ApiError)) {
        setProblem(t('common.unexpectedError'));
        return;
      }
      const perField =
        e.errors.length > 0
          ? e.errors.map((x) => ({ field: mapField(formField(x.field)), text: pick(x.message) }))
          : [];
      if (perField.length === 0 && e.field)
        perField.push({ field: mapField(formField(e.field)), text: pick(e.localized) });
      // A refusal by rule (三员分立, a cycle) is about the whole request: say it above the form.
      const byRule = e.status === 409 && !e.code.endsWith('_taken');
      // `milestones.*` in `fields` takes every error inside the list `milestones`.
      const known = (f: string) =>
        fields.some((k) => k === f || (k.endsWith('.*') && f.startsWith(k.slice(0, -1))));
      const onForm = byRule ? [] : perField.filter((x) => known(x.field));
      if (onForm.length > 0) {
        form.setFields(onForm.map((x) => ({ name: namePath(x.field) as never, errors: [x.text] })));
      }
      const rest = perField.filter((x) => !onForm.includes(x));
      if (onForm.length > 0 && rest.length === 0) {
        setProblem(null);
        return;
      }
      const details =
        e.code === 'validation_failed' ? rest.map((x) => `${x.field}: ${x.text}`).join('；') : '';
      setProblem(details ? `${pick(e.localized)}（${details}）` : pick(e.localized));
    },
    [fields, form, mapField, pick, t],
  );
  const alert = problem ? (
    <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} role="alert" />
  ) : null;
  return { handle, alert, clear: () => setProblem(null) };
}

/** Shows an API error as a toast (for actions without a form). */
export function useErrorToast() {
  const { message } = App.useApp();
  const { pick, t } = useI18n();
  return useCallback(
    (e: unknown) =>
      void message.error(e instanceof ApiError ? pick(e.localized) : t('common.unexpectedError')),
    [message, pick, t],
  );
}
