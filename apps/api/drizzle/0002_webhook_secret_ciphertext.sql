ALTER TABLE "merchants" ADD COLUMN "webhook_secret_ciphertext" text;--> statement-breakpoint
ALTER TABLE "merchants" ADD COLUMN "previous_webhook_secret_ciphertext" text;