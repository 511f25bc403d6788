CREATE TYPE "public"."consent_question_author" AS ENUM('participant', 'investigator');--> statement-breakpoint
CREATE TABLE "consent_question_message" (
	"id" text PRIMARY KEY NOT NULL,
	"participant_id" text NOT NULL,
	"form_version_id" text,
	"author_user_id" text NOT NULL,
	"author_role" "consent_question_author" NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "consent_question_message" ADD CONSTRAINT "consent_question_message_participant_id_participant_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participant"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_question_message" ADD CONSTRAINT "consent_question_message_form_version_id_consent_form_version_id_fk" FOREIGN KEY ("form_version_id") REFERENCES "public"."consent_form_version"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_question_message" ADD CONSTRAINT "consent_question_message_author_user_id_user_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."user"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consent_question_message_participant_idx" ON "consent_question_message" USING btree ("participant_id","created_at");