-- A registered trial's status is its recruitment status (lib/vocabulary/trial-status.ts): the two values that were
-- other names for recruitment statuses take the recruitment status's name. Renaming keeps every row's value.
ALTER TYPE "public"."trial_status" RENAME VALUE 'registered' TO 'not_yet_recruiting';--> statement-breakpoint
ALTER TYPE "public"."trial_status" RENAME VALUE 'active' TO 'active_not_recruiting';
