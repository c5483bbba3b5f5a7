import { createRoute } from "@hono/zod-openapi";
import {
  discountCreateSchema,
  discountListQuerySchema,
  discountPatchSchema,
  discountSchema,
  discountValidateSchema,
  discountValidationSchema,
  idSchema,
  listOf,
} from "@paygate/contracts";
import { z } from "zod";
import { successBody } from "../http/envelope.js";
import { errorResponses, jsonBody, merchantSecurity, successResponse } from "../http/route.js";
import { createDiscount, getDiscount, listDiscounts, updateDiscount, validateDiscount } from "../services/discounts/discounts.js";
import type { Api, RouteDeps } from "./deps.js";

const discountParams = z.strictObject({ id: idSchema("discount") });

/** Promo codes (SPEC §14). */
export function registerDiscountRoutes(app: Api, { ctx, auth }: RouteDeps) {
  const common = { tags: ["Discounts"], middleware: [auth.requireMerchant], security: merchantSecurity };

  app.openapi(
    createRoute({
      ...common,
      method: "post",
      path: "/discounts",
      summary: "Create a promo code",
      description:
        "`code` is 3–32 of A–Z 0–9 `_` `-`, kept uppercase and unique per merchant case-insensitively (409 `discount_code_taken`). A percentage `value` is in basis points (1–10000); a fixed `value` is in minor units of its `currency`.",
      request: { body: jsonBody(discountCreateSchema) },
      responses: { 201: successResponse(discountSchema, "The new promo code"), ...errorResponses },
    }),
    async (c) =>
      c.json(successBody(await createDiscount({ ctx, merchantId: c.var.account.id, input: c.req.valid("json") })), 201),
  );

  app.openapi(
    createRoute({
      ...common,
      method: "get",
      path: "/discounts",
      summary: "List promo codes, newest first",
      request: { query: discountListQuerySchema },
      responses: { 200: successResponse(listOf(discountSchema), "A page of promo codes"), ...errorResponses },
    }),
    async (c) =>
      c.json(successBody(await listDiscounts({ ctx, merchantId: c.var.account.id, query: c.req.valid("query") })), 200),
  );

  app.openapi(
    createRoute({
      ...common,
      method: "post",
      path: "/discounts/validate",
      summary: "Check a code against an amount without reserving a use",
      request: { body: jsonBody(discountValidateSchema) },
      responses: {
        200: successResponse(discountValidationSchema, "Whether the code applies, and how much it takes off"),
        ...errorResponses,
      },
    }),
    async (c) =>
      c.json(successBody(await validateDiscount({ ctx, merchantId: c.var.account.id, input: c.req.valid("json") })), 200),
  );

  app.openapi(
    createRoute({
      ...common,
      method: "get",
      path: "/discounts/{id}",
      summary: "Get a promo code",
      request: { params: discountParams },
      responses: { 200: successResponse(discountSchema, "The promo code"), ...errorResponses },
    }),
    async (c) =>
      c.json(successBody(await getDiscount({ ctx, merchantId: c.var.account.id, discountId: c.req.valid("param").id })), 200),
  );

  app.openapi(
    createRoute({
      ...common,
      method: "patch",
      path: "/discounts/{id}",
      summary: "Change a promo code's limits, window or active flag",
      description: "The code, type, value and currency never change: a reserved use keeps the amount it was shown.",
      request: { params: discountParams, body: jsonBody(discountPatchSchema) },
      responses: { 200: successResponse(discountSchema, "The promo code"), ...errorResponses },
    }),
    async (c) => {
      const discount = await updateDiscount({
        ctx,
        merchantId: c.var.account.id,
        discountId: c.req.valid("param").id,
        input: c.req.valid("json"),
      });
      return c.json(successBody(discount), 200);
    },
  );
}
