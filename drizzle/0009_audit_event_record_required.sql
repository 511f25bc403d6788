-- Every audit row names the log record of the change it describes (written together by recordDomainChange).
-- NOT VALID: rows written before audit rows named their record stay as they are (the table is append-only, so they
-- cannot be completed); every new row is checked.
ALTER TABLE audit_event ADD CONSTRAINT audit_event_names_its_record
  CHECK (log_id IS NOT NULL AND log_index IS NOT NULL) NOT VALID;
--> statement-breakpoint
-- The new columns are covered by the table-level refusals of 0001 and 0003 (triggers fire for any column, and the
-- application role has no UPDATE, DELETE or TRUNCATE on the table). Restated so this migration alone says so.
REVOKE UPDATE, DELETE, TRUNCATE ON audit_event FROM trialproof_app;
