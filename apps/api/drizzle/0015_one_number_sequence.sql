-- Invoices take their numbers from number_sequences (sequence "invoice"), like receipts: carry each merchant's last invoice number over before the old counter table goes.
INSERT INTO "number_sequences" ("merchant_id", "name", "last_value") SELECT "merchant_id", 'invoice', "last_number" FROM "invoice_counters" ON CONFLICT ("merchant_id", "name") DO UPDATE SET "last_value" = GREATEST("number_sequences"."last_value", EXCLUDED."last_value");--> statement-breakpoint
DROP TABLE "invoice_counters" CASCADE;
