-- The statement that inserts an audit entry now queues it for the sealer itself
-- (audit repository: INSERT … RETURNING id, then INSERT INTO audit_pending in
-- the same statement), which costs less than a row trigger on every write. The
-- trigger would queue each entry a second time, so it goes.
DROP TRIGGER IF EXISTS audit_log_queue_for_seal ON audit_log;
--> statement-breakpoint
DROP FUNCTION IF EXISTS audit_log_queue_for_seal();
