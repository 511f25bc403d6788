CREATE TYPE "public"."consent_form_state" AS ENUM('draft', 'active');--> statement-breakpoint
CREATE TYPE "public"."consent_signer" AS ENUM('participant', 'representative');--> statement-breakpoint
CREATE TYPE "public"."consent_identity_check" AS ENUM('in_person_id', 'video_call', 'other');--> statement-breakpoint
CREATE TYPE "public"."consent_withdrawal_scope" AS ENUM('all', 'data_collection', 'choice');--> statement-breakpoint
CREATE TABLE "consent_check_attempt" (
	"id" text PRIMARY KEY NOT NULL,
	"participant_id" text NOT NULL,
	"form_version_id" text NOT NULL,
	"answers" jsonb NOT NULL,
	"score" integer NOT NULL,
	"passed" boolean NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consent_countersignature" (
	"id" text PRIMARY KEY NOT NULL,
	"signature_id" text NOT NULL,
	"participant_id" text NOT NULL,
	"user_id" text NOT NULL,
	"identity_check" "consent_identity_check" NOT NULL,
	"identity_check_note" text,
	"name" text NOT NULL,
	"signed_at" timestamp with time zone NOT NULL,
	"meaning" text NOT NULL,
	"salt" text NOT NULL,
	"manifestation" text NOT NULL,
	"leaf_index" bigint NOT NULL,
	"leaf_hash" text NOT NULL,
	CONSTRAINT "consent_countersignature_signature_id_unique" UNIQUE("signature_id")
);
--> statement-breakpoint
CREATE TABLE "consent_form_version" (
	"id" text PRIMARY KEY NOT NULL,
	"form_id" text NOT NULL,
	"version" integer NOT NULL,
	"trial_id" text NOT NULL,
	"protocol_version" integer NOT NULL,
	"language" text NOT NULL,
	"title" text NOT NULL,
	"content" jsonb NOT NULL,
	"state" "consent_form_state" DEFAULT 'draft' NOT NULL,
	"ethics_approval" jsonb,
	"sites" jsonb,
	"leaf_index" bigint,
	"leaf_hash" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text NOT NULL,
	"activated_at" timestamp with time zone,
	"activated_by" text
);
--> statement-breakpoint
CREATE TABLE "consent_reading_progress" (
	"participant_id" text NOT NULL,
	"form_version_id" text NOT NULL,
	"section_index" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consent_reading_progress_participant_id_form_version_id_pk" PRIMARY KEY("participant_id","form_version_id")
);
--> statement-breakpoint
CREATE TABLE "consent_signature" (
	"id" text PRIMARY KEY NOT NULL,
	"participant_id" text NOT NULL,
	"form_version_id" text NOT NULL,
	"user_id" text NOT NULL,
	"signer" "consent_signer" NOT NULL,
	"relationship" text,
	"witness_name" text,
	"attempt_id" text NOT NULL,
	"choices" jsonb NOT NULL,
	"name" text NOT NULL,
	"signed_at" timestamp with time zone NOT NULL,
	"meaning" text NOT NULL,
	"salt" text NOT NULL,
	"manifestation" text NOT NULL,
	"leaf_index" bigint NOT NULL,
	"leaf_hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consent_withdrawal" (
	"id" text PRIMARY KEY NOT NULL,
	"signature_id" text NOT NULL,
	"participant_id" text NOT NULL,
	"user_id" text NOT NULL,
	"scope" "consent_withdrawal_scope" NOT NULL,
	"choice_id" text,
	"reason" text,
	"withdrawn_at" timestamp with time zone NOT NULL,
	"leaf_index" bigint NOT NULL,
	"leaf_hash" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "consent_check_attempt" ADD CONSTRAINT "consent_check_attempt_participant_id_participant_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participant"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_check_attempt" ADD CONSTRAINT "consent_check_attempt_form_version_id_consent_form_version_id_fk" FOREIGN KEY ("form_version_id") REFERENCES "public"."consent_form_version"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_countersignature" ADD CONSTRAINT "consent_countersignature_signature_id_consent_signature_id_fk" FOREIGN KEY ("signature_id") REFERENCES "public"."consent_signature"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_countersignature" ADD CONSTRAINT "consent_countersignature_participant_id_participant_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participant"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_countersignature" ADD CONSTRAINT "consent_countersignature_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_form_version" ADD CONSTRAINT "consent_form_version_trial_id_trial_id_fk" FOREIGN KEY ("trial_id") REFERENCES "public"."trial"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_form_version" ADD CONSTRAINT "consent_form_version_created_by_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_form_version" ADD CONSTRAINT "consent_form_version_updated_by_user_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."user"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_form_version" ADD CONSTRAINT "consent_form_version_activated_by_user_id_fk" FOREIGN KEY ("activated_by") REFERENCES "public"."user"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_reading_progress" ADD CONSTRAINT "consent_reading_progress_participant_id_participant_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participant"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_reading_progress" ADD CONSTRAINT "consent_reading_progress_form_version_id_consent_form_version_id_fk" FOREIGN KEY ("form_version_id") REFERENCES "public"."consent_form_version"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_signature" ADD CONSTRAINT "consent_signature_participant_id_participant_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participant"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_signature" ADD CONSTRAINT "consent_signature_form_version_id_consent_form_version_id_fk" FOREIGN KEY ("form_version_id") REFERENCES "public"."consent_form_version"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_signature" ADD CONSTRAINT "consent_signature_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_signature" ADD CONSTRAINT "consent_signature_attempt_id_consent_check_attempt_id_fk" FOREIGN KEY ("attempt_id") REFERENCES "public"."consent_check_attempt"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_withdrawal" ADD CONSTRAINT "consent_withdrawal_signature_id_consent_signature_id_fk" FOREIGN KEY ("signature_id") REFERENCES "public"."consent_signature"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_withdrawal" ADD CONSTRAINT "consent_withdrawal_participant_id_participant_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participant"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_withdrawal" ADD CONSTRAINT "consent_withdrawal_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consent_check_attempt_participant_idx" ON "consent_check_attempt" USING btree ("participant_id","form_version_id");--> statement-breakpoint
CREATE UNIQUE INDEX "consent_form_version_uq" ON "consent_form_version" USING btree ("form_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "consent_form_one_draft_uq" ON "consent_form_version" USING btree ("form_id") WHERE "consent_form_version"."state" = 'draft';--> statement-breakpoint
CREATE INDEX "consent_form_version_trial_idx" ON "consent_form_version" USING btree ("trial_id","state");--> statement-breakpoint
CREATE UNIQUE INDEX "consent_signature_once_uq" ON "consent_signature" USING btree ("participant_id","form_version_id");--> statement-breakpoint
CREATE INDEX "consent_signature_form_idx" ON "consent_signature" USING btree ("form_version_id");--> statement-breakpoint
CREATE INDEX "consent_withdrawal_participant_idx" ON "consent_withdrawal" USING btree ("participant_id");