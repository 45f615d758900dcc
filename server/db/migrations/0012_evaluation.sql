CREATE TABLE "evaluation_board_inputs" (
	"board_id" integer PRIMARY KEY NOT NULL,
	"input_text" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evaluation_board_results" (
	"board_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"unit_name" text NOT NULL,
	"rank" integer NOT NULL,
	"grade" text NOT NULL,
	"total" double precision NOT NULL,
	"total_text" text NOT NULL,
	"change" jsonb,
	"open_problems" integer NOT NULL,
	"scores" jsonb NOT NULL,
	"lines" jsonb NOT NULL,
	"records" jsonb NOT NULL,
	CONSTRAINT "evaluation_board_results_board_id_unit_id_pk" PRIMARY KEY("board_id","unit_id"),
	CONSTRAINT "evaluation_board_results_grade" CHECK ("evaluation_board_results"."grade" IN ('A','B','C','D'))
);
--> statement-breakpoint
CREATE TABLE "evaluation_boards" (
	"id" serial PRIMARY KEY NOT NULL,
	"scheme_id" integer NOT NULL,
	"scheme_version" integer NOT NULL,
	"period" text NOT NULL,
	"revision" integer NOT NULL,
	"campaign_id" integer NOT NULL,
	"peer_group_id" integer NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"as_of" date NOT NULL,
	"input_hash" text NOT NULL,
	"grade_counts" jsonb NOT NULL,
	"a_share" jsonb NOT NULL,
	"unit_count" integer NOT NULL,
	"reason" text,
	"published_by" integer,
	"published_at" timestamp with time zone NOT NULL,
	CONSTRAINT "evaluation_boards_revision" CHECK ("evaluation_boards"."revision" > 0 AND ("evaluation_boards"."revision" = 1) = ("evaluation_boards"."reason" IS NULL))
);
--> statement-breakpoint
CREATE TABLE "evaluation_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"unit_id" integer NOT NULL,
	"campaign_id" integer,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"occurred_on" date NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"origin" text DEFAULT 'manual' NOT NULL,
	"origin_id" integer,
	"recorded_by" integer,
	"recorded_at" timestamp with time zone NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_by" integer,
	"withdraw_reason" text,
	CONSTRAINT "evaluation_events_origin" CHECK ("evaluation_events"."origin" IN ('manual','warning','circular')),
	CONSTRAINT "evaluation_events_origin_id" CHECK (("evaluation_events"."origin" = 'manual') = ("evaluation_events"."origin_id" IS NULL))
);
--> statement-breakpoint
CREATE TABLE "evaluation_scheme_versions" (
	"scheme_id" integer NOT NULL,
	"version" integer NOT NULL,
	"name" text NOT NULL,
	"content" jsonb NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "evaluation_scheme_versions_scheme_id_version_pk" PRIMARY KEY("scheme_id","version"),
	CONSTRAINT "evaluation_scheme_versions_positive" CHECK ("evaluation_scheme_versions"."version" > 0)
);
--> statement-breakpoint
CREATE TABLE "evaluation_schemes" (
	"id" serial PRIMARY KEY NOT NULL,
	"campaign_id" integer NOT NULL,
	"peer_group_id" integer NOT NULL,
	"period_kind" text NOT NULL,
	"name" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"archived" boolean DEFAULT false NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "evaluation_schemes_period_kind" CHECK ("evaluation_schemes"."period_kind" IN ('month','quarter','year'))
);
--> statement-breakpoint
CREATE TABLE "evaluation_values" (
	"id" serial PRIMARY KEY NOT NULL,
	"scheme_id" integer NOT NULL,
	"period" text NOT NULL,
	"unit_id" integer NOT NULL,
	"indicator_id" text NOT NULL,
	"value" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"origin" text NOT NULL,
	"entered_by" integer,
	"entered_at" timestamp with time zone NOT NULL,
	CONSTRAINT "evaluation_values_origin" CHECK ("evaluation_values"."origin" IN ('typed','import'))
);
--> statement-breakpoint
CREATE TABLE "survey_answers" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"unit_id" integer NOT NULL,
	"period" text NOT NULL,
	"device_hash" text NOT NULL,
	"phone_hash" text,
	"address_hash" text NOT NULL,
	"rating" smallint NOT NULL,
	"aspects" jsonb NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"answered_at" timestamp with time zone NOT NULL,
	CONSTRAINT "survey_answers_rating" CHECK ("survey_answers"."rating" BETWEEN 1 AND 5)
);
--> statement-breakpoint
CREATE TABLE "survey_links" (
	"unit_id" integer PRIMARY KEY NOT NULL,
	"token" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "survey_links_token_key" UNIQUE("token")
);
--> statement-breakpoint
ALTER TABLE "evaluation_board_inputs" ADD CONSTRAINT "evaluation_board_inputs_board_id_evaluation_boards_id_fk" FOREIGN KEY ("board_id") REFERENCES "public"."evaluation_boards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_board_results" ADD CONSTRAINT "evaluation_board_results_board_id_evaluation_boards_id_fk" FOREIGN KEY ("board_id") REFERENCES "public"."evaluation_boards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_board_results" ADD CONSTRAINT "evaluation_board_results_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_boards" ADD CONSTRAINT "evaluation_boards_scheme_id_evaluation_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."evaluation_schemes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_boards" ADD CONSTRAINT "evaluation_boards_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_boards" ADD CONSTRAINT "evaluation_boards_peer_group_id_peer_groups_id_fk" FOREIGN KEY ("peer_group_id") REFERENCES "public"."peer_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_boards" ADD CONSTRAINT "evaluation_boards_published_by_people_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_events" ADD CONSTRAINT "evaluation_events_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_events" ADD CONSTRAINT "evaluation_events_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_events" ADD CONSTRAINT "evaluation_events_recorded_by_people_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_events" ADD CONSTRAINT "evaluation_events_withdrawn_by_people_id_fk" FOREIGN KEY ("withdrawn_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_scheme_versions" ADD CONSTRAINT "evaluation_scheme_versions_scheme_id_evaluation_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."evaluation_schemes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_scheme_versions" ADD CONSTRAINT "evaluation_scheme_versions_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_schemes" ADD CONSTRAINT "evaluation_schemes_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_schemes" ADD CONSTRAINT "evaluation_schemes_peer_group_id_peer_groups_id_fk" FOREIGN KEY ("peer_group_id") REFERENCES "public"."peer_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_schemes" ADD CONSTRAINT "evaluation_schemes_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_values" ADD CONSTRAINT "evaluation_values_scheme_id_evaluation_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."evaluation_schemes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_values" ADD CONSTRAINT "evaluation_values_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_values" ADD CONSTRAINT "evaluation_values_entered_by_people_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_answers" ADD CONSTRAINT "survey_answers_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_links" ADD CONSTRAINT "survey_links_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_links" ADD CONSTRAINT "survey_links_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "evaluation_boards_period_key" ON "evaluation_boards" USING btree ("scheme_id","period","revision");--> statement-breakpoint
CREATE INDEX "evaluation_boards_campaign_idx" ON "evaluation_boards" USING btree ("campaign_id","peer_group_id");--> statement-breakpoint
CREATE INDEX "evaluation_events_unit_idx" ON "evaluation_events" USING btree ("unit_id","occurred_on");--> statement-breakpoint
CREATE UNIQUE INDEX "evaluation_events_origin_key" ON "evaluation_events" USING btree ("origin","origin_id","unit_id") WHERE "evaluation_events"."origin" <> 'manual';--> statement-breakpoint
CREATE UNIQUE INDEX "evaluation_schemes_active_key" ON "evaluation_schemes" USING btree ("campaign_id","peer_group_id","period_kind") WHERE NOT "evaluation_schemes"."archived";--> statement-breakpoint
CREATE UNIQUE INDEX "evaluation_values_key" ON "evaluation_values" USING btree ("scheme_id","period","unit_id","indicator_id");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_answers_device_key" ON "survey_answers" USING btree ("unit_id","period","device_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_answers_phone_key" ON "survey_answers" USING btree ("unit_id","period","phone_hash") WHERE "survey_answers"."phone_hash" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "survey_answers_address_idx" ON "survey_answers" USING btree ("address_hash","answered_at");--> statement-breakpoint
CREATE INDEX "survey_answers_unit_idx" ON "survey_answers" USING btree ("unit_id","answered_at");--> statement-breakpoint
-- Written by hand. A published board (晾晒) and a scheme version are frozen:
-- triggers refuse UPDATE, DELETE and TRUNCATE even for the owner, and the
-- application role may only read and insert them.
CREATE OR REPLACE FUNCTION evaluation_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is frozen once written (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
--> statement-breakpoint
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['evaluation_boards', 'evaluation_board_results', 'evaluation_board_inputs', 'evaluation_scheme_versions'] LOOP
    EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE OR DELETE ON %I FOR EACH ROW EXECUTE FUNCTION evaluation_refuse_change()', t || '_frozen', t);
    EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION evaluation_refuse_change()', t || '_no_truncate', t);
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'luoshi_app') THEN
      EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON %I FROM luoshi_app', t);
    END IF;
  END LOOP;
END $$;
--> statement-breakpoint
-- 退回重改次数 per period reads the returns of a window without scanning every problem event.
CREATE INDEX "problem_events_return_idx" ON "problem_events" USING btree ("at") INCLUDE ("problem_id") WHERE "action" = 'return';
--> statement-breakpoint
-- The key survey devices, phones and addresses are hashed with (never shown, never exported).
INSERT INTO settings (key, value, updated_at)
VALUES ('survey_salt', to_jsonb(md5(random()::text || clock_timestamp()::text) || md5(random()::text || pg_backend_pid()::text)), now())
ON CONFLICT (key) DO NOTHING;
