import type { TablePaginationConfig } from 'antd';
import { useCallback, useState } from 'react';
import { useI18n } from '../app/i18n.tsx';

/** Server-side paging for a table: the `limit`/`offset` to ask for, and the Table's pagination props. */
export function useServerPaging(pageSize = 20) {
  const { t } = useI18n();
  const [page, setPage] = useState({ current: 1, pageSize });
  // Stable, and a no-op on the first page, so it can run in an effect when a filter changes.
  const reset = useCallback(() => setPage((p) => (p.current === 1 ? p : { ...p, current: 1 })), []);
  return {
    window: { limit: page.pageSize, offset: (page.current - 1) * page.pageSize },
    /** Back to the first page, e.g. when a filter changes. */
    reset,
    pagination: (total: number): TablePaginationConfig => ({
      current: page.current,
      pageSize: page.pageSize,
      total,
      showSizeChanger: true,
      showTotal: (n) => t('common.total', { n }),
      onChange: (current, size) => setPage({ current, pageSize: size }),
    }),
  };
}
