import { sql } from 'drizzle-orm';
import {
  bigint,
  date,
  doublePrecision,
  primaryKey,
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  customType,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** A 64-bit transaction id (`xid8`, PostgreSQL 13+), as text. */
const xid8 = customType<{ data: string; driverData: string }>({ dataType: () => 'xid8' });

/** Bytes (`bytea`), e.g. gzip-compressed text kept whole. */
const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/** 单位类型: region, department, town, village… */
export const unitTypes = pgTable('unit_types', {
  id: serial('id').primaryKey(),
  code: text('code').notNull().unique(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  sort: integer('sort').notNull().default(0),
});

/** 赛道: the peer group a unit is ranked in. */
export const peerGroups = pgTable('peer_groups', {
  id: serial('id').primaryKey(),
  code: text('code').notNull().unique(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  sort: integer('sort').notNull().default(0),
});

/** 单位: a node of the unit tree; `path` is the materialized path `/1/7/30/`. */
export const units = pgTable(
  'units',
  {
    id: serial('id').primaryKey(),
    parentId: integer('parent_id').references((): AnyPgColumn => units.id),
    name: text('name').notNull(),
    code: text('code').notNull(),
    typeId: integer('type_id')
      .notNull()
      .references(() => unitTypes.id),
    peerGroupId: integer('peer_group_id').references(() => peerGroups.id),
    path: text('path').notNull(),
    depth: integer('depth').notNull(),
    active: boolean('active').notNull().default(true),
    sort: integer('sort').notNull().default(0),
    createdAt: tz('created_at').notNull().defaultNow(),
    updatedAt: tz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('units_code_key').on(t.code),
    index('units_path_idx').on(sql`${t.path} text_pattern_ops`),
    index('units_parent_idx').on(t.parentId),
  ],
);

/** 人员: a person who can sign in. */
export const people = pgTable(
  'people',
  {
    id: serial('id').primaryKey(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    username: text('username').notNull(),
    name: text('name').notNull(),
    phone: text('phone'),
    email: text('email'),
    passwordHash: text('password_hash').notNull(),
    mustChangePassword: boolean('must_change_password').notNull().default(true),
    active: boolean('active').notNull().default(true),
    failedCount: integer('failed_count').notNull().default(0),
    failedWindowStart: tz('failed_window_start'),
    lockedUntil: tz('locked_until'),
    passwordChangedAt: tz('password_changed_at'),
    createdAt: tz('created_at').notNull().defaultNow(),
    updatedAt: tz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('people_username_key').on(sql`lower(${t.username})`),
    index('people_unit_idx').on(t.unitId),
  ],
);

/** 授权: a role held on a unit (covering the unit and everything below it). */
export const grants = pgTable(
  'grants',
  {
    id: serial('id').primaryKey(),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id),
    role: text('role').notNull(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    createdAt: tz('created_at').notNull().defaultNow(),
    createdBy: integer('created_by').references(() => people.id),
  },
  (t) => [
    uniqueIndex('grants_person_role_unit_key').on(t.personId, t.role, t.unitId),
    index('grants_unit_idx').on(t.unitId),
  ],
);

/** 会话: a signed-in browser; the cookie holds the token, the table only its SM3 hash. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id),
    createdAt: tz('created_at').notNull(),
    lastSeenAt: tz('last_seen_at').notNull(),
    expiresAt: tz('expires_at').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_person_idx').on(t.personId)],
);

/**
 * Legacy: the heads of the sixteen hash chains audit entries were linked into
 * inside their own transactions before seals existed. Kept as
 * recorded; nothing writes it any more.
 */
export const auditChains = pgTable('audit_chains', {
  id: smallint('id').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull().default(0),
  headHash: text('head_hash').notNull(),
});

/**
 * 审计日志: append-only (triggers refuse UPDATE, DELETE, TRUNCATE). A change's
 * transaction inserts its entry with one statement; the sealer then links it
 * into the SM3 seal chain (`audit_seals`). The chain columns are legacy links
 * of entries written before seals existed (null for later entries); the seal
 * chain covers those entries too.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    chainId: smallint('chain_id'),
    chainSeq: bigint('chain_seq', { mode: 'number' }),
    at: tz('at').notNull(),
    actorId: integer('actor_id'),
    actorName: text('actor_name'),
    ip: text('ip'),
    action: text('action').notNull(),
    objectType: text('object_type').notNull(),
    objectId: text('object_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    prevHash: text('prev_hash'),
    hash: text('hash'),
  },
  (t) => [
    uniqueIndex('audit_log_chain_seq_key')
      .on(t.chainId, t.chainSeq)
      .where(sql`${t.chainId} IS NOT NULL`),
    index('audit_log_at_idx').on(t.at),
    index('audit_log_actor_idx').on(t.actorId, t.at),
    index('audit_log_object_idx').on(t.objectType, t.objectId),
    check('audit_log_seq_positive', sql`${t.chainSeq} > 0`),
  ],
);

/**
 * 审计封存: the SM3 seal chain over the audit log, append-only like it. Seal
 * `seq` links entry `entry_id`: hash = SM3(prev_hash ‖ canonical seal content),
 * and `prev_hash` is seal `seq - 1`'s hash (zeros for the first). Only the
 * sealer writes it, one at a time across every instance (an advisory lock).
 */
export const auditSeals = pgTable('audit_seals', {
  seq: bigint('seq', { mode: 'number' }).primaryKey(),
  // No foreign key: entries cannot be deleted anyway (triggers), and verify reports a seal whose entry is gone.
  entryId: bigint('entry_id', { mode: 'number' }).notNull().unique('audit_seals_entry_key'),
  sealedAt: tz('sealed_at').notNull(),
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull(),
});

/**
 * Audit entries committed but not sealed yet: the statement that inserts an
 * entry (audit repository, the only writer of `audit_log`) queues it here; the
 * sealer removes the ones it seals. So every committed entry is either sealed
 * or queued, and `verify` reports one that is neither.
 */
export const auditPending = pgTable('audit_pending', {
  // No foreign key: its check would cost every audited write a lookup; verify checks it instead.
  entryId: bigint('entry_id', { mode: 'number' }).primaryKey(),
  queuedAt: tz('queued_at')
    .notNull()
    .default(sql`clock_timestamp()`),
});

/** 工作日历: the days that break the Monday–Friday rule (holidays, 调休 make-up working days). */
export const calendarDays = pgTable(
  'calendar_days',
  {
    date: date('date', { mode: 'string' }).primaryKey(),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    updatedAt: tz('updated_at').notNull().defaultNow(),
    updatedBy: integer('updated_by').references(() => people.id),
  },
  (t) => [check('calendar_days_kind', sql`${t.kind} IN ('holiday', 'workday')`)],
);

/** 设置: small typed settings the office or the admin can change, JSON by key. */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: tz('updated_at').notNull().defaultNow(),
  updatedBy: integer('updated_by').references(() => people.id),
});

/** 附件: an uploaded file, stored outside the web root under its SM3 digest. */
export const attachments = pgTable(
  'attachments',
  {
    id: serial('id').primaryKey(),
    digest: text('digest').notNull(),
    filename: text('filename').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    uploadedBy: integer('uploaded_by')
      .notNull()
      .references(() => people.id),
    uploadedAt: tz('uploaded_at').notNull().defaultNow(),
    /** What the file belongs to once it is attached, e.g. `report` 12; null while only uploaded. */
    ownerType: text('owner_type'),
    ownerId: integer('owner_id'),
  },
  (t) => [
    index('attachments_owner_idx').on(t.ownerType, t.ownerId),
    index('attachments_uploader_idx').on(t.uploadedBy),
  ],
);

/** 专项行动 */
export const campaigns = pgTable('campaigns', {
  id: serial('id').primaryKey(),
  name: text('name').notNull(),
  /** 领导小组 */
  leadingGroup: text('leading_group').notNull().default(''),
  description: text('description').notNull().default(''),
  startOn: date('start_on', { mode: 'string' }).notNull(),
  endOn: date('end_on', { mode: 'string' }).notNull(),
  closed: boolean('closed').notNull().default(false),
  createdBy: integer('created_by').references(() => people.id),
  createdAt: tz('created_at').notNull().defaultNow(),
  updatedAt: tz('updated_at').notNull().defaultNow(),
});

/** 任务: one line of a campaign's task list, or a subtask handed to a lower unit. */
export const tasks = pgTable(
  'tasks',
  {
    id: serial('id').primaryKey(),
    campaignId: integer('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    parentId: integer('parent_id').references((): AnyPgColumn => tasks.id),
    code: text('code').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    category: text('category').notNull().default(''),
    targetText: text('target_text').notNull().default(''),
    targetValue: doublePrecision('target_value'),
    targetUnit: text('target_unit'),
    leadUnitId: integer('lead_unit_id')
      .notNull()
      .references(() => units.id),
    status: text('status').notNull().default('draft'),
    startOn: date('start_on', { mode: 'string' }).notNull(),
    deadline: date('deadline', { mode: 'string' }).notNull(),
    cadence: text('cadence').notNull(),
    /** Weight of a subtask in its parent's roll-up. */
    weight: doublePrecision('weight').notNull().default(1),
    /** 0–100: the last approved report's percent, or the roll-up of the subtasks. */
    progress: doublePrecision('progress').notNull().default(0),
    actualValue: doublePrecision('actual_value'),
    /** The light as computed by domain/tasks/status-light on `light_on`; never typed in. */
    light: text('light'),
    lightReasonZh: text('light_reason_zh'),
    lightReasonEn: text('light_reason_en'),
    expectedPercent: doublePrecision('expected_percent'),
    lightOn: date('light_on', { mode: 'string' }),
    lateReports: integer('late_reports').notNull().default(0),
    issuedAt: tz('issued_at'),
    signDueOn: date('sign_due_on', { mode: 'string' }),
    signedAt: tz('signed_at'),
    signedBy: integer('signed_by').references(() => people.id),
    signedLate: boolean('signed_late').notNull().default(false),
    completionEvidence: text('completion_evidence'),
    claimedAt: tz('claimed_at'),
    completedAt: tz('completed_at'),
    returnCount: integer('return_count').notNull().default(0),
    returnReason: text('return_reason'),
    /** The dispatch decision (议定事项) this task was made from. */
    decisionId: integer('decision_id'),
    createdBy: integer('created_by').references(() => people.id),
    createdAt: tz('created_at').notNull().defaultNow(),
    updatedAt: tz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('tasks_campaign_code_key').on(t.campaignId, t.code),
    index('tasks_campaign_light_idx').on(t.campaignId, t.light, t.id),
    index('tasks_lead_unit_idx').on(t.leadUnitId, t.status),
    index('tasks_parent_idx').on(t.parentId),
    check(
      'tasks_status',
      sql`${t.status} IN ('draft','issued','signed','in_progress','completion_claimed','done')`,
    ),
    check('tasks_cadence', sql`${t.cadence} IN ('weekly','half_monthly','monthly','quarterly')`),
    check('tasks_light', sql`${t.light} IS NULL OR ${t.light} IN ('green','yellow','red')`),
    check('tasks_dates', sql`${t.deadline} >= ${t.startOn}`),
    check('tasks_progress', sql`${t.progress} BETWEEN 0 AND 100`),
  ],
);

/** 包保领导 of a task. */
export const taskLeaders = pgTable(
  'task_leaders',
  {
    taskId: integer('task_id')
      .notNull()
      .references(() => tasks.id, { onDelete: 'cascade' }),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id),
  },
  (t) => [primaryKey({ columns: [t.taskId, t.personId] }), index('task_leaders_person_idx').on(t.personId)],
);

/** 配合单位 of a task. */
export const taskCooperators = pgTable(
  'task_cooperators',
  {
    taskId: integer('task_id')
      .notNull()
      .references(() => tasks.id, { onDelete: 'cascade' }),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
  },
  (t) => [primaryKey({ columns: [t.taskId, t.unitId] }), index('task_cooperators_unit_idx').on(t.unitId)],
);

/** 时间节点 */
export const taskMilestones = pgTable(
  'task_milestones',
  {
    id: serial('id').primaryKey(),
    taskId: integer('task_id')
      .notNull()
      .references(() => tasks.id, { onDelete: 'cascade' }),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    title: text('title').notNull(),
    percent: doublePrecision('percent').notNull(),
    doneOn: date('done_on', { mode: 'string' }),
  },
  (t) => [index('task_milestones_task_idx').on(t.taskId, t.dueOn)],
);

/** 报送事项: a recurring submission that is not a task. */
export const reportItems = pgTable('report_items', {
  id: serial('id').primaryKey(),
  campaignId: integer('campaign_id')
    .notNull()
    .references(() => campaigns.id),
  title: text('title').notNull(),
  description: text('description').notNull().default(''),
  cadence: text('cadence').notNull(),
  graceDays: integer('grace_days').notNull().default(0),
  startOn: date('start_on', { mode: 'string' }).notNull(),
  endOn: date('end_on', { mode: 'string' }).notNull(),
  createdBy: integer('created_by').references(() => people.id),
  createdAt: tz('created_at').notNull().defaultNow(),
});

export const reportItemUnits = pgTable(
  'report_item_units',
  {
    itemId: integer('item_id')
      .notNull()
      .references(() => reportItems.id, { onDelete: 'cascade' }),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
  },
  (t) => [primaryKey({ columns: [t.itemId, t.unitId] }), index('report_item_units_unit_idx').on(t.unitId)],
);

/**
 * 进度报送 (for a task) or a submission of a reporting item: written by the
 * liaison, approved by the unit head, only then received by the office.
 */
export const reports = pgTable(
  'reports',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    taskId: integer('task_id').references(() => tasks.id),
    itemId: integer('item_id').references(() => reportItems.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    periodKey: text('period_key').notNull(),
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    periodEnd: date('period_end', { mode: 'string' }).notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    status: text('status').notNull(),
    percent: doublePrecision('percent'),
    actualValue: doublePrecision('actual_value'),
    progress: text('progress').notNull(),
    gap: text('gap').notNull().default(''),
    reason: text('reason').notNull().default(''),
    measures: text('measures').notNull().default(''),
    authorId: integer('author_id')
      .notNull()
      .references(() => people.id),
    submittedAt: tz('submitted_at').notNull(),
    decidedBy: integer('decided_by').references(() => people.id),
    decidedAt: tz('decided_at'),
    returnReason: text('return_reason'),
    late: boolean('late').notNull().default(false),
  },
  (t) => [
    uniqueIndex('reports_task_period_key')
      .on(t.taskId, t.periodKey)
      .where(sql`${t.taskId} IS NOT NULL`),
    uniqueIndex('reports_item_unit_period_key')
      .on(t.itemId, t.unitId, t.periodKey)
      .where(sql`${t.itemId} IS NOT NULL`),
    index('reports_unit_status_idx').on(t.unitId, t.status),
    check('reports_subject', sql`(${t.taskId} IS NULL) <> (${t.itemId} IS NULL)`),
    check('reports_status', sql`${t.status} IN ('submitted','approved','returned')`),
    check('reports_percent', sql`${t.percent} IS NULL OR ${t.percent} BETWEEN 0 AND 100`),
  ],
);

/** 调整申请: a unit asks to move a deadline or change a target; the office decides. */
export const changeRequests = pgTable(
  'change_requests',
  {
    id: serial('id').primaryKey(),
    taskId: integer('task_id')
      .notNull()
      .references(() => tasks.id),
    kind: text('kind').notNull(),
    reason: text('reason').notNull(),
    currentDeadline: date('current_deadline', { mode: 'string' }),
    currentTargetText: text('current_target_text'),
    currentTargetValue: doublePrecision('current_target_value'),
    proposedDeadline: date('proposed_deadline', { mode: 'string' }),
    proposedTargetText: text('proposed_target_text'),
    proposedTargetValue: doublePrecision('proposed_target_value'),
    status: text('status').notNull().default('pending'),
    requestedBy: integer('requested_by')
      .notNull()
      .references(() => people.id),
    requestedAt: tz('requested_at').notNull(),
    decidedBy: integer('decided_by').references(() => people.id),
    decidedAt: tz('decided_at'),
    decisionNote: text('decision_note'),
  },
  (t) => [
    index('change_requests_task_idx').on(t.taskId),
    check('change_requests_kind', sql`${t.kind} IN ('deadline','target')`),
    check('change_requests_status', sql`${t.status} IN ('pending','approved','rejected')`),
  ],
);

/** 调度会 */
export const meetings = pgTable('meetings', {
  id: serial('id').primaryKey(),
  campaignId: integer('campaign_id')
    .notNull()
    .references(() => campaigns.id),
  title: text('title').notNull(),
  heldOn: date('held_on', { mode: 'string' }).notNull(),
  place: text('place').notNull().default(''),
  otherAttendees: text('other_attendees').notNull().default(''),
  notes: text('notes').notNull().default(''),
  createdBy: integer('created_by').references(() => people.id),
  createdAt: tz('created_at').notNull().defaultNow(),
});

export const meetingAttendees = pgTable(
  'meeting_attendees',
  {
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.personId] })],
);

