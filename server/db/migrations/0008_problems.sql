CREATE TABLE "problem_categories" (
	"id" serial PRIMARY KEY NOT NULL,
	"parent_id" integer,
	"code" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"path" text NOT NULL,
	"depth" integer NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "problem_categories_code_key" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "problem_category_links" (
	"problem_id" integer NOT NULL,
	"category_id" integer NOT NULL,
	"direct" boolean NOT NULL,
	CONSTRAINT "problem_category_links_problem_id_category_id_pk" PRIMARY KEY("problem_id","category_id")
);
--> statement-breakpoint
CREATE TABLE "problem_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"problem_id" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" integer,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "problem_evidence" (
	"id" serial PRIMARY KEY NOT NULL,
	"problem_id" integer NOT NULL,
	"text" text NOT NULL,
	"submitted_by" integer NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"decision" text,
	"decided_by" integer,
	"decided_at" timestamp with time zone,
	"reason" text,
	CONSTRAINT "problem_evidence_decision" CHECK ("problem_evidence"."decision" IS NULL OR "problem_evidence"."decision" IN ('closed','returned','dismissed','merged'))
);
--> statement-breakpoint
CREATE TABLE "problem_measures" (
	"id" serial PRIMARY KEY NOT NULL,
	"problem_id" integer NOT NULL,
	"seq" integer NOT NULL,
	"text" text NOT NULL,
	"owner" text NOT NULL,
	"due_on" date NOT NULL,
	"done" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "problem_sources" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"unit_may_record" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "problem_sources_code_key" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "problem_stages" (
	"id" serial PRIMARY KEY NOT NULL,
	"problem_id" integer NOT NULL,
	"due_on" date NOT NULL,
	"title" text NOT NULL,
	"percent" double precision NOT NULL
);
--> statement-breakpoint
CREATE TABLE "problems" (
	"id" serial PRIMARY KEY NOT NULL,
	"campaign_id" integer,
	"description" text NOT NULL,
	"source_id" integer NOT NULL,
	"found_on" date NOT NULL,
	"found_by" text DEFAULT '' NOT NULL,
	"unit_id" integer NOT NULL,
	"person_id" integer,
	"severity" text DEFAULT 'general' NOT NULL,
	"deadline" date NOT NULL,
	"long_term" boolean DEFAULT false NOT NULL,
	"progress" double precision DEFAULT 0 NOT NULL,
	"behind_from" date,
	"status" text DEFAULT 'assigned' NOT NULL,
	"claimed_on" date,
	"closed_at" timestamp with time zone,
	"return_count" integer DEFAULT 0 NOT NULL,
	"rebound_count" integer DEFAULT 0 NOT NULL,
	"claim_count" integer DEFAULT 0 NOT NULL,
	"merged_into_id" integer,
	"self_reported" boolean DEFAULT false NOT NULL,
	"recorded_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "problems_status" CHECK ("problems"."status" IN ('assigned','rectifying','closing_claimed','returned','closed','dismissed','merged')),
	CONSTRAINT "problems_severity" CHECK ("problems"."severity" IN ('general','major','severe')),
	CONSTRAINT "problems_dates" CHECK ("problems"."deadline" >= "problems"."found_on"),
	CONSTRAINT "problems_progress" CHECK ("problems"."progress" BETWEEN 0 AND 100),
	CONSTRAINT "problems_merged" CHECK (("problems"."status" = 'merged') = ("problems"."merged_into_id" IS NOT NULL))
);
--> statement-breakpoint
ALTER TABLE "problem_categories" ADD CONSTRAINT "problem_categories_parent_id_problem_categories_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."problem_categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem_category_links" ADD CONSTRAINT "problem_category_links_problem_id_problems_id_fk" FOREIGN KEY ("problem_id") REFERENCES "public"."problems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem_category_links" ADD CONSTRAINT "problem_category_links_category_id_problem_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."problem_categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem_events" ADD CONSTRAINT "problem_events_problem_id_problems_id_fk" FOREIGN KEY ("problem_id") REFERENCES "public"."problems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem_events" ADD CONSTRAINT "problem_events_actor_id_people_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem_evidence" ADD CONSTRAINT "problem_evidence_problem_id_problems_id_fk" FOREIGN KEY ("problem_id") REFERENCES "public"."problems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem_evidence" ADD CONSTRAINT "problem_evidence_submitted_by_people_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem_evidence" ADD CONSTRAINT "problem_evidence_decided_by_people_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem_measures" ADD CONSTRAINT "problem_measures_problem_id_problems_id_fk" FOREIGN KEY ("problem_id") REFERENCES "public"."problems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem_stages" ADD CONSTRAINT "problem_stages_problem_id_problems_id_fk" FOREIGN KEY ("problem_id") REFERENCES "public"."problems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problems" ADD CONSTRAINT "problems_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problems" ADD CONSTRAINT "problems_source_id_problem_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."problem_sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problems" ADD CONSTRAINT "problems_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problems" ADD CONSTRAINT "problems_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problems" ADD CONSTRAINT "problems_merged_into_id_problems_id_fk" FOREIGN KEY ("merged_into_id") REFERENCES "public"."problems"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problems" ADD CONSTRAINT "problems_recorded_by_people_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "problem_categories_parent_idx" ON "problem_categories" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "problem_category_links_category_idx" ON "problem_category_links" USING btree ("category_id","problem_id");--> statement-breakpoint
CREATE INDEX "problem_events_problem_idx" ON "problem_events" USING btree ("problem_id","id");--> statement-breakpoint
CREATE INDEX "problem_evidence_problem_idx" ON "problem_evidence" USING btree ("problem_id","id");--> statement-breakpoint
CREATE INDEX "problem_measures_problem_idx" ON "problem_measures" USING btree ("problem_id","seq");--> statement-breakpoint
CREATE INDEX "problem_stages_problem_idx" ON "problem_stages" USING btree ("problem_id","due_on");--> statement-breakpoint
-- Written by hand: INCLUDE the columns the statistics read, so a campaign's figures by unit are an index-only scan.
CREATE INDEX "problems_campaign_unit_idx" ON "problems" USING btree ("campaign_id","unit_id") INCLUDE ("status","deadline","claimed_on","behind_from","return_count","rebound_count","source_id","found_on");--> statement-breakpoint
CREATE INDEX "problems_unit_status_idx" ON "problems" USING btree ("unit_id","status");--> statement-breakpoint
CREATE INDEX "problems_source_idx" ON "problems" USING btree ("source_id");--> statement-breakpoint
CREATE INDEX "problems_found_on_idx" ON "problems" USING btree ("found_on");--> statement-breakpoint
CREATE INDEX "problems_open_deadline_idx" ON "problems" USING btree ("deadline") WHERE "problems"."status" IN ('assigned','rectifying','returned','closing_claimed');--> statement-breakpoint
CREATE INDEX "problems_merged_into_idx" ON "problems" USING btree ("merged_into_id") WHERE "problems"."merged_into_id" IS NOT NULL;--> statement-breakpoint
-- The default problem sources (八张问题清单 and the other channels) and category tree,
-- as listed in domain/problems/problem-defaults.ts (a test checks they agree).
INSERT INTO "problem_sources" ("code", "name_zh", "name_en", "sort", "unit_may_record") VALUES
  ('inspection_tour', '巡视', 'Inspection tours', 10, false),
  ('supervision', '督查', 'Supervision', 20, false),
  ('audit', '审计', 'Audit', 30, false),
  ('environment', '生态环保督察', 'Environmental inspection', 40, false),
  ('online_opinion', '网络舆情', 'Online opinion', 50, false),
  ('safety', '安全生产和自然灾害', 'Work safety and natural disasters', 60, false),
  ('petition', '群众信访', 'Petitions', 70, false),
  ('stability', '平安稳定', 'Public safety and stability', 80, false),
  ('self_inspection', '自查自纠', 'Self-inspection', 90, true),
  ('unannounced_visit', '明察暗访', 'Unannounced visits', 100, false),
  ('public_report', '群众举报', 'Public reports', 110, false),
  ('grid_report', '网格上报', 'Grid reports', 120, false);
--> statement-breakpoint
WITH n AS (SELECT nextval(pg_get_serial_sequence('problem_categories', 'id'))::int AS id)
INSERT INTO "problem_categories" ("id", "parent_id", "code", "name_zh", "name_en", "path", "depth", "sort")
SELECT n.id, NULL, 'four_plights', '四困', 'The four plights', '/' || n.id || '/', 0, 10 FROM n;
--> statement-breakpoint
WITH n AS (SELECT nextval(pg_get_serial_sequence('problem_categories', 'id'))::int AS id)
INSERT INTO "problem_categories" ("id", "parent_id", "code", "name_zh", "name_en", "path", "depth", "sort")
SELECT n.id, (SELECT "id" FROM "problem_categories" WHERE "code" = 'four_plights'), 'lying_flat', '躺平', 'Lying flat', (SELECT "path" FROM "problem_categories" WHERE "code" = 'four_plights') || n.id || '/', 1, 10 FROM n;
--> statement-breakpoint
WITH n AS (SELECT nextval(pg_get_serial_sequence('problem_categories', 'id'))::int AS id)
INSERT INTO "problem_categories" ("id", "parent_id", "code", "name_zh", "name_en", "path", "depth", "sort")
SELECT n.id, (SELECT "id" FROM "problem_categories" WHERE "code" = 'lying_flat'), 'lying_flat_content', '安于现状、不思进取', 'Content with things as they are', (SELECT "path" FROM "problem_categories" WHERE "code" = 'lying_flat') || n.id || '/', 2, 10 FROM n;
--> statement-breakpoint
WITH n AS (SELECT nextval(pg_get_serial_sequence('problem_categories', 'id'))::int AS id)
INSERT INTO "problem_categories" ("id", "parent_id", "code", "name_zh", "name_en", "path", "depth", "sort")
SELECT n.id, (SELECT "id" FROM "problem_categories" WHERE "code" = 'lying_flat'), 'lying_flat_passive', '推一推动一动、不推不动', 'Moves only when pushed', (SELECT "path" FROM "problem_categories" WHERE "code" = 'lying_flat') || n.id || '/', 2, 20 FROM n;
--> statement-breakpoint
WITH n AS (SELECT nextval(pg_get_serial_sequence('problem_categories', 'id'))::int AS id)
INSERT INTO "problem_categories" ("id", "parent_id", "code", "name_zh", "name_en", "path", "depth", "sort")
SELECT n.id, (SELECT "id" FROM "problem_categories" WHERE "code" = 'four_plights'), 'holding_on', '守成', 'Merely holding on', (SELECT "path" FROM "problem_categories" WHERE "code" = 'four_plights') || n.id || '/', 1, 20 FROM n;
--> statement-breakpoint
WITH n AS (SELECT nextval(pg_get_serial_sequence('problem_categories', 'id'))::int AS id)
INSERT INTO "problem_categories" ("id", "parent_id", "code", "name_zh", "name_en", "path", "depth", "sort")
SELECT n.id, (SELECT "id" FROM "problem_categories" WHERE "code" = 'holding_on'), 'holding_on_old_ways', '因循守旧、不敢创新', 'Sticks to old ways', (SELECT "path" FROM "problem_categories" WHERE "code" = 'holding_on') || n.id || '/', 2, 10 FROM n;
--> statement-breakpoint
WITH n AS (SELECT nextval(pg_get_serial_sequence('problem_categories', 'id'))::int AS id)
INSERT INTO "problem_categories" ("id", "parent_id", "code", "name_zh", "name_en", "path", "depth", "sort")
SELECT n.id, (SELECT "id" FROM "problem_categories" WHERE "code" = 'holding_on'), 'holding_on_good_enough', '满足于过得去、不求过得硬', 'Satisfied with "good enough"', (SELECT "path" FROM "problem_categories" WHERE "code" = 'holding_on') || n.id || '/', 2, 20 FROM n;
--> statement-breakpoint
WITH n AS (SELECT nextval(pg_get_serial_sequence('problem_categories', 'id'))::int AS id)
INSERT INTO "problem_categories" ("id", "parent_id", "code", "name_zh", "name_en", "path", "depth", "sort")
SELECT n.id, (SELECT "id" FROM "problem_categories" WHERE "code" = 'four_plights'), 'fearing_difficulty', '畏难', 'Fearing difficulty', (SELECT "path" FROM "problem_categories" WHERE "code" = 'four_plights') || n.id || '/', 1, 30 FROM n;
--> statement-breakpoint
WITH n AS (SELECT nextval(pg_get_serial_sequence('problem_categories', 'id'))::int AS id)
INSERT INTO "problem_categories" ("id", "parent_id", "code", "name_zh", "name_en", "path", "depth", "sort")
SELECT n.id, (SELECT "id" FROM "problem_categories" WHERE "code" = 'fearing_difficulty'), 'fearing_detour', '遇到困难绕道走', 'Goes around difficulties', (SELECT "path" FROM "problem_categories" WHERE "code" = 'fearing_difficulty') || n.id || '/', 2, 10 FROM n;
--> statement-breakpoint
WITH n AS (SELECT nextval(pg_get_serial_sequence('problem_categories', 'id'))::int AS id)
INSERT INTO "problem_categories" ("id", "parent_id", "code", "name_zh", "name_en", "path", "depth", "sort")
SELECT n.id, (SELECT "id" FROM "problem_categories" WHERE "code" = 'fearing_difficulty'), 'fearing_hard_cases', '不敢碰硬、不愿担责', 'Avoids hard cases and responsibility', (SELECT "path" FROM "problem_categories" WHERE "code" = 'fearing_difficulty') || n.id || '/', 2, 20 FROM n;
--> statement-breakpoint
WITH n AS (SELECT nextval(pg_get_serial_sequence('problem_categories', 'id'))::int AS id)
INSERT INTO "problem_categories" ("id", "parent_id", "code", "name_zh", "name_en", "path", "depth", "sort")
SELECT n.id, (SELECT "id" FROM "problem_categories" WHERE "code" = 'four_plights'), 'nice_guy', '好人', 'Being a "nice guy"', (SELECT "path" FROM "problem_categories" WHERE "code" = 'four_plights') || n.id || '/', 1, 40 FROM n;
--> statement-breakpoint
WITH n AS (SELECT nextval(pg_get_serial_sequence('problem_categories', 'id'))::int AS id)
INSERT INTO "problem_categories" ("id", "parent_id", "code", "name_zh", "name_en", "path", "depth", "sort")
SELECT n.id, (SELECT "id" FROM "problem_categories" WHERE "code" = 'nice_guy'), 'nice_guy_no_offence', '怕得罪人、不敢较真', 'Afraid to offend anyone', (SELECT "path" FROM "problem_categories" WHERE "code" = 'nice_guy') || n.id || '/', 2, 10 FROM n;
--> statement-breakpoint
WITH n AS (SELECT nextval(pg_get_serial_sequence('problem_categories', 'id'))::int AS id)
INSERT INTO "problem_categories" ("id", "parent_id", "code", "name_zh", "name_en", "path", "depth", "sort")
SELECT n.id, (SELECT "id" FROM "problem_categories" WHERE "code" = 'nice_guy'), 'nice_guy_no_criticism', '批评与自我批评不开展', 'No criticism or self-criticism', (SELECT "path" FROM "problem_categories" WHERE "code" = 'nice_guy') || n.id || '/', 2, 20 FROM n;
--> statement-breakpoint
WITH n AS (SELECT nextval(pg_get_serial_sequence('problem_categories', 'id'))::int AS id)
INSERT INTO "problem_categories" ("id", "parent_id", "code", "name_zh", "name_en", "path", "depth", "sort")
SELECT n.id, NULL, 'inaction', '不作为、慢作为、乱作为', 'Inaction, slow action, wrong action', '/' || n.id || '/', 0, 20 FROM n;
--> statement-breakpoint
WITH n AS (SELECT nextval(pg_get_serial_sequence('problem_categories', 'id'))::int AS id)
INSERT INTO "problem_categories" ("id", "parent_id", "code", "name_zh", "name_en", "path", "depth", "sort")
SELECT n.id, (SELECT "id" FROM "problem_categories" WHERE "code" = 'inaction'), 'inaction_none', '不作为', 'Inaction', (SELECT "path" FROM "problem_categories" WHERE "code" = 'inaction') || n.id || '/', 1, 10 FROM n;
--> statement-breakpoint
WITH n AS (SELECT nextval(pg_get_serial_sequence('problem_categories', 'id'))::int AS id)
INSERT INTO "problem_categories" ("id", "parent_id", "code", "name_zh", "name_en", "path", "depth", "sort")
SELECT n.id, (SELECT "id" FROM "problem_categories" WHERE "code" = 'inaction'), 'inaction_slow', '慢作为', 'Slow action', (SELECT "path" FROM "problem_categories" WHERE "code" = 'inaction') || n.id || '/', 1, 20 FROM n;
--> statement-breakpoint
WITH n AS (SELECT nextval(pg_get_serial_sequence('problem_categories', 'id'))::int AS id)
INSERT INTO "problem_categories" ("id", "parent_id", "code", "name_zh", "name_en", "path", "depth", "sort")
SELECT n.id, (SELECT "id" FROM "problem_categories" WHERE "code" = 'inaction'), 'inaction_wrong', '乱作为', 'Wrong action', (SELECT "path" FROM "problem_categories" WHERE "code" = 'inaction') || n.id || '/', 1, 30 FROM n;
--> statement-breakpoint
WITH n AS (SELECT nextval(pg_get_serial_sequence('problem_categories', 'id'))::int AS id)
INSERT INTO "problem_categories" ("id", "parent_id", "code", "name_zh", "name_en", "path", "depth", "sort")
SELECT n.id, NULL, 'mediocre_lazy', '庸懒散拖', 'Mediocre, lazy, lax, dilatory', '/' || n.id || '/', 0, 30 FROM n;
--> statement-breakpoint
WITH n AS (SELECT nextval(pg_get_serial_sequence('problem_categories', 'id'))::int AS id)
INSERT INTO "problem_categories" ("id", "parent_id", "code", "name_zh", "name_en", "path", "depth", "sort")
SELECT n.id, NULL, 'formalism', '形式主义、官僚主义', 'Formalism and bureaucratism', '/' || n.id || '/', 0, 40 FROM n;
--> statement-breakpoint
WITH n AS (SELECT nextval(pg_get_serial_sequence('problem_categories', 'id'))::int AS id)
INSERT INTO "problem_categories" ("id", "parent_id", "code", "name_zh", "name_en", "path", "depth", "sort")
SELECT n.id, (SELECT "id" FROM "problem_categories" WHERE "code" = 'formalism'), 'formalism_form', '形式主义', 'Formalism', (SELECT "path" FROM "problem_categories" WHERE "code" = 'formalism') || n.id || '/', 1, 10 FROM n;
--> statement-breakpoint
WITH n AS (SELECT nextval(pg_get_serial_sequence('problem_categories', 'id'))::int AS id)
INSERT INTO "problem_categories" ("id", "parent_id", "code", "name_zh", "name_en", "path", "depth", "sort")
SELECT n.id, (SELECT "id" FROM "problem_categories" WHERE "code" = 'formalism'), 'formalism_bureaucracy', '官僚主义', 'Bureaucratism', (SELECT "path" FROM "problem_categories" WHERE "code" = 'formalism') || n.id || '/', 1, 20 FROM n;
