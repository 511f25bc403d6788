-- The application's own database role. The app connects as (or SET ROLE to) trialproof_app, which may
-- append to the log but never rewrite it; migrations run as the owner.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'trialproof_app') THEN
    CREATE ROLE trialproof_app NOLOGIN;
  END IF;
END
$$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO trialproof_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO trialproof_app;
--> statement-breakpoint
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO trialproof_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO trialproof_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO trialproof_app;
--> statement-breakpoint
-- Append-only tables: no UPDATE, DELETE or TRUNCATE for the application, whatever a bug or an attacker
-- with the app's credentials tries.
REVOKE UPDATE, DELETE, TRUNCATE ON log_leaf, log_node, log_envelope, audit_event FROM trialproof_app;
--> statement-breakpoint
REVOKE DELETE, TRUNCATE ON log FROM trialproof_app;
--> statement-breakpoint
-- Triggers back the grants for every role, the owner included (ENABLE ALWAYS: also under replication role).
CREATE TRIGGER log_leaf_no_update_delete BEFORE UPDATE OR DELETE ON log_leaf
  FOR EACH ROW EXECUTE FUNCTION trialproof_refuse_change();
--> statement-breakpoint
CREATE TRIGGER log_leaf_no_truncate BEFORE TRUNCATE ON log_leaf
  FOR EACH STATEMENT EXECUTE FUNCTION trialproof_refuse_change();
--> statement-breakpoint
CREATE TRIGGER log_node_no_update_delete BEFORE UPDATE OR DELETE ON log_node
  FOR EACH ROW EXECUTE FUNCTION trialproof_refuse_change();
--> statement-breakpoint
CREATE TRIGGER log_node_no_truncate BEFORE TRUNCATE ON log_node
  FOR EACH STATEMENT EXECUTE FUNCTION trialproof_refuse_change();
--> statement-breakpoint
CREATE TRIGGER log_envelope_no_update BEFORE UPDATE ON log_envelope
  FOR EACH ROW EXECUTE FUNCTION trialproof_refuse_change();
--> statement-breakpoint
CREATE TRIGGER log_envelope_no_truncate BEFORE TRUNCATE ON log_envelope
  FOR EACH STATEMENT EXECUTE FUNCTION trialproof_refuse_change();
--> statement-breakpoint
-- An envelope may be deleted only by the erasure function below (lawful erasure keeps the leaf hash).
CREATE OR REPLACE FUNCTION trialproof_refuse_envelope_delete() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(current_setting('trialproof.erasure', true), '') = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'table log_envelope is append-only: DELETE refused (use erasure)'
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER log_envelope_delete_only_by_erasure BEFORE DELETE ON log_envelope
  FOR EACH ROW EXECUTE FUNCTION trialproof_refuse_envelope_delete();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION trialproof_erase_subject(p_subject text) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  erased integer;
BEGIN
  PERFORM set_config('trialproof.erasure', 'on', true);
  DELETE FROM log_envelope e USING log_leaf l
    WHERE l.log_id = e.log_id AND l.idx = e.idx AND l.subject = p_subject;
  GET DIAGNOSTICS erased = ROW_COUNT;
  PERFORM set_config('trialproof.erasure', 'off', true);
  RETURN erased;
END;
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION trialproof_erase_subject(text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION trialproof_erase_subject(text) TO trialproof_app;
--> statement-breakpoint
-- The head only grows.
CREATE OR REPLACE FUNCTION trialproof_log_head_grows() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.size < OLD.size OR NEW.id <> OLD.id OR NEW.chain_trial_id <> OLD.chain_trial_id THEN
    RAISE EXCEPTION 'log head % may only grow', OLD.id USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER log_head_grows BEFORE UPDATE ON log
  FOR EACH ROW EXECUTE FUNCTION trialproof_log_head_grows();
--> statement-breakpoint
ALTER TABLE log_leaf ENABLE ALWAYS TRIGGER log_leaf_no_update_delete;
--> statement-breakpoint
ALTER TABLE log_leaf ENABLE ALWAYS TRIGGER log_leaf_no_truncate;
--> statement-breakpoint
ALTER TABLE log_node ENABLE ALWAYS TRIGGER log_node_no_update_delete;
--> statement-breakpoint
ALTER TABLE log_node ENABLE ALWAYS TRIGGER log_node_no_truncate;
--> statement-breakpoint
ALTER TABLE log_envelope ENABLE ALWAYS TRIGGER log_envelope_no_update;
--> statement-breakpoint
ALTER TABLE log_envelope ENABLE ALWAYS TRIGGER log_envelope_no_truncate;
--> statement-breakpoint
ALTER TABLE log_envelope ENABLE ALWAYS TRIGGER log_envelope_delete_only_by_erasure;
--> statement-breakpoint
ALTER TABLE log ENABLE ALWAYS TRIGGER log_head_grows;