export const meetingTasks = pgTable(
  'meeting_tasks',
  {
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    taskId: integer('task_id')
      .notNull()
      .references(() => tasks.id),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.taskId] }), index('meeting_tasks_task_idx').on(t.taskId)],
);

/** 议定事项: a decision of a dispatch meeting; may become a task. */
export const meetingDecisions = pgTable('meeting_decisions', {
  id: serial('id').primaryKey(),
  meetingId: integer('meeting_id')
    .notNull()
    .references(() => meetings.id, { onDelete: 'cascade' }),
  text: text('text').notNull(),
  taskId: integer('task_id').references(() => tasks.id),
});

/** 批示: a leader's instruction on a task, which the unit must answer. */
export const instructions = pgTable(
  'instructions',
  {
    id: serial('id').primaryKey(),
    taskId: integer('task_id')
      .notNull()
      .references(() => tasks.id),
    leaderId: integer('leader_id')
      .notNull()
      .references(() => people.id),
    text: text('text').notNull(),
    at: tz('at').notNull(),
    answer: text('answer'),
    answeredBy: integer('answered_by').references(() => people.id),
    answeredAt: tz('answered_at'),
  },
  (t) => [index('instructions_task_idx').on(t.taskId)],
);

// ─── Problems 问题 and rectification 整改 ─────────────────────────────────────

