CREATE TYPE "public"."protocol_chain_state" AS ENUM('awaiting_signature', 'confirmed');--> statement-breakpoint
ALTER TYPE "public"."trial_status" ADD VALUE 'suspended' BEFORE 'completed';--> statement-breakpoint
CREATE TABLE "protocol_draft" (
	"trial_id" text PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "protocol_version" (
	"trial_id" text NOT NULL,
	"version" integer NOT NULL,
	"protocol" jsonb NOT NULL,
	"reason" text,
	"leaf_index" bigint NOT NULL,
	"leaf_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text NOT NULL,
	"chain_state" "protocol_chain_state" DEFAULT 'awaiting_signature' NOT NULL,
	"tx_hash" text,
	"sender" text,
	"block_number" bigint,
	"block_timestamp" timestamp with time zone,
	"confirmed_at" timestamp with time zone,
	CONSTRAINT "protocol_version_trial_id_version_pk" PRIMARY KEY("trial_id","version")
);
--> statement-breakpoint
CREATE TABLE "trial_regulator" (
	"trial_id" text NOT NULL,
	"user_id" text NOT NULL,
	"leaf_index" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text NOT NULL,
	CONSTRAINT "trial_regulator_trial_id_user_id_pk" PRIMARY KEY("trial_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "trial_site" (
	"trial_id" text NOT NULL,
	"site_org_id" text NOT NULL,
	"leaf_index" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text NOT NULL,
	CONSTRAINT "trial_site_trial_id_site_org_id_pk" PRIMARY KEY("trial_id","site_org_id")
);
--> statement-breakpoint
ALTER TABLE "trial" ADD COLUMN "registered_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "trial" ADD COLUMN "current_version" integer;--> statement-breakpoint
ALTER TABLE "trial" ADD COLUMN "phase" text;--> statement-breakpoint
ALTER TABLE "trial" ADD COLUMN "conditions" text;--> statement-breakpoint
ALTER TABLE "trial" ADD COLUMN "interventions" text;--> statement-breakpoint
ALTER TABLE "trial" ADD COLUMN "countries" text[];--> statement-breakpoint
ALTER TABLE "trial" ADD COLUMN "sponsor_name" text;--> statement-breakpoint
ALTER TABLE "trial" ADD COLUMN "search_text" text;--> statement-breakpoint
ALTER TABLE "protocol_draft" ADD CONSTRAINT "protocol_draft_trial_id_trial_id_fk" FOREIGN KEY ("trial_id") REFERENCES "public"."trial"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "protocol_draft" ADD CONSTRAINT "protocol_draft_updated_by_user_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."user"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "protocol_version" ADD CONSTRAINT "protocol_version_trial_id_trial_id_fk" FOREIGN KEY ("trial_id") REFERENCES "public"."trial"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "protocol_version" ADD CONSTRAINT "protocol_version_created_by_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trial_regulator" ADD CONSTRAINT "trial_regulator_trial_id_trial_id_fk" FOREIGN KEY ("trial_id") REFERENCES "public"."trial"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trial_regulator" ADD CONSTRAINT "trial_regulator_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trial_regulator" ADD CONSTRAINT "trial_regulator_created_by_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trial_site" ADD CONSTRAINT "trial_site_trial_id_trial_id_fk" FOREIGN KEY ("trial_id") REFERENCES "public"."trial"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trial_site" ADD CONSTRAINT "trial_site_site_org_id_organization_id_fk" FOREIGN KEY ("site_org_id") REFERENCES "public"."organization"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trial_site" ADD CONSTRAINT "trial_site_created_by_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "protocol_version_tx_uq" ON "protocol_version" USING btree ("tx_hash");--> statement-breakpoint
CREATE INDEX "trial_regulator_user_idx" ON "trial_regulator" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "trial_site_org_idx" ON "trial_site" USING btree ("site_org_id");--> statement-breakpoint
CREATE INDEX "trial_registry_idx" ON "trial" USING btree ("registered_at","id");--> statement-breakpoint
CREATE INDEX "trial_registry_status_idx" ON "trial" USING btree ("status","registered_at");--> statement-breakpoint
CREATE INDEX "trial_registry_phase_idx" ON "trial" USING btree ("phase","registered_at");--> statement-breakpoint
CREATE INDEX "trial_countries_gin" ON "trial" USING gin ("countries");--> statement-breakpoint
CREATE INDEX "trial_sponsor_org_idx" ON "trial" USING btree ("sponsor_org_id");