import type { CheckoutToSdkMessage, InitPayload } from "@paygate/contracts";
import { expectTypeOf, it } from "vitest";
import type { CheckoutDisplayOptions, CheckoutError, PaymentFailure, PaymentSubmitted, PaymentSuccess } from "./payloads.js";

type PayloadOf<T extends CheckoutToSdkMessage["type"]> = Extract<CheckoutToSdkMessage, { type: T }>["payload"];

// Compile-time checks (`pnpm typecheck`): a schema change in contracts fails here until the
// hand-written public types follow it.
it("the public payload types equal the message schemas' types", () => {
  expectTypeOf<PaymentSuccess>().toEqualTypeOf<PayloadOf<"payment.succeeded">>();
  expectTypeOf<PaymentFailure>().toEqualTypeOf<PayloadOf<"payment.failed">>();
  expectTypeOf<PaymentSubmitted>().toEqualTypeOf<PayloadOf<"payment.submitted">>();
  expectTypeOf<CheckoutError>().toEqualTypeOf<PayloadOf<"error">>();
  expectTypeOf<CheckoutDisplayOptions>().toEqualTypeOf<InitPayload>();
});
