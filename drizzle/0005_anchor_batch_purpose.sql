CREATE TYPE "public"."anchor_batch_purpose" AS ENUM('checkpoint', 'register_portal_log');--> statement-breakpoint
ALTER TABLE "anchor_batch" ADD COLUMN "purpose" "anchor_batch_purpose" DEFAULT 'checkpoint' NOT NULL;--> statement-breakpoint
ALTER TABLE "anchor_batch" ADD COLUMN "gas_used" bigint;