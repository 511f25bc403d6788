ALTER TABLE "audit_event" ADD COLUMN "actor_organization_id" text;--> statement-breakpoint
ALTER TABLE "audit_event" ADD COLUMN "log_id" text;--> statement-breakpoint
ALTER TABLE "audit_event" ADD COLUMN "log_index" bigint;--> statement-breakpoint
ALTER TABLE "audit_event" ADD CONSTRAINT "audit_event_record_fk" FOREIGN KEY ("log_id","log_index") REFERENCES "public"."log_leaf"("log_id","idx") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_event_kind_idx" ON "audit_event" USING btree ("kind","id");--> statement-breakpoint
CREATE INDEX "audit_event_at_idx" ON "audit_event" USING btree ("at");--> statement-breakpoint
CREATE UNIQUE INDEX "audit_event_record_uq" ON "audit_event" USING btree ("log_id","log_index");