import {
  authenticateBodySchema,
  checkoutOrderSchema,
  idSchema,
  publicKeyQuerySchema,
  publicPaymentCreateSchema,
  publicPaymentSchema,
} from "@paygate/contracts";
import { z } from "zod";
import { ApiError } from "../lib/errors.js";
import { ok } from "../http/envelope.js";
import { apiRoute } from "../http/route.js";
import { merchantForPublishableKey } from "../services/auth.js";
import { authenticatePayment, createPublicPayment, getCheckoutOrder, getPublicPayment } from "../services/payments.js";
import type { Api, RouteDeps } from "./deps.js";
import { idempotent } from "./idempotent.js";

/** The public endpoints of SPEC §7, authorised by the publishable key alone. */
export function registerCheckoutRoutes(app: Api, { ctx, auth }: RouteDeps) {
  const common = { tag: "Checkout (public)", middleware: [auth.publicRateLimit] } as const;

  app.openapi(
    apiRoute({
      ...common,
      method: "get",
      path: "/checkout/orders/{order_id}",
      summary: "The order as the checkout shows it",
      params: z.strictObject({ order_id: idSchema("order") }),
      query: publicKeyQuerySchema,
      data: checkoutOrderSchema,
    }),
    async (c) => {
      const { key } = c.req.valid("query");
      return ok(c, await getCheckoutOrder({ ctx, key, orderId: c.req.valid("param").order_id }));
    },
  );

  app.openapi(
    apiRoute({
      ...common,
      method: "post",
      path: "/payments/public",
      summary: "Create a payment from the checkout",
      description: "Honours Idempotency-Key; the checkout sends one per attempt.",
      body: publicPaymentCreateSchema,
      data: publicPaymentSchema,
      status: 201,
    }),
    async (c) => {
      const input = c.req.valid("json");
      const merchant = await merchantForPublishableKey(ctx, input.key);
      if (!merchant) throw new ApiError("unauthorized", "Unknown publishable key", { param: "key" });
      return idempotent(c, ctx, merchant.id, async (tx) => ({
        status: 201,
        body: { success: true, data: await createPublicPayment({ ctx: tx, input }) },
      }));
    },
  );

  app.openapi(
    apiRoute({
      ...common,
      method: "get",
      path: "/payments/{id}/public",
      summary: "A payment's status for the checkout (with the signature once it succeeded)",
      params: z.strictObject({ id: idSchema("payment") }),
      query: publicKeyQuerySchema,
      data: publicPaymentSchema,
    }),
    async (c) => {
      const { key } = c.req.valid("query");
      return ok(c, await getPublicPayment({ ctx, key, paymentId: c.req.valid("param").id }));
    },
  );

  app.openapi(
    apiRoute({
      ...common,
      method: "post",
      path: "/payments/{id}/public/authenticate",
      summary: "3-D Secure: submit the OTP",
      params: z.strictObject({ id: idSchema("payment") }),
      body: authenticateBodySchema,
      data: publicPaymentSchema,
    }),
    async (c) => {
      const input = c.req.valid("json");
      return ok(c, await authenticatePayment({ ctx, paymentId: c.req.valid("param").id, input }));
    },
  );
}
