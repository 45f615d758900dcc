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
