import { Tag } from 'antd';
import type { Role } from '../api/types.ts';
import { useI18n } from '../app/i18n.tsx';

const roleColor: Record<Role, string> = {
  sysadmin: 'volcano',
  secadmin: 'gold',
  auditor: 'purple',
  office: 'red',
  inspector: 'cyan',
  liaison: 'blue',
  head: 'geekblue',
  leader: 'magenta',
  discipline: 'orange',
  grid: 'green',
};

/** A role as a coloured tag; `unit` adds where the role applies. */
export function RoleTag({ role, unit }: { role: Role; unit?: string }) {
  const { roleLabel } = useI18n();
  return (
    <Tag color={roleColor[role]} style={{ marginInlineEnd: 4 }}>
      {roleLabel(role)}
      {unit ? ` · ${unit}` : ''}
    </Tag>
  );
}

export function ActiveTag({ active }: { active: boolean }) {
  const { t } = useI18n();
  return active ? <Tag color="success">{t('common.active')}</Tag> : <Tag>{t('common.inactive')}</Tag>;
}
