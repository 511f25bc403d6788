-- Investigators see only the trials they are assigned to at their site (trial_site_investigator). An investigator who
-- joined through a sponsor's invitation before assignments existed keeps the trial that invitation named, and
-- nothing more: membership of a site organization no longer opens the rosters of every trial held there.
INSERT INTO trial_site_investigator (trial_id, site_org_id, user_id, invitation_id, created_at, created_by)
SELECT i.trial_id, i.organization_id, i.accepted_user_id, i.id, coalesce(i.accepted_at, now()), i.invited_by
FROM invitation i
WHERE i.role = 'investigator'
  AND i.status = 'accepted'
  AND i.trial_id IS NOT NULL
  AND i.accepted_user_id IS NOT NULL
ON CONFLICT DO NOTHING;
