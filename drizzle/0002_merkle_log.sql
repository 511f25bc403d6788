CREATE TABLE "log" (
	"id" text PRIMARY KEY NOT NULL,
	"trial_id" text,
	"chain_trial_id" text NOT NULL,
	"size" bigint DEFAULT 0 NOT NULL,
	"root_hash" "bytea" NOT NULL,
	"frontier" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "log_chain_trial_id_unique" UNIQUE("chain_trial_id")
);
--> statement-breakpoint
CREATE TABLE "log_envelope" (
	"log_id" text NOT NULL,
	"idx" bigint NOT NULL,
	"envelope" jsonb NOT NULL,
	CONSTRAINT "log_envelope_log_id_idx_pk" PRIMARY KEY("log_id","idx")
);
--> statement-breakpoint
CREATE TABLE "log_leaf" (
	"log_id" text NOT NULL,
	"idx" bigint NOT NULL,
	"leaf_hash" "bytea" NOT NULL,
	"kind" text NOT NULL,
	"subject" text,
	"at" timestamp (3) with time zone NOT NULL,
	"appended_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "log_leaf_log_id_idx_pk" PRIMARY KEY("log_id","idx")
);
--> statement-breakpoint
CREATE TABLE "log_node" (
	"log_id" text NOT NULL,
	"level" smallint NOT NULL,
	"idx" bigint NOT NULL,
	"hash" "bytea" NOT NULL,
	CONSTRAINT "log_node_log_id_level_idx_pk" PRIMARY KEY("log_id","level","idx")
);
--> statement-breakpoint
ALTER TABLE "log" ADD CONSTRAINT "log_trial_id_trial_id_fk" FOREIGN KEY ("trial_id") REFERENCES "public"."trial"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "log_leaf" ADD CONSTRAINT "log_leaf_log_id_log_id_fk" FOREIGN KEY ("log_id") REFERENCES "public"."log"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "log_leaf_subject_idx" ON "log_leaf" USING btree ("subject");