-- A participant's enrolment, and a participant invitation, now name the trial as well as the site (the next migration
-- makes participant.trial_id required and ties (trial_id, site_org_id) to trial_site). Rows written before that
-- named only the site: they are enrolled in the trial their site takes part in when there is exactly one. Any other
-- legacy participant cannot be placed without a person's decision, so the migration stops and says so rather than
-- guess (a wrong trial would show the pseudonym to that trial's investigators).
UPDATE participant p SET trial_id = ts.trial_id
FROM trial_site ts
WHERE p.trial_id IS NULL
  AND ts.site_org_id = p.site_org_id
  AND (SELECT count(*) FROM trial_site one WHERE one.site_org_id = p.site_org_id) = 1;
--> statement-breakpoint
-- Pending participant invitations likewise; any left without a trial are refused when accepted (the site sends a new one).
UPDATE invitation i SET trial_id = ts.trial_id
FROM trial_site ts
WHERE i.trial_id IS NULL
  AND i.role = 'participant'
  AND i.status = 'pending'
  AND ts.site_org_id = i.organization_id
  AND (SELECT count(*) FROM trial_site one WHERE one.site_org_id = i.organization_id) = 1;
--> statement-breakpoint
DO $$
DECLARE
  unplaced integer;
BEGIN
  SELECT count(*) INTO unplaced FROM participant WHERE trial_id IS NULL;
  IF unplaced > 0 THEN
    RAISE EXCEPTION '% participant(s) are enrolled at a site that takes part in no trial or in several: set participant.trial_id to the trial each was enrolled in (a trial of their site), then start again.', unplaced;
  END IF;
END $$;
