CREATE TABLE "accountability_cases" (
	"id" serial PRIMARY KEY NOT NULL,
	"number" text DEFAULT '' NOT NULL,
	"title" text NOT NULL,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "accountability_follow_ups" (
	"id" serial PRIMARY KEY NOT NULL,
	"accountability_person_id" integer NOT NULL,
	"record_id" integer,
	"case_id" integer,
	"due_on" date,
	"status" text DEFAULT 'scheduled' NOT NULL,
	"visited_on" date,
	"notes" text DEFAULT '' NOT NULL,
	"no_effect_on_use" boolean DEFAULT false NOT NULL,
	"visited_by" integer,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "accountability_follow_ups_status" CHECK ("accountability_follow_ups"."status" IN ('scheduled','done','cancelled')),
	CONSTRAINT "accountability_follow_ups_done" CHECK (("accountability_follow_ups"."status" = 'done') = ("accountability_follow_ups"."visited_on" IS NOT NULL)),
	CONSTRAINT "accountability_follow_ups_planned" CHECK ("accountability_follow_ups"."status" = 'done' OR "accountability_follow_ups"."due_on" IS NOT NULL)
);
--> statement-breakpoint
CREATE TABLE "accountability_persons" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"unit_id" integer NOT NULL,
	"post" text DEFAULT '' NOT NULL,
	"person_id" integer,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "accountability_record_problems" (
	"record_id" integer NOT NULL,
	"problem_id" integer NOT NULL,
	CONSTRAINT "accountability_record_problems_record_id_problem_id_pk" PRIMARY KEY("record_id","problem_id")
);
--> statement-breakpoint
CREATE TABLE "accountability_records" (
	"id" serial PRIMARY KEY NOT NULL,
	"case_id" integer NOT NULL,
	"subject_kind" text NOT NULL,
	"accountability_person_id" integer,
	"unit_id" integer NOT NULL,
	"measure" text,
	"form" smallint,
	"decided_on" date NOT NULL,
	"basis_text" text DEFAULT '' NOT NULL,
	"leniency_kind" text,
	"leniency_distinctions" text[] DEFAULT '{}'::text[] NOT NULL,
	"leniency_reasoning" text,
	"ordinary_measure" text,
	"decision_sealed" text NOT NULL,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "accountability_records_subject" CHECK ("accountability_records"."subject_kind" IN ('person','unit')),
	CONSTRAINT "accountability_records_person" CHECK (("accountability_records"."subject_kind" = 'person') = ("accountability_records"."accountability_person_id" IS NOT NULL)),
	CONSTRAINT "accountability_records_leniency" CHECK ("accountability_records"."leniency_kind" IS NULL OR "accountability_records"."leniency_kind" IN ('lenient','reduced','exempt')),
	CONSTRAINT "accountability_records_form" CHECK ("accountability_records"."form" IS NULL OR "accountability_records"."form" BETWEEN 1 AND 4),
	CONSTRAINT "accountability_records_sealed" CHECK ("accountability_records"."decision_sealed" LIKE 'sm4$%')
);
--> statement-breakpoint
CREATE TABLE "circular_people" (
	"circular_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	CONSTRAINT "circular_people_circular_id_person_id_pk" PRIMARY KEY("circular_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "circular_units" (
	"circular_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	CONSTRAINT "circular_units_circular_id_unit_id_pk" PRIMARY KEY("circular_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "circulars" (
	"id" serial PRIMARY KEY NOT NULL,
	"tone" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"campaign_id" integer,
	"drafted_by" integer NOT NULL,
	"drafted_at" timestamp with time zone NOT NULL,
	"approved_by" integer,
	"approved_at" timestamp with time zone,
	"published_by" integer,
	"published_at" timestamp with time zone,
	"ended_by" integer,
	"ended_at" timestamp with time zone,
	"end_reason" text,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "circulars_tone" CHECK ("circulars"."tone" IN ('praise','criticism')),
	CONSTRAINT "circulars_status" CHECK ("circulars"."status" IN ('draft','approved','published_internal','published_public','withdrawn','revoked'))
);
--> statement-breakpoint
CREATE TABLE "clue_transfer_problems" (
	"clue_id" integer NOT NULL,
	"problem_id" integer NOT NULL,
	CONSTRAINT "clue_transfer_problems_clue_id_problem_id_pk" PRIMARY KEY("clue_id","problem_id")
);
--> statement-breakpoint
CREATE TABLE "clue_transfers" (
	"id" serial PRIMARY KEY NOT NULL,
	"summary" text NOT NULL,
	"unit_id" integer NOT NULL,
	"visit_id" integer,
	"status" text DEFAULT 'draft' NOT NULL,
	"disposal" text,
	"decision_note" text,
	"case_id" integer,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"transferred_at" timestamp with time zone,
	"decided_by" integer,
	"decided_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "clue_transfers_status" CHECK ("clue_transfers"."status" IN ('draft','transferred','returned','accepted','concluded','withdrawn')),
	CONSTRAINT "clue_transfers_disposal" CHECK ("clue_transfers"."disposal" IS NULL OR "clue_transfers"."disposal" IN ('talk_or_inquiry','preliminary_verification','case_opened','shelved','closed'))
);
--> statement-breakpoint
CREATE TABLE "escalation_rules" (
	"kind" text PRIMARY KEY NOT NULL,
	"steps" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" integer,
	CONSTRAINT "escalation_rules_kind" CHECK ("escalation_rules"."kind" IN ('task_overdue','report_late','problem_overdue','ticket_overdue'))
);
--> statement-breakpoint
CREATE TABLE "inspection_findings" (
	"visit_id" integer NOT NULL,
	"problem_id" integer NOT NULL,
	CONSTRAINT "inspection_findings_visit_id_problem_id_pk" PRIMARY KEY("visit_id","problem_id")
);
--> statement-breakpoint
CREATE TABLE "inspection_round_units" (
	"round_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"team_id" integer,
	CONSTRAINT "inspection_round_units_round_id_unit_id_pk" PRIMARY KEY("round_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "inspection_rounds" (
	"id" serial PRIMARY KEY NOT NULL,
	"campaign_id" integer,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"start_on" date NOT NULL,
	"end_on" date NOT NULL,
	"source_id" integer NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "inspection_rounds_kind" CHECK ("inspection_rounds"."kind" IN ('special_check','joint_check','unannounced_visit','look_back')),
	CONSTRAINT "inspection_rounds_status" CHECK ("inspection_rounds"."status" IN ('open','closed')),
	CONSTRAINT "inspection_rounds_dates" CHECK ("inspection_rounds"."end_on" >= "inspection_rounds"."start_on")
);
--> statement-breakpoint
CREATE TABLE "inspection_team_members" (
	"team_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	CONSTRAINT "inspection_team_members_team_id_person_id_pk" PRIMARY KEY("team_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "inspection_teams" (
	"id" serial PRIMARY KEY NOT NULL,
	"round_id" integer NOT NULL,
	"name" text NOT NULL,
	"leader_id" integer,
	"sort" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inspection_visits" (
	"id" serial PRIMARY KEY NOT NULL,
	"round_id" integer NOT NULL,
	"team_id" integer,
	"unit_id" integer NOT NULL,
	"visited_on" date NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "redo_order_problems" (
	"order_id" integer NOT NULL,
	"problem_id" integer NOT NULL,
	"role" text NOT NULL,
	CONSTRAINT "redo_order_problems_order_id_problem_id_role_pk" PRIMARY KEY("order_id","problem_id","role"),
	CONSTRAINT "redo_order_problems_role" CHECK ("redo_order_problems"."role" IN ('basis','found'))
);
--> statement-breakpoint
CREATE TABLE "redo_orders" (
	"id" serial PRIMARY KEY NOT NULL,
	"subject_kind" text NOT NULL,
	"unit_id" integer NOT NULL,
	"person_id" integer,
	"round_id" integer,
	"reason" text NOT NULL,
	"issued_on" date NOT NULL,
	"due_on" date NOT NULL,
	"status" text DEFAULT 'issued' NOT NULL,
	"return_count" integer DEFAULT 0 NOT NULL,
	"report" text,
	"submitted_by" integer,
	"submitted_at" timestamp with time zone,
	"decided_by" integer,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"issued_by" integer NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "redo_orders_subject" CHECK ("redo_orders"."subject_kind" IN ('unit','leader')),
	CONSTRAINT "redo_orders_leader" CHECK (("redo_orders"."subject_kind" = 'leader') = ("redo_orders"."person_id" IS NOT NULL)),
	CONSTRAINT "redo_orders_status" CHECK ("redo_orders"."status" IN ('issued','submitted','accepted','cancelled')),
	CONSTRAINT "redo_orders_dates" CHECK ("redo_orders"."due_on" >= "redo_orders"."issued_on")
);
--> statement-breakpoint
CREATE TABLE "supervision_notices" (
	"id" serial PRIMARY KEY NOT NULL,
	"object_kind" text NOT NULL,
	"object_id" text NOT NULL,
	"due_on" date NOT NULL,
	"campaign_id" integer,
	"title" text NOT NULL,
	"unit_id" integer NOT NULL,
	"leader_id" integer,
	"level" text NOT NULL,
	"cause" text NOT NULL,
	"unanswered_notice_id" integer,
	"skipped_levels" text[] DEFAULT '{}'::text[] NOT NULL,
	"working_days_late" integer DEFAULT 0 NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"raised_by" integer,
	"raised_on" date NOT NULL,
	"raised_at" timestamp with time zone NOT NULL,
	"answer_by" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"answer" text,
	"answered_by" integer,
	"answered_at" timestamp with time zone,
	"return_count" integer DEFAULT 0 NOT NULL,
	"decided_by" integer,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"ended_at" timestamp with time zone,
	"end_reason" text,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "supervision_notices_kind" CHECK ("supervision_notices"."object_kind" IN ('task_overdue','report_late','problem_overdue','ticket_overdue')),
	CONSTRAINT "supervision_notices_level" CHECK ("supervision_notices"."level" IN ('reminder','urge','supervise','listed')),
	CONSTRAINT "supervision_notices_cause" CHECK ("supervision_notices"."cause" IN ('schedule','unanswered','manual')),
	CONSTRAINT "supervision_notices_status" CHECK ("supervision_notices"."status" IN ('open','answered','accepted','escalated','resolved','dismissed')),
	CONSTRAINT "supervision_notices_answer_by" CHECK ("supervision_notices"."answer_by" >= "supervision_notices"."raised_on")
);
--> statement-breakpoint
CREATE TABLE "warnings" (
	"id" serial PRIMARY KEY NOT NULL,
	"unit_id" integer NOT NULL,
	"colour" text NOT NULL,
	"reason" text NOT NULL,
	"from_on" date NOT NULL,
	"to_on" date NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"campaign_id" integer,
	"drafted_by" integer NOT NULL,
	"drafted_at" timestamp with time zone NOT NULL,
	"approved_by" integer,
	"approved_at" timestamp with time zone,
	"published_by" integer,
	"published_at" timestamp with time zone,
	"ended_by" integer,
	"ended_at" timestamp with time zone,
	"end_reason" text,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "warnings_colour" CHECK ("warnings"."colour" IN ('yellow','red')),
	CONSTRAINT "warnings_status" CHECK ("warnings"."status" IN ('draft','approved','published_internal','published_public','withdrawn','revoked')),
	CONSTRAINT "warnings_dates" CHECK ("warnings"."to_on" >= "warnings"."from_on")
);
--> statement-breakpoint
ALTER TABLE "accountability_cases" ADD CONSTRAINT "accountability_cases_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accountability_follow_ups" ADD CONSTRAINT "accountability_follow_ups_accountability_person_id_accountability_persons_id_fk" FOREIGN KEY ("accountability_person_id") REFERENCES "public"."accountability_persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accountability_follow_ups" ADD CONSTRAINT "accountability_follow_ups_record_id_accountability_records_id_fk" FOREIGN KEY ("record_id") REFERENCES "public"."accountability_records"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accountability_follow_ups" ADD CONSTRAINT "accountability_follow_ups_case_id_accountability_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."accountability_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accountability_follow_ups" ADD CONSTRAINT "accountability_follow_ups_visited_by_people_id_fk" FOREIGN KEY ("visited_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accountability_persons" ADD CONSTRAINT "accountability_persons_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accountability_persons" ADD CONSTRAINT "accountability_persons_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accountability_persons" ADD CONSTRAINT "accountability_persons_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accountability_record_problems" ADD CONSTRAINT "accountability_record_problems_record_id_accountability_records_id_fk" FOREIGN KEY ("record_id") REFERENCES "public"."accountability_records"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accountability_record_problems" ADD CONSTRAINT "accountability_record_problems_problem_id_problems_id_fk" FOREIGN KEY ("problem_id") REFERENCES "public"."problems"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accountability_records" ADD CONSTRAINT "accountability_records_case_id_accountability_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."accountability_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accountability_records" ADD CONSTRAINT "accountability_records_accountability_person_id_accountability_persons_id_fk" FOREIGN KEY ("accountability_person_id") REFERENCES "public"."accountability_persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accountability_records" ADD CONSTRAINT "accountability_records_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accountability_records" ADD CONSTRAINT "accountability_records_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "circular_people" ADD CONSTRAINT "circular_people_circular_id_circulars_id_fk" FOREIGN KEY ("circular_id") REFERENCES "public"."circulars"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "circular_people" ADD CONSTRAINT "circular_people_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "circular_units" ADD CONSTRAINT "circular_units_circular_id_circulars_id_fk" FOREIGN KEY ("circular_id") REFERENCES "public"."circulars"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "circular_units" ADD CONSTRAINT "circular_units_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "circulars" ADD CONSTRAINT "circulars_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "circulars" ADD CONSTRAINT "circulars_drafted_by_people_id_fk" FOREIGN KEY ("drafted_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "circulars" ADD CONSTRAINT "circulars_approved_by_people_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "circulars" ADD CONSTRAINT "circulars_published_by_people_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "circulars" ADD CONSTRAINT "circulars_ended_by_people_id_fk" FOREIGN KEY ("ended_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clue_transfer_problems" ADD CONSTRAINT "clue_transfer_problems_clue_id_clue_transfers_id_fk" FOREIGN KEY ("clue_id") REFERENCES "public"."clue_transfers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clue_transfer_problems" ADD CONSTRAINT "clue_transfer_problems_problem_id_problems_id_fk" FOREIGN KEY ("problem_id") REFERENCES "public"."problems"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clue_transfers" ADD CONSTRAINT "clue_transfers_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clue_transfers" ADD CONSTRAINT "clue_transfers_visit_id_inspection_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."inspection_visits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clue_transfers" ADD CONSTRAINT "clue_transfers_case_id_accountability_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."accountability_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clue_transfers" ADD CONSTRAINT "clue_transfers_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clue_transfers" ADD CONSTRAINT "clue_transfers_decided_by_people_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escalation_rules" ADD CONSTRAINT "escalation_rules_updated_by_people_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_findings" ADD CONSTRAINT "inspection_findings_visit_id_inspection_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."inspection_visits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_findings" ADD CONSTRAINT "inspection_findings_problem_id_problems_id_fk" FOREIGN KEY ("problem_id") REFERENCES "public"."problems"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_round_units" ADD CONSTRAINT "inspection_round_units_round_id_inspection_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."inspection_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_round_units" ADD CONSTRAINT "inspection_round_units_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_round_units" ADD CONSTRAINT "inspection_round_units_team_id_inspection_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."inspection_teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_rounds" ADD CONSTRAINT "inspection_rounds_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_rounds" ADD CONSTRAINT "inspection_rounds_source_id_problem_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."problem_sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_rounds" ADD CONSTRAINT "inspection_rounds_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_team_members" ADD CONSTRAINT "inspection_team_members_team_id_inspection_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."inspection_teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_team_members" ADD CONSTRAINT "inspection_team_members_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_teams" ADD CONSTRAINT "inspection_teams_round_id_inspection_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."inspection_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_teams" ADD CONSTRAINT "inspection_teams_leader_id_people_id_fk" FOREIGN KEY ("leader_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_visits" ADD CONSTRAINT "inspection_visits_round_id_inspection_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."inspection_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_visits" ADD CONSTRAINT "inspection_visits_team_id_inspection_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."inspection_teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_visits" ADD CONSTRAINT "inspection_visits_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_visits" ADD CONSTRAINT "inspection_visits_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "redo_order_problems" ADD CONSTRAINT "redo_order_problems_order_id_redo_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."redo_orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "redo_order_problems" ADD CONSTRAINT "redo_order_problems_problem_id_problems_id_fk" FOREIGN KEY ("problem_id") REFERENCES "public"."problems"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "redo_orders" ADD CONSTRAINT "redo_orders_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "redo_orders" ADD CONSTRAINT "redo_orders_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "redo_orders" ADD CONSTRAINT "redo_orders_round_id_inspection_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."inspection_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "redo_orders" ADD CONSTRAINT "redo_orders_submitted_by_people_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "redo_orders" ADD CONSTRAINT "redo_orders_decided_by_people_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "redo_orders" ADD CONSTRAINT "redo_orders_issued_by_people_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_notices" ADD CONSTRAINT "supervision_notices_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_notices" ADD CONSTRAINT "supervision_notices_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_notices" ADD CONSTRAINT "supervision_notices_leader_id_people_id_fk" FOREIGN KEY ("leader_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_notices" ADD CONSTRAINT "supervision_notices_unanswered_notice_id_supervision_notices_id_fk" FOREIGN KEY ("unanswered_notice_id") REFERENCES "public"."supervision_notices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_notices" ADD CONSTRAINT "supervision_notices_raised_by_people_id_fk" FOREIGN KEY ("raised_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_notices" ADD CONSTRAINT "supervision_notices_answered_by_people_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_notices" ADD CONSTRAINT "supervision_notices_decided_by_people_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "warnings" ADD CONSTRAINT "warnings_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "warnings" ADD CONSTRAINT "warnings_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "warnings" ADD CONSTRAINT "warnings_drafted_by_people_id_fk" FOREIGN KEY ("drafted_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "warnings" ADD CONSTRAINT "warnings_approved_by_people_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "warnings" ADD CONSTRAINT "warnings_published_by_people_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "warnings" ADD CONSTRAINT "warnings_ended_by_people_id_fk" FOREIGN KEY ("ended_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "accountability_follow_ups_person_idx" ON "accountability_follow_ups" USING btree ("accountability_person_id");--> statement-breakpoint
CREATE INDEX "accountability_follow_ups_due_idx" ON "accountability_follow_ups" USING btree ("status","due_on");--> statement-breakpoint
CREATE INDEX "accountability_follow_ups_visited_idx" ON "accountability_follow_ups" USING btree ("visited_on");--> statement-breakpoint
CREATE INDEX "accountability_persons_unit_idx" ON "accountability_persons" USING btree ("unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "accountability_persons_person_key" ON "accountability_persons" USING btree ("person_id") WHERE "accountability_persons"."person_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "accountability_records_case_idx" ON "accountability_records" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "accountability_records_decided_idx" ON "accountability_records" USING btree ("decided_on");--> statement-breakpoint
CREATE INDEX "accountability_records_person_idx" ON "accountability_records" USING btree ("accountability_person_id");--> statement-breakpoint
CREATE INDEX "circular_units_unit_idx" ON "circular_units" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "circulars_status_idx" ON "circulars" USING btree ("status");--> statement-breakpoint
CREATE INDEX "clue_transfers_status_idx" ON "clue_transfers" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "inspection_findings_problem_key" ON "inspection_findings" USING btree ("problem_id");--> statement-breakpoint
CREATE INDEX "inspection_round_units_unit_idx" ON "inspection_round_units" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "inspection_rounds_campaign_idx" ON "inspection_rounds" USING btree ("campaign_id");--> statement-breakpoint
CREATE INDEX "inspection_team_members_person_idx" ON "inspection_team_members" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "inspection_teams_round_name_key" ON "inspection_teams" USING btree ("round_id","name");--> statement-breakpoint
CREATE INDEX "inspection_visits_round_idx" ON "inspection_visits" USING btree ("round_id","visited_on");--> statement-breakpoint
CREATE INDEX "inspection_visits_unit_idx" ON "inspection_visits" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "redo_orders_unit_idx" ON "redo_orders" USING btree ("unit_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "supervision_notices_episode_level_key" ON "supervision_notices" USING btree ("object_kind","object_id","due_on","level");--> statement-breakpoint
CREATE INDEX "supervision_notices_object_idx" ON "supervision_notices" USING btree ("object_kind","object_id");--> statement-breakpoint
CREATE INDEX "supervision_notices_unit_idx" ON "supervision_notices" USING btree ("unit_id","status");--> statement-breakpoint
CREATE INDEX "supervision_notices_leader_idx" ON "supervision_notices" USING btree ("leader_id","status");--> statement-breakpoint
CREATE INDEX "supervision_notices_live_idx" ON "supervision_notices" USING btree ("object_kind","object_id") WHERE "supervision_notices"."status" IN ('open','answered');--> statement-breakpoint
CREATE INDEX "warnings_unit_idx" ON "warnings" USING btree ("unit_id","status");--> statement-breakpoint
-- The suggested escalation rules (domain/supervision/escalation-rules.ts defaultEscalationRules; a test checks they agree).
INSERT INTO "escalation_rules" ("kind", "steps") VALUES
  ('task_overdue', '[{"afterWorkingDays":1,"level":"reminder","answerWithinWorkingDays":3},{"afterWorkingDays":5,"level":"urge","answerWithinWorkingDays":3},{"afterWorkingDays":10,"level":"supervise","answerWithinWorkingDays":3},{"afterWorkingDays":20,"level":"listed","answerWithinWorkingDays":2}]'::jsonb),
  ('report_late', '[{"afterWorkingDays":1,"level":"reminder","answerWithinWorkingDays":2},{"afterWorkingDays":3,"level":"urge","answerWithinWorkingDays":2},{"afterWorkingDays":10,"level":"supervise","answerWithinWorkingDays":3}]'::jsonb),
  ('problem_overdue', '[{"afterWorkingDays":1,"level":"reminder","answerWithinWorkingDays":3},{"afterWorkingDays":5,"level":"urge","answerWithinWorkingDays":3},{"afterWorkingDays":10,"level":"supervise","answerWithinWorkingDays":3},{"afterWorkingDays":20,"level":"listed","answerWithinWorkingDays":2}]'::jsonb),
  ('ticket_overdue', '[{"afterWorkingDays":1,"level":"urge","answerWithinWorkingDays":1},{"afterWorkingDays":3,"level":"supervise","answerWithinWorkingDays":2}]'::jsonb);