/** 问题来源: the eight problem lists and the other channels; the administrator adds and renames them. */
export const problemSources = pgTable('problem_sources', {
  id: serial('id').primaryKey(),
  code: text('code').notNull().unique('problem_sources_code_key'),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  sort: integer('sort').notNull().default(0),
  active: boolean('active').notNull().default(true),
  /** A unit may record problems of this source about itself (自查自纠). */
  unitMayRecord: boolean('unit_may_record').notNull().default(false),
  createdAt: tz('created_at').notNull().defaultNow(),
  updatedAt: tz('updated_at').notNull().defaultNow(),
});

/** 问题类别: a tree (materialized `path` like units); a category never moves, so links keep their ancestors. */
export const problemCategories = pgTable(
  'problem_categories',
  {
    id: serial('id').primaryKey(),
    parentId: integer('parent_id').references((): AnyPgColumn => problemCategories.id),
    code: text('code').notNull().unique('problem_categories_code_key'),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    path: text('path').notNull(),
    depth: integer('depth').notNull(),
    sort: integer('sort').notNull().default(0),
    active: boolean('active').notNull().default(true),
    createdAt: tz('created_at').notNull().defaultNow(),
    updatedAt: tz('updated_at').notNull().defaultNow(),
  },
  (t) => [index('problem_categories_parent_idx').on(t.parentId)],
);

/**
 * Which transaction last changed each of a few small tables (units, problem
 * categories and sources, campaigns): written by statement triggers (migration
 * 0009), read by the statistics cache to know whether the names in an answer
 * it keeps are still the names.
 */
export const tableChanges = pgTable('table_changes', {
  tableName: text('table_name').primaryKey(),
  changedXid: xid8('changed_xid').notNull(),
});

/**
 * 问题: a finding handed to a responsible unit for rectification. Overdue and
 * "behind" are computed from `deadline`, `claimed_on` and `behind_from` (the
 * day a long-term problem falls behind its stage targets if its progress
 * does not move), so statistics need no job and no join to the stages.
 */
