CREATE TYPE "public"."anchoring_alarm_kind" AS ENUM('gas_budget_exhausted', 'anchorer_changed');--> statement-breakpoint
CREATE TABLE "anchoring_alarm" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" "anchoring_alarm_kind" NOT NULL,
	"chain_id" integer NOT NULL,
	"contract" text NOT NULL,
	"anchorer" text NOT NULL,
	"trial_id" text,
	"log_id" text NOT NULL,
	"detail" text NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"opened_log_index" bigint,
	"resolved_at" timestamp with time zone,
	"resolution" text,
	"resolved_log_index" bigint
);
--> statement-breakpoint
ALTER TABLE "anchoring_alarm" ADD CONSTRAINT "anchoring_alarm_trial_id_trial_id_fk" FOREIGN KEY ("trial_id") REFERENCES "public"."trial"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "anchoring_alarm" ADD CONSTRAINT "anchoring_alarm_log_id_log_id_fk" FOREIGN KEY ("log_id") REFERENCES "public"."log"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "anchoring_alarm_open_uq" ON "anchoring_alarm" USING btree ("kind","chain_id","contract","anchorer","log_id") WHERE resolved_at is null;--> statement-breakpoint
CREATE INDEX "anchoring_alarm_trial_idx" ON "anchoring_alarm" USING btree ("trial_id","opened_at");--> statement-breakpoint
CREATE INDEX "anchor_batch_anchorer_day_idx" ON "anchor_batch" USING btree ("chain_id","anchorer","created_at");