-- A participant's questions to the study team and the answers (docs/consent.md#questions-to-the-study-team) are a
-- thread that is kept as written: no message is edited or deleted. The application may only read and add (the default
-- privileges of drizzle/0003 gave it UPDATE and DELETE too), and triggers back the grants for every role, the owner
-- included (ENABLE ALWAYS: also under session_replication_role = replica). The length limit of the request schema is
-- repeated here so that no path stores an empty or oversized message.
ALTER TABLE consent_question_message ADD CONSTRAINT consent_question_message_body_length CHECK (char_length(btrim(body)) BETWEEN 1 AND 4000);
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON consent_question_message FROM trialproof_app;
--> statement-breakpoint
CREATE TRIGGER consent_question_message_no_update_delete BEFORE UPDATE OR DELETE ON consent_question_message
  FOR EACH ROW EXECUTE FUNCTION trialproof_refuse_change();
--> statement-breakpoint
CREATE TRIGGER consent_question_message_no_truncate BEFORE TRUNCATE ON consent_question_message
  FOR EACH STATEMENT EXECUTE FUNCTION trialproof_refuse_change();
--> statement-breakpoint
ALTER TABLE consent_question_message ENABLE ALWAYS TRIGGER consent_question_message_no_update_delete;
--> statement-breakpoint
ALTER TABLE consent_question_message ENABLE ALWAYS TRIGGER consent_question_message_no_truncate;