export const problems = pgTable(
  'problems',
  {
    id: serial('id').primaryKey(),
    campaignId: integer('campaign_id').references(() => campaigns.id),
    description: text('description').notNull(),
    sourceId: integer('source_id')
      .notNull()
      .references(() => problemSources.id),
    foundOn: date('found_on', { mode: 'string' }).notNull(),
    foundBy: text('found_by').notNull().default(''),
    /** 责任单位 */
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    /** 责任人 */
    personId: integer('person_id').references(() => people.id),
    severity: text('severity').notNull().default('general'),
    /** 整改时限 */
    deadline: date('deadline', { mode: 'string' }).notNull(),
    longTerm: boolean('long_term').notNull().default(false),
    /** 0–100, as the unit last reported it (long-term problems). */
    progress: doublePrecision('progress').notNull().default(0),
    behindFrom: date('behind_from', { mode: 'string' }),
    status: text('status').notNull().default('assigned'),
    /** The day the current claim for closing was made (null unless one waits or was decided). */
    claimedOn: date('claimed_on', { mode: 'string' }),
    closedAt: tz('closed_at'),
    returnCount: integer('return_count').notNull().default(0),
    reboundCount: integer('rebound_count').notNull().default(0),
    claimCount: integer('claim_count').notNull().default(0),
    mergedIntoId: integer('merged_into_id').references((): AnyPgColumn => problems.id),
    /** Recorded by the responsible unit itself (自查自纠). */
    selfReported: boolean('self_reported').notNull().default(false),
    recordedBy: integer('recorded_by')
      .notNull()
      .references(() => people.id),
    createdAt: tz('created_at').notNull().defaultNow(),
    updatedAt: tz('updated_at').notNull().defaultNow(),
    /**
     * The transaction that last wrote the row (set on insert and, by a trigger,
     * on every update, also of its category links): the statistics cache asks
     * whether any problem changed that its snapshot did not see.
     */
    changedXid: xid8('changed_xid')
      .notNull()
      .default(sql`pg_current_xact_id()`),
  },
  (t) => [
    // Migration 0008 creates this one with INCLUDE (the columns statistics read) for index-only scans.
    index('problems_campaign_unit_idx').on(t.campaignId, t.unitId),
    index('problems_campaign_changed_idx').on(t.campaignId, t.changedXid),
    index('problems_unit_status_idx').on(t.unitId, t.status),
    index('problems_source_idx').on(t.sourceId),
    index('problems_found_on_idx').on(t.foundOn),
    index('problems_open_deadline_idx')
      .on(t.deadline)
      .where(sql`${t.status} IN ('assigned','rectifying','returned','closing_claimed')`),
    index('problems_merged_into_idx')
      .on(t.mergedIntoId)
      .where(sql`${t.mergedIntoId} IS NOT NULL`),
    check(
      'problems_status',
      sql`${t.status} IN ('assigned','rectifying','closing_claimed','returned','closed','dismissed','merged')`,
    ),
    check('problems_severity', sql`${t.severity} IN ('general','major','severe')`),
    check('problems_dates', sql`${t.deadline} >= ${t.foundOn}`),
    check('problems_progress', sql`${t.progress} BETWEEN 0 AND 100`),
    check('problems_merged', sql`(${t.status} = 'merged') = (${t.mergedIntoId} IS NOT NULL)`),
  ],
);

/**
 * A problem's categories, each with its ancestors (`direct` false), so a
 * category's count is one GROUP BY and "this category and below" one lookup.
 */
export const problemCategoryLinks = pgTable(
  'problem_category_links',
  {
    problemId: integer('problem_id')
      .notNull()
      .references(() => problems.id, { onDelete: 'cascade' }),
    categoryId: integer('category_id')
      .notNull()
      .references(() => problemCategories.id),
    direct: boolean('direct').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.problemId, t.categoryId] }),
    index('problem_category_links_category_idx').on(t.categoryId, t.problemId),
    // Migration 0009 adds INCLUDE (category_id): a problem's given categories by an index-only scan.
    index('problem_category_links_direct_idx')
      .on(t.problemId)
      .where(sql`${t.direct}`),
  ],
);

/** 阶段目标 of a long-term problem. */
export const problemStages = pgTable(
  'problem_stages',
  {
    id: serial('id').primaryKey(),
    problemId: integer('problem_id')
      .notNull()
      .references(() => problems.id, { onDelete: 'cascade' }),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    title: text('title').notNull(),
    percent: doublePrecision('percent').notNull(),
  },
  (t) => [index('problem_stages_problem_idx').on(t.problemId, t.dueOn)],
);

/** 整改措施: the unit's list of measures, each with an owner and a due date. */
export const problemMeasures = pgTable(
  'problem_measures',
  {
    id: serial('id').primaryKey(),
    problemId: integer('problem_id')
      .notNull()
      .references(() => problems.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    text: text('text').notNull(),
    owner: text('owner').notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    done: boolean('done').notNull().default(false),
  },
  // Migration 0009 rebuilds this one with INCLUDE (every column a list shows): measures by an index-only scan.
  (t) => [index('problem_measures_problem_idx').on(t.problemId, t.seq)],
);

/** 销号申请 with its evidence (files are attachments owned by `problem_evidence` id), and the verdict. */
export const problemEvidence = pgTable(
  'problem_evidence',
  {
    id: serial('id').primaryKey(),
    problemId: integer('problem_id')
      .notNull()
      .references(() => problems.id, { onDelete: 'cascade' }),
    text: text('text').notNull(),
    submittedBy: integer('submitted_by')
      .notNull()
      .references(() => people.id),
    submittedAt: tz('submitted_at').notNull(),
    decision: text('decision'),
    decidedBy: integer('decided_by').references(() => people.id),
    decidedAt: tz('decided_at'),
    reason: text('reason'),
  },
  (t) => [
    index('problem_evidence_problem_idx').on(t.problemId, t.id),
    check(
      'problem_evidence_decision',
      sql`${t.decision} IS NULL OR ${t.decision} IN ('closed','returned','dismissed','merged')`,
    ),
  ],
);

/** 整改历程: what happened to a problem, for everyone who may see it (the audit log is for auditors). */
export const problemEvents = pgTable(
  'problem_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    problemId: integer('problem_id')
      .notNull()
      .references(() => problems.id, { onDelete: 'cascade' }),
    at: tz('at').notNull(),
    actorId: integer('actor_id').references(() => people.id),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    note: text('note'),
  },
  (t) => [index('problem_events_problem_idx').on(t.problemId, t.id)],
);

// ─── Supervision 督查督办 ───────────────────────────────────────────────────────

/** 督查轮次: an inspection round of a kind, over a period, by teams, covering units. */
export const inspectionRounds = pgTable(
  'inspection_rounds',
  {
    id: serial('id').primaryKey(),
    campaignId: integer('campaign_id').references(() => campaigns.id),
    name: text('name').notNull(),
    /** special_check 专项检查 · joint_check 全面联查 · unannounced_visit 明察暗访 · look_back 回头看 */
    kind: text('kind').notNull(),
    description: text('description').notNull().default(''),
    startOn: date('start_on', { mode: 'string' }).notNull(),
    endOn: date('end_on', { mode: 'string' }).notNull(),
    /** The problem source its findings are recorded under (督查, 明察暗访…). */
    sourceId: integer('source_id')
      .notNull()
      .references(() => problemSources.id),
    status: text('status').notNull().default('open'),
    createdBy: integer('created_by')
      .notNull()
      .references(() => people.id),
    createdAt: tz('created_at').notNull(),
    updatedAt: tz('updated_at').notNull(),
  },
  (t) => [
    index('inspection_rounds_campaign_idx').on(t.campaignId),
    check(
      'inspection_rounds_kind',
      sql`${t.kind} IN ('special_check','joint_check','unannounced_visit','look_back')`,
    ),
    check('inspection_rounds_status', sql`${t.status} IN ('open','closed')`),
    check('inspection_rounds_dates', sql`${t.endOn} >= ${t.startOn}`),
  ],
);

