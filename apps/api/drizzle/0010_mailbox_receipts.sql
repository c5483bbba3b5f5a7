CREATE TABLE "emails" (
	"id" text PRIMARY KEY NOT NULL,
	"merchant_id" text NOT NULL,
	"kind" text NOT NULL,
	"to" text NOT NULL,
	"subject" text NOT NULL,
	"text" text NOT NULL,
	"html" text NOT NULL,
	"status" text NOT NULL,
	"invoice_id" text,
	"payment_id" text,
	"payment_link_id" text,
	"last_error" text,
	"created_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "number_sequences" (
	"merchant_id" text NOT NULL,
	"name" text NOT NULL,
	"last_value" bigint NOT NULL,
	CONSTRAINT "number_sequences_merchant_id_name_pk" PRIMARY KEY("merchant_id","name")
);
--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "receipt_number" text;--> statement-breakpoint
ALTER TABLE "emails" ADD CONSTRAINT "emails_merchant_id_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."merchants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "number_sequences" ADD CONSTRAINT "number_sequences_merchant_id_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."merchants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "emails_merchant_to_created_idx" ON "emails" USING btree ("merchant_id",lower("to"),"created_at");--> statement-breakpoint
CREATE INDEX "emails_merchant_created_idx" ON "emails" USING btree ("merchant_id","created_at");--> statement-breakpoint
CREATE INDEX "emails_invoice_idx" ON "emails" USING btree ("invoice_id");--> statement-breakpoint
CREATE INDEX "emails_payment_idx" ON "emails" USING btree ("payment_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_merchant_receipt_number_idx" ON "payments" USING btree ("merchant_id","receipt_number");