import type { z } from 'zod';
import type { auditEntryResponse, auditVerifyResponse } from '../../../domain/contracts/audit.ts';
import type { GrantResponse } from '../../../domain/contracts/grants.ts';
import type { PersonResponse } from '../../../domain/contracts/people.ts';
import type { SessionResponse } from '../../../domain/contracts/session.ts';
import type { catalogueItem, UnitResponse } from '../../../domain/contracts/units.ts';
import type { calendarDay, calendarResponse } from '../../../domain/contracts/calendar.ts';
import type {
  CampaignResponse,
  changeRequestResponse,
  instructionResponse,
  meetingResponse,
  milestoneResponse,
  reportItemResponse,
  ReportReceipt,
  ReportResponse,
  SheetProblem,
  TaskDetail,
  taskDraft,
  taskListResponse,
  TaskSettings,
  TaskSummary,
} from '../../../domain/contracts/tasks.ts';
import type { Cadence } from '../../../domain/tasks/cadence.ts';
import type { TaskStatus } from '../../../domain/tasks/task-lifecycle.ts';
import type { Role } from '../../../domain/roles.ts';
import type {
  evidenceResponse,
  measureResponse,
  negativeListItem,
  problemCreateBody,
  problemEventResponse,
  problemScheduleSchema,
  statisticsCounts,
  statisticsGroups,
} from '../../../domain/contracts/problems.ts';

// The web speaks the same contracts as the server; only types cross over, no runtime Zod.
export type Session = SessionResponse;
export type Unit = UnitResponse;
export type Person = PersonResponse;
export type Grant = GrantResponse;
export type CatalogueItem = z.infer<typeof catalogueItem>;
export type AuditEntry = z.infer<typeof auditEntryResponse>;
export type AuditVerify = z.infer<typeof auditVerifyResponse>;
export type { Role };

export type Campaign = CampaignResponse;
export type { TaskSummary, TaskDetail, TaskSettings, TaskStatus, Cadence, SheetProblem, ReportReceipt };
/** What the office sends for a new task (defaults filled by the server). */
export type TaskDraftBody = z.input<typeof taskDraft>;
export type TaskList = z.infer<typeof taskListResponse>;
export type Report = ReportResponse;
export type Milestone = z.infer<typeof milestoneResponse>;
export type ChangeRequest = z.infer<typeof changeRequestResponse>;
export type Instruction = z.infer<typeof instructionResponse>;
export type Light = 'green' | 'yellow' | 'red';
export type LightCounts = TaskList['lights'];
export type ReportItem = z.infer<typeof reportItemResponse>;
export type Meeting = z.infer<typeof meetingResponse>;
export type CalendarYear = z.infer<typeof calendarResponse>;
export type CalendarDay = z.infer<typeof calendarDay>;

/** One node of `GET /api/v1/units/tree`. */
export interface UnitTreeNode {
  id: number;
  parentId: number | null;
  name: string;
  code: string;
  typeId: number;
  active: boolean;
}

export interface Page<T> {
  items: T[];
  total: number;
}

export interface OneTimePassword {
  person: Person;
  oneTimePassword: string;
}

/** Server-side paging as the tables send it. */
export interface Paging {
  limit: number;
  offset: number;
}

// ─── Problems 问题 and rectification 整改 ─────────────────────────────────────
export type {
  ClaimReceipt,
  NegativeList,
  ProblemCategoryResponse as ProblemCategory,
  ProblemDetail,
  ProblemListCounts,
  ProblemSeverity,
  ProblemSourceResponse as ProblemSource,
  ProblemSummary,
  StatisticsResponse as ProblemStatistics,
} from '../../../domain/contracts/problems.ts';
export type { ProblemStatus } from '../../../domain/problems/problem-lifecycle.ts';
export type ProblemSchedule = z.infer<typeof problemScheduleSchema>;
export type ProblemEvidence = z.infer<typeof evidenceResponse>;
export type ProblemEvent = z.infer<typeof problemEventResponse>;
export type ProblemMeasure = z.infer<typeof measureResponse>;
export type NegativeListItem = z.infer<typeof negativeListItem>;
export type ProblemCreateInput = z.input<typeof problemCreateBody>;
export type StatisticsGroup = (typeof statisticsGroups)[number];
export type StatisticsCounts = z.infer<typeof statisticsCounts>;
