CREATE TYPE "public"."protocol_preparation_state" AS ENUM('awaiting_signature', 'confirmed', 'discarded', 'superseded');--> statement-breakpoint
CREATE TABLE "protocol_preparation" (
	"trial_id" text NOT NULL,
	"leaf_hash" text NOT NULL,
	"version" integer NOT NULL,
	"envelope" jsonb NOT NULL,
	"state" "protocol_preparation_state" DEFAULT 'awaiting_signature' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_by" text,
	CONSTRAINT "protocol_preparation_trial_id_leaf_hash_pk" PRIMARY KEY("trial_id","leaf_hash")
);
--> statement-breakpoint
ALTER TABLE "protocol_preparation" ADD CONSTRAINT "protocol_preparation_trial_id_trial_id_fk" FOREIGN KEY ("trial_id") REFERENCES "public"."trial"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "protocol_preparation" ADD CONSTRAINT "protocol_preparation_created_by_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "protocol_preparation" ADD CONSTRAINT "protocol_preparation_closed_by_user_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."user"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "protocol_preparation_one_pending_uq" ON "protocol_preparation" USING btree ("trial_id") WHERE "protocol_preparation"."state" = 'awaiting_signature';