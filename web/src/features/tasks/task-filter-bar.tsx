import { AutoComplete, Button, Card, Checkbox, Input, Select, Space } from 'antd';
import type { TaskFilter } from '../../api/tasks.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useCan } from '../../app/session-guard.tsx';
import { statusLabel } from '../../components/task-tags.tsx';
import { UnitTreeSelect } from '../../components/unit-tree-select.tsx';
import { taskStatuses } from '../../../../domain/tasks/task-lifecycle.ts';
import { LeaderFilterSelect } from './leader-select.tsx';

/** The filters of a task list: search, status, unit, leader, category, overdue, top level only. */
export function TaskFilterBar({
  filter,
  update,
  reset,
  categories,
}: {
  filter: TaskFilter;
  update: (f: Partial<TaskFilter>) => void;
  reset: () => void;
  /** Categories on the page shown, to pick from (any other can be typed). */
  categories: readonly string[];
}) {
  const { t } = useI18n();
  const canPickPeople = useCan('people.browse');
  return (
    <Card className="luoshi-filter-bar" size="small">
      <Space wrap size={[10, 8]}>
        <Input.Search
          key={`q:${filter.q ?? ''}`}
          allowClear
          defaultValue={filter.q}
          placeholder={t('tasks.searchPlaceholder')}
          onSearch={(v) => update({ q: v.trim() || undefined })}
          style={{ width: 200 }}
          aria-label={t('tasks.searchPlaceholder')}
        />
        <Select
          allowClear
          value={filter.status}
          onChange={(status) => update({ status })}
          placeholder={t('tasks.filterStatus')}
          aria-label={t('tasks.filterStatus')}
          options={taskStatuses.map((s) => ({ value: s, label: t(statusLabel(s)) }))}
          style={{ width: 116 }}
        />
        <UnitTreeSelect
          allowClear
          value={filter.unitId}
          onChange={(unitId) => update({ unitId })}
          placeholder={t('tasks.filterUnit')}
          style={{ width: 200 }}
          id="task-filter-unit"
        />
        {canPickPeople && (
          <LeaderFilterSelect
            value={filter.leaderId}
            onChange={(leaderId) => update({ leaderId })}
            style={{ width: 130 }}
          />
        )}
        <AutoComplete
          key={`c:${filter.category ?? ''}`}
          allowClear
          defaultValue={filter.category}
          options={categories.map((c) => ({ value: c }))}
          onSelect={(category: string) => update({ category })}
          onClear={() => update({ category: undefined })}
          onBlur={(e) => {
            const v = (e.target as HTMLInputElement).value?.trim();
            if ((v || undefined) !== filter.category) update({ category: v || undefined });
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter')
              update({ category: (e.target as HTMLInputElement).value.trim() || undefined });
          }}
          placeholder={t('tasks.filterCategory')}
          aria-label={t('tasks.filterCategory')}
          style={{ width: 120 }}
        />
        <Checkbox
          checked={filter.overdue ?? false}
          onChange={(e) => update({ overdue: e.target.checked || undefined })}
        >
          {t('tasks.onlyOverdue')}
        </Checkbox>
        <Checkbox checked={filter.topLevel ?? false} onChange={(e) => update({ topLevel: e.target.checked })}>
          {t('tasks.onlyTopLevel')}
        </Checkbox>
        <Button onClick={reset}>{t('common.reset')}</Button>
      </Space>
    </Card>
  );
}
