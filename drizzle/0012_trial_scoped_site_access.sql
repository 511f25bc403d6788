CREATE TABLE "trial_site_investigator" (
	"trial_id" text NOT NULL,
	"site_org_id" text NOT NULL,
	"user_id" text NOT NULL,
	"invitation_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text NOT NULL,
	CONSTRAINT "trial_site_investigator_trial_id_site_org_id_user_id_pk" PRIMARY KEY("trial_id","site_org_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "participant" ALTER COLUMN "trial_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "trial_site_investigator" ADD CONSTRAINT "trial_site_investigator_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trial_site_investigator" ADD CONSTRAINT "trial_site_investigator_invitation_id_invitation_id_fk" FOREIGN KEY ("invitation_id") REFERENCES "public"."invitation"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trial_site_investigator" ADD CONSTRAINT "trial_site_investigator_created_by_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trial_site_investigator" ADD CONSTRAINT "trial_site_investigator_trial_site_fk" FOREIGN KEY ("trial_id","site_org_id") REFERENCES "public"."trial_site"("trial_id","site_org_id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "trial_site_investigator_user_idx" ON "trial_site_investigator" USING btree ("user_id");--> statement-breakpoint
ALTER TABLE "invitation" ADD CONSTRAINT "invitation_trial_site_fk" FOREIGN KEY ("trial_id","organization_id") REFERENCES "public"."trial_site"("trial_id","site_org_id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participant" ADD CONSTRAINT "participant_trial_site_fk" FOREIGN KEY ("trial_id","site_org_id") REFERENCES "public"."trial_site"("trial_id","site_org_id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "invitation_trial_site_idx" ON "invitation" USING btree ("trial_id","organization_id");--> statement-breakpoint
CREATE INDEX "participant_trial_site_idx" ON "participant" USING btree ("trial_id","site_org_id");