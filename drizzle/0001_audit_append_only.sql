-- The audit trail is append-only: corrections are new rows, never edits.
-- Triggers fire for every role (ENABLE ALWAYS also covers session_replication_role = replica).
CREATE OR REPLACE FUNCTION trialproof_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'table % is append-only: % refused', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_event_no_update_delete
  BEFORE UPDATE OR DELETE ON audit_event
  FOR EACH ROW EXECUTE FUNCTION trialproof_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_event_no_truncate
  BEFORE TRUNCATE ON audit_event
  FOR EACH STATEMENT EXECUTE FUNCTION trialproof_refuse_change();
--> statement-breakpoint
ALTER TABLE audit_event ENABLE ALWAYS TRIGGER audit_event_no_update_delete;
--> statement-breakpoint
ALTER TABLE audit_event ENABLE ALWAYS TRIGGER audit_event_no_truncate;
