-- The seal chain is append-only like the log it seals: the application role may
-- read and add seals, never change or remove them; triggers refuse that even
-- for the owner. The queue of entries awaiting a seal is the sealer's to empty.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'luoshi_app') THEN
    EXECUTE 'REVOKE UPDATE, DELETE, TRUNCATE ON audit_seals FROM luoshi_app';
    EXECUTE 'REVOKE UPDATE, TRUNCATE ON audit_pending FROM luoshi_app';
  END IF;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
--> statement-breakpoint
CREATE TRIGGER audit_seals_no_update_delete BEFORE UPDATE OR DELETE ON audit_seals
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_seals_no_truncate BEFORE TRUNCATE ON audit_seals
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
--> statement-breakpoint
-- Every entry is queued for the sealer by the transaction that inserts it, so
-- a committed entry is always either sealed or queued, whoever wrote it.
CREATE FUNCTION audit_log_queue_for_seal() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO audit_pending (entry_id) VALUES (NEW.id);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER audit_log_queue_for_seal AFTER INSERT ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_queue_for_seal();
--> statement-breakpoint
-- Entries written before seals existed (linked in the legacy chains) are sealed too.
INSERT INTO audit_pending (entry_id, queued_at) SELECT id, now() FROM audit_log ON CONFLICT DO NOTHING;
