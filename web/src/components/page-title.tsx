import { Typography } from 'antd';
import type { ReactNode } from 'react';

/** A page heading with optional actions on the right. */
export function PageTitle({ title, extra, sub }: { title: string; extra?: ReactNode; sub?: ReactNode }) {
  return (
    <div className="luoshi-page-title">
      <div>
        <Typography.Title level={4}>{title}</Typography.Title>
        {sub && <Typography.Text type="secondary">{sub}</Typography.Text>}
      </div>
      {extra}
    </div>
  );
}