/** 督查组 of a round. */
export const inspectionTeams = pgTable(
  'inspection_teams',
  {
    id: serial('id').primaryKey(),
    roundId: integer('round_id')
      .notNull()
      .references(() => inspectionRounds.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** 组长 */
    leaderId: integer('leader_id').references(() => people.id),
    sort: integer('sort').notNull().default(0),
  },
  (t) => [uniqueIndex('inspection_teams_round_name_key').on(t.roundId, t.name)],
);

export const inspectionTeamMembers = pgTable(
  'inspection_team_members',
  {
    teamId: integer('team_id')
      .notNull()
      .references(() => inspectionTeams.id, { onDelete: 'cascade' }),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id),
  },
  (t) => [
    primaryKey({ columns: [t.teamId, t.personId] }),
    index('inspection_team_members_person_idx').on(t.personId),
  ],
);

/** The units a round covers, each optionally assigned to one of its teams. */
export const inspectionRoundUnits = pgTable(
  'inspection_round_units',
  {
    roundId: integer('round_id')
      .notNull()
      .references(() => inspectionRounds.id, { onDelete: 'cascade' }),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    teamId: integer('team_id').references(() => inspectionTeams.id),
  },
  (t) => [
    primaryKey({ columns: [t.roundId, t.unitId] }),
    index('inspection_round_units_unit_idx').on(t.unitId),
  ],
);

/** 督查走访: a team at a unit on a day, with notes and photos (attachments owned by `inspection_visit`). */
export const inspectionVisits = pgTable(
  'inspection_visits',
  {
    id: serial('id').primaryKey(),
    roundId: integer('round_id')
      .notNull()
      .references(() => inspectionRounds.id),
    teamId: integer('team_id').references(() => inspectionTeams.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    visitedOn: date('visited_on', { mode: 'string' }).notNull(),
    notes: text('notes').notNull().default(''),
    createdBy: integer('created_by')
      .notNull()
      .references(() => people.id),
    createdAt: tz('created_at').notNull(),
  },
  (t) => [
    index('inspection_visits_round_idx').on(t.roundId, t.visitedOn),
    index('inspection_visits_unit_idx').on(t.unitId),
  ],
);

/** A visit's findings: each one a problem, recorded in one step with the round's source. */
export const inspectionFindings = pgTable(
  'inspection_findings',
  {
    visitId: integer('visit_id')
      .notNull()
      .references(() => inspectionVisits.id),
    problemId: integer('problem_id')
      .notNull()
      .references(() => problems.id),
  },
  (t) => [
    primaryKey({ columns: [t.visitId, t.problemId] }),
    uniqueIndex('inspection_findings_problem_key').on(t.problemId),
  ],
);

/**
 * 督办单: a notice on something that slipped (an overdue task, a late report,
 * an overdue problem), raised by the escalation job or by the office, naming
 * the unit and its responsible leader, to be answered in writing by a date.
 * An object's notices of one due date form an episode (`due_on`); the unique
 * key makes a second notice of the same object, episode and level impossible.
 */
export const supervisionNotices = pgTable(
  'supervision_notices',
  {
    id: serial('id').primaryKey(),
    /** task_overdue · report_late · problem_overdue · ticket_overdue */
    objectKind: text('object_kind').notNull(),
    /** A task id, a problem id, or `taskId/periodKey` for a report. */
    objectId: text('object_id').notNull(),
    /** The object's due date when the notice was raised: its episode. */
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    campaignId: integer('campaign_id').references(() => campaigns.id),
    /** The object as it was called when the notice was raised (task code and title, a problem's text…). */
    title: text('title').notNull(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    /** 责任领导 */
    leaderId: integer('leader_id').references(() => people.id),
    /** reminder 提醒 · urge 催办 · supervise 督办 · listed 挂牌督办 */
    level: text('level').notNull(),
    /** schedule (a rule's step) · unanswered (a lower notice went unanswered) · manual (the office) */
    cause: text('cause').notNull(),
    unansweredNoticeId: integer('unanswered_notice_id').references((): AnyPgColumn => supervisionNotices.id),
    skippedLevels: text('skipped_levels')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    workingDaysLate: integer('working_days_late').notNull().default(0),
    /** What the office wrote when raising it by hand. */
    note: text('note').notNull().default(''),
    raisedBy: integer('raised_by').references(() => people.id),
    raisedOn: date('raised_on', { mode: 'string' }).notNull(),
    raisedAt: tz('raised_at').notNull(),
    /** 答复期限 */
    answerBy: date('answer_by', { mode: 'string' }).notNull(),
    status: text('status').notNull().default('open'),
    answer: text('answer'),
    answeredBy: integer('answered_by').references(() => people.id),
    answeredAt: tz('answered_at'),
    /** How many times the office returned an answer. */
    returnCount: integer('return_count').notNull().default(0),
    decidedBy: integer('decided_by').references(() => people.id),
    decidedAt: tz('decided_at'),
    decisionNote: text('decision_note'),
    endedAt: tz('ended_at'),
    /** higher_level_raised · object_resolved · object_dismissed · due_date_moved · withdrawn · accepted */
    endReason: text('end_reason'),
    updatedAt: tz('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('supervision_notices_episode_level_key').on(t.objectKind, t.objectId, t.dueOn, t.level),
    index('supervision_notices_object_idx').on(t.objectKind, t.objectId),
    index('supervision_notices_unit_idx').on(t.unitId, t.status),
    index('supervision_notices_leader_idx').on(t.leaderId, t.status),
    index('supervision_notices_live_idx')
      .on(t.objectKind, t.objectId)
      .where(sql`${t.status} IN ('open','answered')`),
    check(
      'supervision_notices_kind',
      sql`${t.objectKind} IN ('task_overdue','report_late','problem_overdue','ticket_overdue')`,
    ),
    check('supervision_notices_level', sql`${t.level} IN ('reminder','urge','supervise','listed')`),
    check('supervision_notices_cause', sql`${t.cause} IN ('schedule','unanswered','manual')`),
    check(
      'supervision_notices_status',
      sql`${t.status} IN ('open','answered','accepted','escalated','resolved','dismissed')`,
    ),
    check('supervision_notices_answer_by', sql`${t.answerBy} >= ${t.raisedOn}`),
  ],
);

/** 督办升级规则: one per kind of object, its steps as the office set them (validated by domain/supervision). */
export const escalationRules = pgTable(
  'escalation_rules',
  {
    kind: text('kind').primaryKey(),
    /** [{ afterWorkingDays, level, answerWithinWorkingDays }], in increasing days. */
    steps: jsonb('steps').notNull(),
    updatedAt: tz('updated_at').notNull().defaultNow(),
    updatedBy: integer('updated_by').references(() => people.id),
  },
  (t) => [
    check(
      'escalation_rules_kind',
      sql`${t.kind} IN ('task_overdue','report_late','problem_overdue','ticket_overdue')`,
    ),
  ],
);

const publicationColumns = () => ({
  status: text('status').notNull().default('draft'),
  campaignId: integer('campaign_id').references(() => campaigns.id),
  draftedBy: integer('drafted_by')
    .notNull()
    .references(() => people.id),
  draftedAt: tz('drafted_at').notNull(),
  approvedBy: integer('approved_by').references(() => people.id),
  approvedAt: tz('approved_at'),
  publishedBy: integer('published_by').references(() => people.id),
  publishedAt: tz('published_at'),
  endedBy: integer('ended_by').references(() => people.id),
  endedAt: tz('ended_at'),
  /** Why it was withdrawn or revoked. */
  endReason: text('end_reason'),
  updatedAt: tz('updated_at').notNull(),
});

const publicationStatusCheck = (status: AnyPgColumn) =>
  sql`${status} IN ('draft','approved','published_internal','published_public','withdrawn','revoked')`;

/** 黄牌警告 / 红牌警告 on a unit, in force over a period once published. */
export const warnings = pgTable(
  'warnings',
  {
    id: serial('id').primaryKey(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    colour: text('colour').notNull(),
    reason: text('reason').notNull(),
    fromOn: date('from_on', { mode: 'string' }).notNull(),
    toOn: date('to_on', { mode: 'string' }).notNull(),
    ...publicationColumns(),
  },
  (t) => [
    index('warnings_unit_idx').on(t.unitId, t.status),
    check('warnings_colour', sql`${t.colour} IN ('yellow','red')`),
    check('warnings_status', publicationStatusCheck(t.status)),
    check('warnings_dates', sql`${t.toOn} >= ${t.fromOn}`),
  ],
);

/** 通报表扬 / 通报批评 naming units and people. */
export const circulars = pgTable(
  'circulars',
  {
    id: serial('id').primaryKey(),
    tone: text('tone').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    ...publicationColumns(),
  },
  (t) => [
    index('circulars_status_idx').on(t.status),
    check('circulars_tone', sql`${t.tone} IN ('praise','criticism')`),
    check('circulars_status', publicationStatusCheck(t.status)),
  ],
);

export const circularUnits = pgTable(
  'circular_units',
  {
    circularId: integer('circular_id')
      .notNull()
      .references(() => circulars.id, { onDelete: 'cascade' }),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
  },
  (t) => [primaryKey({ columns: [t.circularId, t.unitId] }), index('circular_units_unit_idx').on(t.unitId)],
);

export const circularPeople = pgTable(
  'circular_people',
  {
    circularId: integer('circular_id')
      .notNull()
      .references(() => circulars.id, { onDelete: 'cascade' }),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id),
  },
  (t) => [primaryKey({ columns: [t.circularId, t.personId] })],
);

/**
 * 返工整改 / 责令重新检视: a unit or one of its leaders ordered to re-inspect
 * itself. Issuing it opens a self-inspection: the unit records what it finds
 * as self-inspection problems (自查自纠) and submits them with its report.
 */
export const redoOrders = pgTable(
  'redo_orders',
  {
    id: serial('id').primaryKey(),
    subjectKind: text('subject_kind').notNull(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    /** The leader ordered, when the subject is a leader. */
    personId: integer('person_id').references(() => people.id),
    roundId: integer('round_id').references(() => inspectionRounds.id),
    reason: text('reason').notNull(),
    issuedOn: date('issued_on', { mode: 'string' }).notNull(),
    /** The self-inspection report is due by this day. */
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    status: text('status').notNull().default('issued'),
    returnCount: integer('return_count').notNull().default(0),
    report: text('report'),
    submittedBy: integer('submitted_by').references(() => people.id),
    submittedAt: tz('submitted_at'),
    decidedBy: integer('decided_by').references(() => people.id),
    decidedAt: tz('decided_at'),
    decisionNote: text('decision_note'),
    issuedBy: integer('issued_by')
      .notNull()
      .references(() => people.id),
    issuedAt: tz('issued_at').notNull(),
    updatedAt: tz('updated_at').notNull(),
  },
  (t) => [
    index('redo_orders_unit_idx').on(t.unitId, t.status),
    check('redo_orders_subject', sql`${t.subjectKind} IN ('unit','leader')`),
    check('redo_orders_leader', sql`(${t.subjectKind} = 'leader') = (${t.personId} IS NOT NULL)`),
    check('redo_orders_status', sql`${t.status} IN ('issued','submitted','accepted','cancelled')`),
    check('redo_orders_dates', sql`${t.dueOn} >= ${t.issuedOn}`),
  ],
);

/** Problems of a redo order: what it rests on (`basis`) and what the self-inspection found (`found`). */
export const redoOrderProblems = pgTable(
  'redo_order_problems',
  {
    orderId: integer('order_id')
      .notNull()
      .references(() => redoOrders.id, { onDelete: 'cascade' }),
    problemId: integer('problem_id')
      .notNull()
      .references(() => problems.id),
    role: text('role').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orderId, t.problemId, t.role] }),
    check('redo_order_problems_role', sql`${t.role} IN ('basis','found')`),
  ],
);

// ─── Accountability 问责 (discipline role only) ───────────────────────────────

/** 问责案件: a case; each subject held to account in it is one record. */
export const accountabilityCases = pgTable('accountability_cases', {
  id: serial('id').primaryKey(),
  /** 案件编号, as the commission numbers it. */
  number: text('number').notNull().default(''),
  title: text('title').notNull(),
  createdBy: integer('created_by')
    .notNull()
    .references(() => people.id),
  createdAt: tz('created_at').notNull(),
});

/**
 * 问责对象: a person the commission deals with. Most disciplined cadres have no
 * Luoshi account, so this is the commission's own register; `person_id` links
 * an account when there is one. Statistics count people by this id.
 */
export const accountabilityPersons = pgTable(
  'accountability_persons',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    /** 职务 */
    post: text('post').notNull().default(''),
    personId: integer('person_id').references(() => people.id),
    createdBy: integer('created_by')
      .notNull()
      .references(() => people.id),
    createdAt: tz('created_at').notNull(),
  },
  (t) => [
    index('accountability_persons_unit_idx').on(t.unitId),
    uniqueIndex('accountability_persons_person_key')
      .on(t.personId)
      .where(sql`${t.personId} IS NOT NULL`),
  ],
);

