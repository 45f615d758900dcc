-- A change counter for answers about problems kept in memory (server/lib/validated-cache.ts), e.g. a unit's
-- negative list: every statement that changes a table those answers read advances one sequence, so a kept answer
-- is served again only while the counter stands still. Kept apart from luoshi_change_seq (task lists), so that
-- problem work does not make task lists compute again, nor the other way round. nextval takes no lock that other
-- writers wait for.
CREATE SEQUENCE luoshi_problem_change_seq;
--> statement-breakpoint
CREATE FUNCTION luoshi_note_problem_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM nextval('luoshi_problem_change_seq');
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- Units and people are read by both kinds of answer: their one trigger advances both counters (one trigger call
-- per statement, not two, on the tables every sign-in and every rename writes).
CREATE FUNCTION luoshi_note_shared_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM nextval('luoshi_change_seq');
  PERFORM nextval('luoshi_problem_change_seq');
  RETURN NULL;
END
$$;
--> statement-breakpoint
DROP TRIGGER units_note_change ON units;
--> statement-breakpoint
DROP TRIGGER people_note_change ON people;
--> statement-breakpoint
CREATE TRIGGER units_note_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON units
  FOR EACH STATEMENT EXECUTE FUNCTION luoshi_note_shared_change();
--> statement-breakpoint
CREATE TRIGGER people_note_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON people
  FOR EACH STATEMENT EXECUTE FUNCTION luoshi_note_shared_change();
--> statement-breakpoint
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['problems', 'problem_measures', 'problem_category_links', 'problem_categories',
    'problem_sources']
  LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I
      FOR EACH STATEMENT EXECUTE FUNCTION luoshi_note_problem_change()', t || '_note_problem_change', t);
  END LOOP;
END
$$;
