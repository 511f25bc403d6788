-- Consent (docs/consent.md): an active form version is the wording participants sign, and signatures,
-- countersignatures, withdrawals and knowledge-check attempts are evidence. None of them is ever rewritten.
-- An active consent form version is frozen: no UPDATE or DELETE by anyone (a draft is still edited, and its
-- activation is the last update it gets). Changes make a new version.
CREATE OR REPLACE FUNCTION trialproof_consent_form_frozen() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.state = 'active' THEN
    RAISE EXCEPTION 'consent form version % is active: % refused (make a new version)', OLD.id, TG_OP
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER consent_form_version_frozen_when_active BEFORE UPDATE OR DELETE ON consent_form_version
  FOR EACH ROW EXECUTE FUNCTION trialproof_consent_form_frozen();
--> statement-breakpoint
CREATE TRIGGER consent_form_version_no_truncate BEFORE TRUNCATE ON consent_form_version
  FOR EACH STATEMENT EXECUTE FUNCTION trialproof_refuse_change();
--> statement-breakpoint
ALTER TABLE consent_form_version ENABLE ALWAYS TRIGGER consent_form_version_frozen_when_active;
--> statement-breakpoint
ALTER TABLE consent_form_version ENABLE ALWAYS TRIGGER consent_form_version_no_truncate;
--> statement-breakpoint
REVOKE TRUNCATE ON consent_form_version FROM trialproof_app;
--> statement-breakpoint
-- Evidence tables are append-only for the application, and the triggers back the grants for every role.
REVOKE UPDATE, DELETE, TRUNCATE ON consent_check_attempt, consent_signature, consent_countersignature, consent_withdrawal FROM trialproof_app;
--> statement-breakpoint
CREATE TRIGGER consent_check_attempt_no_update_delete BEFORE UPDATE OR DELETE ON consent_check_attempt
  FOR EACH ROW EXECUTE FUNCTION trialproof_refuse_change();
--> statement-breakpoint
CREATE TRIGGER consent_check_attempt_no_truncate BEFORE TRUNCATE ON consent_check_attempt
  FOR EACH STATEMENT EXECUTE FUNCTION trialproof_refuse_change();
--> statement-breakpoint
CREATE TRIGGER consent_signature_no_update_delete BEFORE UPDATE OR DELETE ON consent_signature
  FOR EACH ROW EXECUTE FUNCTION trialproof_refuse_change();
--> statement-breakpoint
CREATE TRIGGER consent_signature_no_truncate BEFORE TRUNCATE ON consent_signature
  FOR EACH STATEMENT EXECUTE FUNCTION trialproof_refuse_change();
--> statement-breakpoint
CREATE TRIGGER consent_countersignature_no_update_delete BEFORE UPDATE OR DELETE ON consent_countersignature
  FOR EACH ROW EXECUTE FUNCTION trialproof_refuse_change();
--> statement-breakpoint
CREATE TRIGGER consent_countersignature_no_truncate BEFORE TRUNCATE ON consent_countersignature
  FOR EACH STATEMENT EXECUTE FUNCTION trialproof_refuse_change();
--> statement-breakpoint
CREATE TRIGGER consent_withdrawal_no_update_delete BEFORE UPDATE OR DELETE ON consent_withdrawal
  FOR EACH ROW EXECUTE FUNCTION trialproof_refuse_change();
--> statement-breakpoint
CREATE TRIGGER consent_withdrawal_no_truncate BEFORE TRUNCATE ON consent_withdrawal
  FOR EACH STATEMENT EXECUTE FUNCTION trialproof_refuse_change();
--> statement-breakpoint
ALTER TABLE consent_check_attempt ENABLE ALWAYS TRIGGER consent_check_attempt_no_update_delete;
--> statement-breakpoint
ALTER TABLE consent_check_attempt ENABLE ALWAYS TRIGGER consent_check_attempt_no_truncate;
--> statement-breakpoint
ALTER TABLE consent_signature ENABLE ALWAYS TRIGGER consent_signature_no_update_delete;
--> statement-breakpoint
ALTER TABLE consent_signature ENABLE ALWAYS TRIGGER consent_signature_no_truncate;
--> statement-breakpoint
ALTER TABLE consent_countersignature ENABLE ALWAYS TRIGGER consent_countersignature_no_update_delete;
--> statement-breakpoint
ALTER TABLE consent_countersignature ENABLE ALWAYS TRIGGER consent_countersignature_no_truncate;
--> statement-breakpoint
ALTER TABLE consent_withdrawal ENABLE ALWAYS TRIGGER consent_withdrawal_no_update_delete;
--> statement-breakpoint
ALTER TABLE consent_withdrawal ENABLE ALWAYS TRIGGER consent_withdrawal_no_truncate;