/**
 * 问责记录: one subject's outcome in one case. The decision text is stored
 * only as SM4 ciphertext (`decision_sealed`, bound to the record's id); the key
 * is in the configuration, never in the database.
 */
export const accountabilityRecords = pgTable(
  'accountability_records',
  {
    id: serial('id').primaryKey(),
    caseId: integer('case_id')
      .notNull()
      .references(() => accountabilityCases.id),
    subjectKind: text('subject_kind').notNull(),
    accountabilityPersonId: integer('accountability_person_id').references(() => accountabilityPersons.id),
    /** The unit held to account, or the unit the person served in. */
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    /** The measure applied (domain/accountability/forms); null only when exempt. */
    measure: text('measure'),
    /** 四种形态 of the measure, 1–4; null for a unit's measure or none. */
    form: smallint('form'),
    decidedOn: date('decided_on', { mode: 'string' }).notNull(),
    basisText: text('basis_text').notNull().default(''),
    /** 从轻 lenient · 减轻 reduced · 免责 exempt */
    leniencyKind: text('leniency_kind'),
    leniencyDistinctions: text('leniency_distinctions')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    leniencyReasoning: text('leniency_reasoning'),
    ordinaryMeasure: text('ordinary_measure'),
    /** The decision text (问责决定), SM4-sealed: `sm4$1$<key id>$…`. */
    decisionSealed: text('decision_sealed').notNull(),
    createdBy: integer('created_by')
      .notNull()
      .references(() => people.id),
    createdAt: tz('created_at').notNull(),
  },
  (t) => [
    index('accountability_records_case_idx').on(t.caseId),
    index('accountability_records_decided_idx').on(t.decidedOn),
    index('accountability_records_person_idx').on(t.accountabilityPersonId),
    check('accountability_records_subject', sql`${t.subjectKind} IN ('person','unit')`),
    check(
      'accountability_records_person',
      sql`(${t.subjectKind} = 'person') = (${t.accountabilityPersonId} IS NOT NULL)`,
    ),
    check(
      'accountability_records_leniency',
      sql`${t.leniencyKind} IS NULL OR ${t.leniencyKind} IN ('lenient','reduced','exempt')`,
    ),
    check('accountability_records_form', sql`${t.form} IS NULL OR ${t.form} BETWEEN 1 AND 4`),
    check('accountability_records_sealed', sql`${t.decisionSealed} LIKE 'sm4$%'`),
  ],
);

