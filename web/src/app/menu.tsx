import {
  AimOutlined,
  AlertOutlined,
  FileSearchOutlined,
  NotificationOutlined,
  RiseOutlined,
  RollbackOutlined,
  SecurityScanOutlined,
  SendOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  CalendarOutlined,
  ControlOutlined,
  ExceptionOutlined,
  CarryOutOutlined,
  DashboardOutlined,
  FlagOutlined,
  ProfileOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  TrophyOutlined,
  TeamOutlined,
  ToolOutlined,
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
  if (has('campaigns.manage') || has('campaigns.browse'))
    items.push({ path: '/campaigns', label: 'nav.campaigns', icon: <FlagOutlined /> });
  if (has('tasks.unit')) items.push({ path: '/my-tasks', label: 'nav.myTasks', icon: <CarryOutOutlined /> });
  if (has('tasks.portfolio'))
    items.push({ path: '/portfolio', label: 'nav.portfolio', icon: <AimOutlined /> });
  // A unit's people work from their own problems; the others from the district's lists and figures.
  const unitOnly = has('problems.unit') && !has('problems.record');
  if (has('problems.browse') && !unitOnly)
    items.push({ path: '/problems', label: 'nav.problems', icon: <ExceptionOutlined /> });
  if (has('problems.unit'))
    items.push({ path: '/my-problems', label: 'nav.myProblems', icon: <ToolOutlined /> });
  if (has('problems.browse'))
    items.push({ path: '/negative-list', label: 'nav.negativeList', icon: <ProfileOutlined /> });
  if (has('problems.browse') && !unitOnly)
    items.push({ path: '/problem-statistics', label: 'nav.problemStatistics', icon: <BarChartOutlined /> });
  if (has('supervision.notices'))
    items.push({ path: '/notices', label: 'nav.notices', icon: <AlertOutlined /> });
  if (has('supervision.rounds'))
    items.push({ path: '/inspection-rounds', label: 'nav.rounds', icon: <FileSearchOutlined /> });
  if (has('supervision.browse'))
    items.push({ path: '/publications', label: 'nav.publications', icon: <NotificationOutlined /> });
  if (has('supervision.browse'))
    items.push({ path: '/redo-orders', label: 'nav.redoOrders', icon: <RollbackOutlined /> });
  // The commission works its clues from 问责; the office and inspectors from their own page.
  if (has('clues.transfer') && !has('accountability.manage'))
    items.push({ path: '/clues', label: 'nav.clues', icon: <SendOutlined /> });
  if (has('accountability.manage'))
    items.push({ path: '/accountability', label: 'nav.accountability', icon: <SecurityScanOutlined /> });
  if (has('evaluation.manage') || has('evaluation.browse'))
    items.push({ path: '/evaluation', label: 'nav.evaluation', icon: <TrophyOutlined /> });
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
  if (has('campaigns.manage'))
    items.push({ path: '/settings/tasks', label: 'nav.taskSettings', icon: <SettingOutlined /> });
  if (has('supervision.manage'))
    items.push({ path: '/settings/escalation', label: 'nav.escalationSettings', icon: <RiseOutlined /> });
  if (has('problems.configure'))
    items.push({ path: '/settings/problems', label: 'nav.problemSettings', icon: <ControlOutlined /> });
  if (has('calendar.manage'))
    items.push({ path: '/calendar', label: 'nav.calendar', icon: <CalendarOutlined /> });
  return items;
}
