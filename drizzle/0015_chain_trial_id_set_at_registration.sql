ALTER TABLE "log" ALTER COLUMN "chain_trial_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "log" ADD COLUMN "chain_sponsor" text;--> statement-breakpoint
-- The chain trial id is derived from the registering wallet (docs/ledger.md#trial-ids), so it is known only once the
-- log is registered on chain. Ids derived by the earlier contract named no wallet: they are cleared, and such logs
-- are registered again on a TrialLedger that derives them.
UPDATE log SET chain_trial_id = NULL;
--> statement-breakpoint
-- The head only grows, and its chain trial id and sponsor are set once and never changed.
CREATE OR REPLACE FUNCTION trialproof_log_head_grows() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.size < OLD.size OR NEW.id <> OLD.id
     OR (OLD.chain_trial_id IS NOT NULL AND NEW.chain_trial_id IS DISTINCT FROM OLD.chain_trial_id)
     OR (OLD.chain_sponsor IS NOT NULL AND NEW.chain_sponsor IS DISTINCT FROM OLD.chain_sponsor)
     OR ((NEW.chain_trial_id IS NULL) <> (NEW.chain_sponsor IS NULL)) THEN
    RAISE EXCEPTION 'log head % may only grow', OLD.id USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
