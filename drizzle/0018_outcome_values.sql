CREATE TYPE "public"."outcome_correction_reason" AS ENUM('transcription_error', 'unit_error', 'source_data_verification', 'entered_in_error', 'other');--> statement-breakpoint
CREATE TYPE "public"."outcome_source" AS ENUM('crf', 'ehr', 'device');--> statement-breakpoint
CREATE TABLE "outcome_value" (
	"id" text PRIMARY KEY NOT NULL,
	"participant_id" text NOT NULL,
	"trial_id" text NOT NULL,
	"site_org_id" text NOT NULL,
	"protocol_version" integer NOT NULL,
	"measure" text NOT NULL,
	"visit" text NOT NULL,
	"value" text NOT NULL,
	"unit" text NOT NULL,
	"observed_at" timestamp (3) with time zone NOT NULL,
	"source" "outcome_source" NOT NULL,
	"corrects_id" text,
	"reason" "outcome_correction_reason",
	"reason_text" text,
	"recorded_by" text NOT NULL,
	"recorded_at" timestamp (3) with time zone NOT NULL,
	"leaf_index" bigint NOT NULL,
	"leaf_hash" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "outcome_value" ADD CONSTRAINT "outcome_value_participant_id_participant_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participant"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_value" ADD CONSTRAINT "outcome_value_recorded_by_user_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."user"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_value" ADD CONSTRAINT "outcome_value_corrects_fk" FOREIGN KEY ("corrects_id") REFERENCES "public"."outcome_value"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "outcome_value_original_uq" ON "outcome_value" USING btree ("participant_id","measure","visit") WHERE "outcome_value"."corrects_id" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "outcome_value_corrected_once_uq" ON "outcome_value" USING btree ("corrects_id");--> statement-breakpoint
CREATE INDEX "outcome_value_trial_site_idx" ON "outcome_value" USING btree ("trial_id","site_org_id");