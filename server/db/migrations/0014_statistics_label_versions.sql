CREATE TABLE "table_changes" (
	"table_name" text PRIMARY KEY NOT NULL,
	"changed_xid" "xid8" NOT NULL
);--> statement-breakpoint
-- Written by hand: INCLUDE (category_id), so a problem's given categories are an index-only scan (negative lists).
CREATE INDEX "problem_category_links_direct_idx" ON "problem_category_links" USING btree ("problem_id") INCLUDE ("category_id") WHERE "problem_category_links"."direct";--> statement-breakpoint
-- Written by hand: the same key with every column a negative list shows, so measures are an index-only scan.
DROP INDEX "problem_measures_problem_idx";--> statement-breakpoint
CREATE INDEX "problem_measures_problem_idx" ON "problem_measures" USING btree ("problem_id","seq") INCLUDE ("id","text","owner","due_on","done");--> statement-breakpoint
-- Written by hand: the transaction that last changed each table whose names statistics show, once per statement.
CREATE FUNCTION "record_table_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "table_changes" ("table_name", "changed_xid") VALUES (TG_TABLE_NAME, pg_current_xact_id())
  ON CONFLICT ("table_name") DO UPDATE SET "changed_xid" = EXCLUDED."changed_xid";
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "units_record_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "units"
  FOR EACH STATEMENT EXECUTE FUNCTION "record_table_change"();--> statement-breakpoint
CREATE TRIGGER "problem_categories_record_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "problem_categories"
  FOR EACH STATEMENT EXECUTE FUNCTION "record_table_change"();--> statement-breakpoint
CREATE TRIGGER "problem_sources_record_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "problem_sources"
  FOR EACH STATEMENT EXECUTE FUNCTION "record_table_change"();--> statement-breakpoint
CREATE TRIGGER "campaigns_record_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "campaigns"
  FOR EACH STATEMENT EXECUTE FUNCTION "record_table_change"();
