CREATE TYPE "public"."anchor_batch_status" AS ENUM('signed', 'sent', 'confirmed', 'failed');--> statement-breakpoint
CREATE TABLE "anchor_batch" (
	"id" text PRIMARY KEY NOT NULL,
	"status" "anchor_batch_status" NOT NULL,
	"chain_id" integer NOT NULL,
	"contract" text NOT NULL,
	"anchorer" text NOT NULL,
	"nonce" bigint NOT NULL,
	"tx_hash" text NOT NULL,
	"raw_tx" text NOT NULL,
	"block_number" bigint,
	"block_hash" text,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"confirmed_at" timestamp with time zone,
	CONSTRAINT "anchor_batch_tx_hash_unique" UNIQUE("tx_hash")
);
--> statement-breakpoint
CREATE TABLE "checkpoint" (
	"log_id" text NOT NULL,
	"tree_size" bigint NOT NULL,
	"root_hash" "bytea" NOT NULL,
	"batch_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "checkpoint_log_id_tree_size_batch_id_pk" PRIMARY KEY("log_id","tree_size","batch_id")
);
--> statement-breakpoint
ALTER TABLE "checkpoint" ADD CONSTRAINT "checkpoint_log_id_log_id_fk" FOREIGN KEY ("log_id") REFERENCES "public"."log"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkpoint" ADD CONSTRAINT "checkpoint_batch_id_anchor_batch_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."anchor_batch"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "anchor_batch_status_idx" ON "anchor_batch" USING btree ("status");--> statement-breakpoint
CREATE INDEX "checkpoint_batch_idx" ON "checkpoint" USING btree ("batch_id");