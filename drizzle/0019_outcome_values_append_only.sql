-- Outcome values (docs/outcomes.md#corrections) are evidence: a value is never rewritten or removed, a correction is
-- a new row pointing at the value it corrects. No UPDATE or DELETE for the application, and triggers back the grants
-- for every role, the owner included (ENABLE ALWAYS: also under session_replication_role = replica).
REVOKE UPDATE, DELETE, TRUNCATE ON outcome_value FROM trialproof_app;
--> statement-breakpoint
CREATE TRIGGER outcome_value_no_update_delete BEFORE UPDATE OR DELETE ON outcome_value
  FOR EACH ROW EXECUTE FUNCTION trialproof_refuse_change();
--> statement-breakpoint
CREATE TRIGGER outcome_value_no_truncate BEFORE TRUNCATE ON outcome_value
  FOR EACH STATEMENT EXECUTE FUNCTION trialproof_refuse_change();
--> statement-breakpoint
ALTER TABLE outcome_value ENABLE ALWAYS TRIGGER outcome_value_no_update_delete;
--> statement-breakpoint
ALTER TABLE outcome_value ENABLE ALWAYS TRIGGER outcome_value_no_truncate;