/** 问责依据: the problems a record rests on. */
export const accountabilityRecordProblems = pgTable(
  'accountability_record_problems',
  {
    recordId: integer('record_id')
      .notNull()
      .references(() => accountabilityRecords.id, { onDelete: 'cascade' }),
    problemId: integer('problem_id')
      .notNull()
      .references(() => problems.id),
  },
  (t) => [primaryKey({ columns: [t.recordId, t.problemId] })],
);

/**
 * 回访教育: a follow-up visit to a person, scheduled after a sanction (3 and 6
 * months by default) or recorded on its own (people sanctioned before Luoshi).
 */
export const accountabilityFollowUps = pgTable(
  'accountability_follow_ups',
  {
    id: serial('id').primaryKey(),
    accountabilityPersonId: integer('accountability_person_id')
      .notNull()
      .references(() => accountabilityPersons.id),
    recordId: integer('record_id').references(() => accountabilityRecords.id),
    caseId: integer('case_id').references(() => accountabilityCases.id),
    /** The planned date (null for a visit recorded without a schedule). */
    dueOn: date('due_on', { mode: 'string' }),
    status: text('status').notNull().default('scheduled'),
    visitedOn: date('visited_on', { mode: 'string' }),
    notes: text('notes').notNull().default(''),
    /** 提出“不影响使用”意见 */
    noEffectOnUse: boolean('no_effect_on_use').notNull().default(false),
    visitedBy: integer('visited_by').references(() => people.id),
    createdAt: tz('created_at').notNull(),
    updatedAt: tz('updated_at').notNull(),
  },
  (t) => [
    index('accountability_follow_ups_person_idx').on(t.accountabilityPersonId),
    index('accountability_follow_ups_due_idx').on(t.status, t.dueOn),
    index('accountability_follow_ups_visited_idx').on(t.visitedOn),
    check('accountability_follow_ups_status', sql`${t.status} IN ('scheduled','done','cancelled')`),
    check('accountability_follow_ups_done', sql`(${t.status} = 'done') = (${t.visitedOn} IS NOT NULL)`),
    check('accountability_follow_ups_planned', sql`${t.status} = 'done' OR ${t.dueOn} IS NOT NULL`),
  ],
);

