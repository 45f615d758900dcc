CREATE TABLE "table_changes" (
	"table_name" text PRIMARY KEY NOT NULL,
	"changed_xid" "xid8" NOT NULL
);--> statement-breakpoint
ALTER TABLE "problems" ADD COLUMN "changed_xid" "xid8" DEFAULT pg_current_xact_id() NOT NULL;--> statement-breakpoint
CREATE INDEX "problems_campaign_changed_idx" ON "problems" USING btree ("campaign_id","changed_xid");--> statement-breakpoint
-- Written by hand: INCLUDE (category_id), so a problem's given categories are an index-only scan (negative lists).
CREATE INDEX "problem_category_links_direct_idx" ON "problem_category_links" USING btree ("problem_id") INCLUDE ("category_id") WHERE "problem_category_links"."direct";--> statement-breakpoint
-- Written by hand: the same key with every column a negative list shows, so measures are an index-only scan.
DROP INDEX "problem_measures_problem_idx";--> statement-breakpoint
CREATE INDEX "problem_measures_problem_idx" ON "problem_measures" USING btree ("problem_id","seq") INCLUDE ("id","text","owner","due_on","done");--> statement-breakpoint
-- Written by hand: every insert or update of a problem records its transaction, whatever writes it (the
-- statistics cache asks whether a problem changed that its snapshot did not see), and so does a change of
-- a problem's category links (once per statement, for the problems it touched).
CREATE FUNCTION "problems_record_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.changed_xid := pg_current_xact_id();
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER "problems_changed_xid" BEFORE INSERT OR UPDATE ON "problems"
  FOR EACH ROW EXECUTE FUNCTION "problems_record_change"();--> statement-breakpoint
CREATE FUNCTION "problem_category_links_record_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "problems" SET "changed_xid" = pg_current_xact_id()
   WHERE "id" IN (SELECT "problem_id" FROM "changed_links");
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "problem_category_links_inserted" AFTER INSERT ON "problem_category_links"
  REFERENCING NEW TABLE AS "changed_links" FOR EACH STATEMENT EXECUTE FUNCTION "problem_category_links_record_change"();--> statement-breakpoint
CREATE TRIGGER "problem_category_links_deleted" AFTER DELETE ON "problem_category_links"
  REFERENCING OLD TABLE AS "changed_links" FOR EACH STATEMENT EXECUTE FUNCTION "problem_category_links_record_change"();--> statement-breakpoint
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
