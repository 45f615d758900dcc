-- A change counter for answers kept in memory (server/lib/validated-cache.ts): every
-- statement that changes a table a task list reads advances one sequence, so a kept
-- answer is served again only while the counter stands still. nextval takes no lock
-- that other writers wait for, so writers never queue behind each other here.
CREATE SEQUENCE luoshi_change_seq;
--> statement-breakpoint
CREATE FUNCTION luoshi_note_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM nextval('luoshi_change_seq');
  RETURN NULL;
END
$$;
--> statement-breakpoint
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['tasks', 'reports', 'instructions', 'task_leaders', 'task_cooperators',
    'task_milestones', 'campaigns', 'units', 'people', 'grants', 'settings', 'calendar_days']
  LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I
      FOR EACH STATEMENT EXECUTE FUNCTION luoshi_note_change()', t || '_note_change', t);
  END LOOP;
END
$$;
