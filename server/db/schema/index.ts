import { sql } from 'drizzle-orm';
import {
  bigint,
  date,
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
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

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

/** The heads of the audit hash chains; writers take any free chain (SKIP LOCKED). */
export const auditChains = pgTable('audit_chains', {
  id: smallint('id').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull().default(0),
  headHash: text('head_hash').notNull(),
});

/** 审计日志: append-only, hash-chained with SM3. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    chainId: smallint('chain_id').notNull(),
    chainSeq: bigint('chain_seq', { mode: 'number' }).notNull(),
    at: tz('at').notNull(),
    actorId: integer('actor_id'),
    actorName: text('actor_name'),
    ip: text('ip'),
    action: text('action').notNull(),
    objectType: text('object_type').notNull(),
    objectId: text('object_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    uniqueIndex('audit_log_chain_seq_key').on(t.chainId, t.chainSeq),
    index('audit_log_at_idx').on(t.at),
    index('audit_log_actor_idx').on(t.actorId, t.at),
    index('audit_log_object_idx').on(t.objectType, t.objectId),
    check('audit_log_seq_positive', sql`${t.chainSeq} > 0`),
  ],
);

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