/** 线索移送: a clue handed by the office or an inspector to the discipline commission. */
export const clueTransfers = pgTable(
  'clue_transfers',
  {
    id: serial('id').primaryKey(),
    summary: text('summary').notNull(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    visitId: integer('visit_id').references(() => inspectionVisits.id),
    status: text('status').notNull().default('draft'),
    disposal: text('disposal'),
    /** The commission's note on returning or concluding it. */
    decisionNote: text('decision_note'),
    caseId: integer('case_id').references(() => accountabilityCases.id),
    createdBy: integer('created_by')
      .notNull()
      .references(() => people.id),
    createdAt: tz('created_at').notNull(),
    transferredAt: tz('transferred_at'),
    decidedBy: integer('decided_by').references(() => people.id),
    decidedAt: tz('decided_at'),
    updatedAt: tz('updated_at').notNull(),
  },
  (t) => [
    index('clue_transfers_status_idx').on(t.status),
    check(
      'clue_transfers_status',
      sql`${t.status} IN ('draft','transferred','returned','accepted','concluded','withdrawn')`,
    ),
    check(
      'clue_transfers_disposal',
      sql`${t.disposal} IS NULL OR ${t.disposal} IN ('talk_or_inquiry','preliminary_verification','case_opened','shelved','closed')`,
    ),
  ],
);

export const clueTransferProblems = pgTable(
  'clue_transfer_problems',
  {
    clueId: integer('clue_id')
      .notNull()
      .references(() => clueTransfers.id, { onDelete: 'cascade' }),
    problemId: integer('problem_id')
      .notNull()
      .references(() => problems.id),
  },
  (t) => [primaryKey({ columns: [t.clueId, t.problemId] })],
);

// ─── Evaluation 赛马比拼 and publication 晾晒 ─────────────────────────────────

/**
 * 考评方案: one per campaign, peer group (赛道) and period kind while active.
 * Its content lives in versions; `version` is the newest.
 */
export const evaluationSchemes = pgTable(
  'evaluation_schemes',
  {
    id: serial('id').primaryKey(),
    campaignId: integer('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    peerGroupId: integer('peer_group_id')
      .notNull()
      .references(() => peerGroups.id),
    periodKind: text('period_kind').notNull(),
    name: text('name').notNull(),
    version: integer('version').notNull().default(1),
    archived: boolean('archived').notNull().default(false),
    createdBy: integer('created_by').references(() => people.id),
    createdAt: tz('created_at').notNull(),
    updatedAt: tz('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('evaluation_schemes_active_key')
      .on(t.campaignId, t.peerGroupId, t.periodKind)
      .where(sql`NOT ${t.archived}`),
    check('evaluation_schemes_period_kind', sql`${t.periodKind} IN ('month','quarter','year')`),
  ],
);

/** A scheme's content, one row per version; never changed (a trigger refuses it). */
export const evaluationSchemeVersions = pgTable(
  'evaluation_scheme_versions',
  {
    schemeId: integer('scheme_id')
      .notNull()
      .references(() => evaluationSchemes.id),
    version: integer('version').notNull(),
    name: text('name').notNull(),
    /** { indicators, grading, recordScope } as validated by domain/evaluation/scheme.ts. */
    content: jsonb('content').notNull(),
    note: text('note').notNull().default(''),
    createdBy: integer('created_by').references(() => people.id),
    createdAt: tz('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.schemeId, t.version] }),
    check('evaluation_scheme_versions_positive', sql`${t.version} > 0`),
  ],
);

/** 录入/导入的得分: a score or grade from outside (八张报表) for one unit, indicator and period. */
export const evaluationValues = pgTable(
  'evaluation_values',
  {
    id: serial('id').primaryKey(),
    schemeId: integer('scheme_id')
      .notNull()
      .references(() => evaluationSchemes.id),
    period: text('period').notNull(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    indicatorId: text('indicator_id').notNull(),
    /** A decimal or a grade letter, as entered. */
    value: text('value').notNull(),
    note: text('note').notNull().default(''),
    origin: text('origin').notNull(),
    enteredBy: integer('entered_by').references(() => people.id),
    enteredAt: tz('entered_at').notNull(),
  },
  (t) => [
    uniqueIndex('evaluation_values_key').on(t.schemeId, t.period, t.unitId, t.indicatorId),
    check('evaluation_values_origin', sql`${t.origin} IN ('typed','import')`),
  ],
);

/**
 * 加减分事项: awards, yellow cards, circulars… on a unit at a date. Entered by
 * hand (`manual`) or copied from supervision's warnings and circulars by a feed
 * (`origin`, `origin_id`: one row per origin record and unit). Withdrawn
 * events stay, marked.
 */
export const evaluationEvents = pgTable(
  'evaluation_events',
  {
    id: serial('id').primaryKey(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    /** Null: counts in every campaign's schemes. */
    campaignId: integer('campaign_id').references(() => campaigns.id),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    occurredOn: date('occurred_on', { mode: 'string' }).notNull(),
    note: text('note').notNull().default(''),
    origin: text('origin').notNull().default('manual'),
    originId: integer('origin_id'),
    recordedBy: integer('recorded_by').references(() => people.id),
    recordedAt: tz('recorded_at').notNull(),
    withdrawnAt: tz('withdrawn_at'),
    withdrawnBy: integer('withdrawn_by').references(() => people.id),
    withdrawReason: text('withdraw_reason'),
  },
  (t) => [
    index('evaluation_events_unit_idx').on(t.unitId, t.occurredOn),
    uniqueIndex('evaluation_events_origin_key')
      .on(t.origin, t.originId, t.unitId)
      .where(sql`${t.origin} <> 'manual'`),
    check('evaluation_events_origin', sql`${t.origin} IN ('manual','warning','circular')`),
    check('evaluation_events_origin_id', sql`(${t.origin} = 'manual') = (${t.originId} IS NULL)`),
  ],
);

/**
 * 晾晒: a published period of a scheme, frozen: the scheme version, the SM3
 * hash of the canonical input text, the results per unit. Never changed (a
 * trigger refuses it); a correction is the next `revision` with a reason.
 */
export const evaluationBoards = pgTable(
  'evaluation_boards',
  {
    id: serial('id').primaryKey(),
    schemeId: integer('scheme_id')
      .notNull()
      .references(() => evaluationSchemes.id),
    schemeVersion: integer('scheme_version').notNull(),
    period: text('period').notNull(),
    revision: integer('revision').notNull(),
    campaignId: integer('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    peerGroupId: integer('peer_group_id')
      .notNull()
      .references(() => peerGroups.id),
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    periodEnd: date('period_end', { mode: 'string' }).notNull(),
    /** The last day the figures were taken to (the period's end, or the publication day while it ran). */
    asOf: date('as_of', { mode: 'string' }).notNull(),
    inputHash: text('input_hash').notNull(),
    gradeCounts: jsonb('grade_counts').notNull(),
    aShare: jsonb('a_share').notNull(),
    unitCount: integer('unit_count').notNull(),
    /** Why a correction was published; null for the first publication. */
    reason: text('reason'),
    publishedBy: integer('published_by').references(() => people.id),
    publishedAt: tz('published_at').notNull(),
  },
  (t) => [
    uniqueIndex('evaluation_boards_period_key').on(t.schemeId, t.period, t.revision),
    index('evaluation_boards_campaign_idx').on(t.campaignId, t.peerGroupId),
    check(
      'evaluation_boards_revision',
      sql`${t.revision} > 0 AND (${t.revision} = 1) = (${t.reason} IS NULL)`,
    ),
  ],
);

/**
 * The canonical input text a board's hash was computed over, kept (gzip-compressed: it runs to megabytes for a
 * city's board) so anyone can check the hash and compute the board again.
 */
export const evaluationBoardInputs = pgTable(
  'evaluation_board_inputs',
  {
    boardId: integer('board_id')
      .primaryKey()
      .references(() => evaluationBoards.id),
    /** Boards published before migration 0013 keep their text here, uncompressed. */
    inputText: text('input_text'),
    inputGzip: bytea('input_gzip'),
  },
  (t) => [check('evaluation_board_inputs_one', sql`(${t.inputText} IS NULL) <> (${t.inputGzip} IS NULL)`)],
);

/** One unit's frozen result on a published board, with its explanation lines and the records behind them. */
export const evaluationBoardResults = pgTable(
  'evaluation_board_results',
  {
    boardId: integer('board_id')
      .notNull()
      .references(() => evaluationBoards.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    /** The unit's name when published. */
    unitName: text('unit_name').notNull(),
    rank: integer('rank').notNull(),
    grade: text('grade').notNull(),
    total: doublePrecision('total').notNull(),
    totalText: text('total_text').notNull(),
    change: jsonb('change'),
    openProblems: integer('open_problems').notNull(),
    /** Each indicator's points as shown on the board: [{ indicatorId, contribution, missing }]. */
    scores: jsonb('scores').notNull(),
    /** The explanation lines (得分说明) without the record lists. */
    lines: jsonb('lines').notNull(),
    /**
     * By indicator: the records behind the raw value, those that did not count, reports never written — JSON,
     * gzip-compressed: read whole for one unit when it opens them, never searched, and far cheaper to write than
     * jsonb for a board of 2,000 units with a million record ids.
     */
    recordsGzip: bytea('records_gzip'),
    /** Boards published before migration 0013 keep their records here, as jsonb. */
    records: jsonb('records'),
  },
  (t) => [
    primaryKey({ columns: [t.boardId, t.unitId] }),
    check('evaluation_board_results_grade', sql`${t.grade} IN ('A','B','C','D')`),
    check('evaluation_board_results_records', sql`(${t.records} IS NULL) <> (${t.recordsGzip} IS NULL)`),
  ],
);

/** 群众口碑: a unit's public survey link (the token in the address and the QR code). */
export const surveyLinks = pgTable('survey_links', {
  unitId: integer('unit_id')
    .primaryKey()
    .references(() => units.id),
  token: text('token').notNull().unique('survey_links_token_key'),
  active: boolean('active').notNull().default(true),
  createdBy: integer('created_by').references(() => people.id),
  createdAt: tz('created_at').notNull(),
});

/**
 * One survey answer: one per device, and per phone when one is given, per unit
 * and month (`period`). Device, phone and address are kept only as keyed SM3
 * hashes.
 */
export const surveyAnswers = pgTable(
  'survey_answers',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    period: text('period').notNull(),
    deviceHash: text('device_hash').notNull(),
    phoneHash: text('phone_hash'),
    addressHash: text('address_hash').notNull(),
    rating: smallint('rating').notNull(),
    aspects: jsonb('aspects').notNull(),
    comment: text('comment').notNull().default(''),
    answeredAt: tz('answered_at').notNull(),
  },
  (t) => [
    uniqueIndex('survey_answers_device_key').on(t.unitId, t.period, t.deviceHash),
    uniqueIndex('survey_answers_phone_key')
      .on(t.unitId, t.period, t.phoneHash)
      .where(sql`${t.phoneHash} IS NOT NULL`),
    index('survey_answers_address_idx').on(t.addressHash, t.answeredAt),
    index('survey_answers_unit_idx').on(t.unitId, t.answeredAt),
    check('survey_answers_rating', sql`${t.rating} BETWEEN 1 AND 5`),
  ],
);
