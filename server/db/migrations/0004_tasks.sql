CREATE TABLE "attachments" (
	"id" serial PRIMARY KEY NOT NULL,
	"digest" text NOT NULL,
	"filename" text NOT NULL,
	"mime" text NOT NULL,
	"size" integer NOT NULL,
	"uploaded_by" integer NOT NULL,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"owner_type" text,
	"owner_id" integer
);
--> statement-breakpoint
CREATE TABLE "campaigns" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"leading_group" text DEFAULT '' NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"start_on" date NOT NULL,
	"end_on" date NOT NULL,
	"closed" boolean DEFAULT false NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "change_requests" (
	"id" serial PRIMARY KEY NOT NULL,
	"task_id" integer NOT NULL,
	"kind" text NOT NULL,
	"reason" text NOT NULL,
	"current_deadline" date,
	"current_target_text" text,
	"current_target_value" double precision,
	"proposed_deadline" date,
	"proposed_target_text" text,
	"proposed_target_value" double precision,
	"status" text DEFAULT 'pending' NOT NULL,
	"requested_by" integer NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"decided_by" integer,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	CONSTRAINT "change_requests_kind" CHECK ("change_requests"."kind" IN ('deadline','target')),
	CONSTRAINT "change_requests_status" CHECK ("change_requests"."status" IN ('pending','approved','rejected'))
);
--> statement-breakpoint
CREATE TABLE "instructions" (
	"id" serial PRIMARY KEY NOT NULL,
	"task_id" integer NOT NULL,
	"leader_id" integer NOT NULL,
	"text" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"answer" text,
	"answered_by" integer,
	"answered_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "meeting_attendees" (
	"meeting_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	CONSTRAINT "meeting_attendees_meeting_id_person_id_pk" PRIMARY KEY("meeting_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "meeting_decisions" (
	"id" serial PRIMARY KEY NOT NULL,
	"meeting_id" integer NOT NULL,
	"text" text NOT NULL,
	"task_id" integer
);
--> statement-breakpoint
CREATE TABLE "meeting_tasks" (
	"meeting_id" integer NOT NULL,
	"task_id" integer NOT NULL,
	CONSTRAINT "meeting_tasks_meeting_id_task_id_pk" PRIMARY KEY("meeting_id","task_id")
);
--> statement-breakpoint
CREATE TABLE "meetings" (
	"id" serial PRIMARY KEY NOT NULL,
	"campaign_id" integer NOT NULL,
	"title" text NOT NULL,
	"held_on" date NOT NULL,
	"place" text DEFAULT '' NOT NULL,
	"other_attendees" text DEFAULT '' NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_item_units" (
	"item_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	CONSTRAINT "report_item_units_item_id_unit_id_pk" PRIMARY KEY("item_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "report_items" (
	"id" serial PRIMARY KEY NOT NULL,
	"campaign_id" integer NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"cadence" text NOT NULL,
	"grace_days" integer DEFAULT 0 NOT NULL,
	"start_on" date NOT NULL,
	"end_on" date NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reports" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"task_id" integer,
	"item_id" integer,
	"unit_id" integer NOT NULL,
	"period_key" text NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"due_on" date NOT NULL,
	"status" text NOT NULL,
	"percent" double precision,
	"actual_value" double precision,
	"progress" text NOT NULL,
	"gap" text DEFAULT '' NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"measures" text DEFAULT '' NOT NULL,
	"author_id" integer NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"decided_by" integer,
	"decided_at" timestamp with time zone,
	"return_reason" text,
	"late" boolean DEFAULT false NOT NULL,
	CONSTRAINT "reports_subject" CHECK (("reports"."task_id" IS NULL) <> ("reports"."item_id" IS NULL)),
	CONSTRAINT "reports_status" CHECK ("reports"."status" IN ('submitted','approved','returned')),
	CONSTRAINT "reports_percent" CHECK ("reports"."percent" IS NULL OR "reports"."percent" BETWEEN 0 AND 100)
);
--> statement-breakpoint
CREATE TABLE "settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" integer
);
--> statement-breakpoint
CREATE TABLE "task_cooperators" (
	"task_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	CONSTRAINT "task_cooperators_task_id_unit_id_pk" PRIMARY KEY("task_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "task_leaders" (
	"task_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	CONSTRAINT "task_leaders_task_id_person_id_pk" PRIMARY KEY("task_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "task_milestones" (
	"id" serial PRIMARY KEY NOT NULL,
	"task_id" integer NOT NULL,
	"due_on" date NOT NULL,
	"title" text NOT NULL,
	"percent" double precision NOT NULL,
	"done_on" date
);
--> statement-breakpoint
CREATE TABLE "tasks" (
	"id" serial PRIMARY KEY NOT NULL,
	"campaign_id" integer NOT NULL,
	"parent_id" integer,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"category" text DEFAULT '' NOT NULL,
	"target_text" text DEFAULT '' NOT NULL,
	"target_value" double precision,
	"target_unit" text,
	"lead_unit_id" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"start_on" date NOT NULL,
	"deadline" date NOT NULL,
	"cadence" text NOT NULL,
	"weight" double precision DEFAULT 1 NOT NULL,
	"progress" double precision DEFAULT 0 NOT NULL,
	"actual_value" double precision,
	"light" text,
	"light_reason_zh" text,
	"light_reason_en" text,
	"expected_percent" double precision,
	"light_on" date,
	"late_reports" integer DEFAULT 0 NOT NULL,
	"issued_at" timestamp with time zone,
	"sign_due_on" date,
	"signed_at" timestamp with time zone,
	"signed_by" integer,
	"signed_late" boolean DEFAULT false NOT NULL,
	"completion_evidence" text,
	"claimed_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"return_count" integer DEFAULT 0 NOT NULL,
	"return_reason" text,
	"decision_id" integer,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tasks_status" CHECK ("tasks"."status" IN ('draft','issued','signed','in_progress','completion_claimed','done')),
	CONSTRAINT "tasks_cadence" CHECK ("tasks"."cadence" IN ('weekly','half_monthly','monthly','quarterly')),
	CONSTRAINT "tasks_light" CHECK ("tasks"."light" IS NULL OR "tasks"."light" IN ('green','yellow','red')),
	CONSTRAINT "tasks_dates" CHECK ("tasks"."deadline" >= "tasks"."start_on"),
	CONSTRAINT "tasks_progress" CHECK ("tasks"."progress" BETWEEN 0 AND 100)
);
--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_uploaded_by_people_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "change_requests" ADD CONSTRAINT "change_requests_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "change_requests" ADD CONSTRAINT "change_requests_requested_by_people_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "change_requests" ADD CONSTRAINT "change_requests_decided_by_people_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instructions" ADD CONSTRAINT "instructions_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instructions" ADD CONSTRAINT "instructions_leader_id_people_id_fk" FOREIGN KEY ("leader_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instructions" ADD CONSTRAINT "instructions_answered_by_people_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_attendees" ADD CONSTRAINT "meeting_attendees_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_attendees" ADD CONSTRAINT "meeting_attendees_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_decisions" ADD CONSTRAINT "meeting_decisions_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_decisions" ADD CONSTRAINT "meeting_decisions_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_tasks" ADD CONSTRAINT "meeting_tasks_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_tasks" ADD CONSTRAINT "meeting_tasks_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_item_units" ADD CONSTRAINT "report_item_units_item_id_report_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."report_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_item_units" ADD CONSTRAINT "report_item_units_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_items" ADD CONSTRAINT "report_items_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_items" ADD CONSTRAINT "report_items_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_item_id_report_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."report_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_author_id_people_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_decided_by_people_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "settings" ADD CONSTRAINT "settings_updated_by_people_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_cooperators" ADD CONSTRAINT "task_cooperators_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_cooperators" ADD CONSTRAINT "task_cooperators_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_leaders" ADD CONSTRAINT "task_leaders_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_leaders" ADD CONSTRAINT "task_leaders_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_milestones" ADD CONSTRAINT "task_milestones_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_parent_id_tasks_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_lead_unit_id_units_id_fk" FOREIGN KEY ("lead_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_signed_by_people_id_fk" FOREIGN KEY ("signed_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "attachments_owner_idx" ON "attachments" USING btree ("owner_type","owner_id");--> statement-breakpoint
CREATE INDEX "attachments_uploader_idx" ON "attachments" USING btree ("uploaded_by");--> statement-breakpoint
CREATE INDEX "change_requests_task_idx" ON "change_requests" USING btree ("task_id");--> statement-breakpoint
CREATE INDEX "instructions_task_idx" ON "instructions" USING btree ("task_id");--> statement-breakpoint
CREATE INDEX "meeting_tasks_task_idx" ON "meeting_tasks" USING btree ("task_id");--> statement-breakpoint
CREATE INDEX "report_item_units_unit_idx" ON "report_item_units" USING btree ("unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "reports_task_period_key" ON "reports" USING btree ("task_id","period_key") WHERE "reports"."task_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "reports_item_unit_period_key" ON "reports" USING btree ("item_id","unit_id","period_key") WHERE "reports"."item_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "reports_unit_status_idx" ON "reports" USING btree ("unit_id","status");--> statement-breakpoint
CREATE INDEX "task_cooperators_unit_idx" ON "task_cooperators" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "task_leaders_person_idx" ON "task_leaders" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "task_milestones_task_idx" ON "task_milestones" USING btree ("task_id","due_on");--> statement-breakpoint
CREATE UNIQUE INDEX "tasks_campaign_code_key" ON "tasks" USING btree ("campaign_id","code");--> statement-breakpoint
CREATE INDEX "tasks_campaign_light_idx" ON "tasks" USING btree ("campaign_id","light","id");--> statement-breakpoint
CREATE INDEX "tasks_lead_unit_idx" ON "tasks" USING btree ("lead_unit_id","status");--> statement-breakpoint
CREATE INDEX "tasks_parent_idx" ON "tasks" USING btree ("parent_id");