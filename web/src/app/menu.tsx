import {
  ApartmentOutlined,
  AuditOutlined,
  DashboardOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { MessageKey } from './messages.ts';

export interface NavItem {
  path: string;
  label: MessageKey;
  icon: ReactNode;
}

/**
 * The menu a person sees, from the capabilities the server granted. Managing
 * and browsing the same resource are one page with different names.
 */
export function navItemsFor(capabilities: readonly string[]): NavItem[] {
  const has = (c: string) => capabilities.includes(c);
  const items: NavItem[] = [{ path: '/', label: 'nav.home', icon: <DashboardOutlined /> }];
  if (has('units.manage'))
    items.push({ path: '/units', label: 'nav.unitsManage', icon: <ApartmentOutlined /> });
  else if (has('units.browse'))
    items.push({ path: '/units', label: 'nav.unitsBrowse', icon: <ApartmentOutlined /> });
  if (has('people.manage'))
    items.push({ path: '/people', label: 'nav.peopleManage', icon: <TeamOutlined /> });
  else if (has('people.browse'))
    items.push({ path: '/people', label: 'nav.peopleBrowse', icon: <TeamOutlined /> });
  if (has('grants.manage'))
    items.push({ path: '/grants', label: 'nav.grants', icon: <SafetyCertificateOutlined /> });
  if (has('audit.read')) items.push({ path: '/audit', label: 'nav.audit', icon: <AuditOutlined /> });
  return items;
}
