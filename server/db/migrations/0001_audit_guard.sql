-- The application's own role. Luoshi connects as the migrating user and runs
-- with `role=luoshi_app`, so it has only the privileges granted here. Where the
-- migrating user cannot create roles (some managed servers), the triggers below
-- still keep the audit log append-only.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'luoshi_app') THEN
    BEGIN
      CREATE ROLE luoshi_app NOLOGIN;
    EXCEPTION WHEN insufficient_privilege THEN
      RAISE NOTICE 'cannot create role luoshi_app; relying on triggers only';
    END;
  END IF;
END $$;
--> statement-breakpoint
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'luoshi_app') THEN
    EXECUTE 'GRANT USAGE ON SCHEMA public TO luoshi_app';
    EXECUTE 'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO luoshi_app';
    EXECUTE 'GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO luoshi_app';
    EXECUTE 'ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO luoshi_app';
    EXECUTE 'ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO luoshi_app';
    EXECUTE 'REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM luoshi_app';
    EXECUTE 'REVOKE DELETE, TRUNCATE ON audit_chains FROM luoshi_app';
    IF EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'drizzle') THEN
      EXECUTE 'GRANT USAGE ON SCHEMA drizzle TO luoshi_app';
      EXECUTE 'GRANT SELECT ON ALL TABLES IN SCHEMA drizzle TO luoshi_app';
    END IF;
  END IF;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
--> statement-breakpoint
-- Sixteen independent chains: a writer locks any free head (SKIP LOCKED), so
-- audited writes do not queue behind one lock.
INSERT INTO audit_chains (id, seq, head_hash)
SELECT g, 0, repeat('0', 64) FROM generate_series(1, 16) AS g;
--> statement-breakpoint
INSERT INTO unit_types (code, name_zh, name_en, sort) VALUES
  ('region', '区县', 'District', 1),
  ('department', '区级部门', 'District department', 2),
  ('town', '乡镇', 'Town', 3),
  ('street', '街道', 'Street', 4),
  ('soe', '国有企业', 'State-owned enterprise', 5),
  ('stationed', '驻区单位', 'Stationed unit', 6),
  ('village', '村', 'Village', 7),
  ('community', '社区', 'Community', 8);
--> statement-breakpoint
INSERT INTO peer_groups (code, name_zh, name_en, sort) VALUES
  ('departments', '区级部门赛道', 'Departments', 1),
  ('towns', '乡镇街道赛道', 'Towns and streets', 2);
