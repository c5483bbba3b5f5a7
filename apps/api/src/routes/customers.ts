import { createRoute } from "@hono/zod-openapi";
import {
  customerCreateSchema,
  customerListQuerySchema,
  customerParamsSchema,
  customerPaymentMethodSchema,
  customerSchema,
  customerUpdateSchema,
  listOf,
  listQuerySchema,
  paymentMethodParamsSchema,
} from "@paygate/contracts";
import { successBody } from "../http/envelope.js";
import { errorResponses, jsonBody, merchantSecurity, successResponse } from "../http/route.js";
import { createCustomer, getCustomer, listCustomers, updateCustomer } from "../services/customers/customers.js";
import { deletePaymentMethod, listCustomerPaymentMethods } from "../services/customers/payment-methods.js";
import type { Api, RouteDeps } from "./deps.js";
import { idempotent } from "./idempotent.js";

/** SPEC §15: customers and their saved cards. */
export function registerCustomerRoutes(app: Api, { ctx, auth }: RouteDeps) {
  const common = { middleware: [auth.requireMerchant], security: merchantSecurity };
  const customers = { ...common, tags: ["Customers"] };

  app.openapi(
    createRoute({
      ...customers,
      method: "post",
      path: "/customers",
      summary: "Create a customer",
      description: "Orders, saved cards and subscriptions may then point at it. Honours Idempotency-Key.",
      request: { body: jsonBody(customerCreateSchema) },
      responses: { 201: successResponse(customerSchema, "The new customer"), ...errorResponses },
    }),
    async (c) => {
      const merchantId = c.var.account.id;
      const input = c.req.valid("json");
      return idempotent(c, ctx, { scope: merchantId, data: customerSchema, status: 201 }, (tx) =>
        createCustomer({ ctx: tx, merchantId, input }),
      );
    },
  );

  app.openapi(
    createRoute({
      ...customers,
      method: "get",
      path: "/customers",
      summary: "List customers, newest first",
      description: "`email` matches case-insensitively.",
      request: { query: customerListQuerySchema },
      responses: { 200: successResponse(listOf(customerSchema), "A page of customers"), ...errorResponses },
    }),
    async (c) =>
      c.json(successBody(await listCustomers({ ctx, merchantId: c.var.account.id, query: c.req.valid("query") })), 200),
  );

  app.openapi(
    createRoute({
      ...customers,
      method: "get",
      path: "/customers/{id}",
      summary: "Get a customer",
      request: { params: customerParamsSchema },
      responses: { 200: successResponse(customerSchema, "The customer"), ...errorResponses },
    }),
    async (c) =>
      c.json(successBody(await getCustomer({ ctx, merchantId: c.var.account.id, customerId: c.req.valid("param").id })), 200),
  );

  app.openapi(
    createRoute({
      ...customers,
      method: "patch",
      path: "/customers/{id}",
      summary: "Update a customer",
      description: "Given fields replace the stored ones; `null` clears a field.",
      request: { params: customerParamsSchema, body: jsonBody(customerUpdateSchema) },
      responses: { 200: successResponse(customerSchema, "The updated customer"), ...errorResponses },
    }),
    async (c) => {
      const customer = await updateCustomer({
        ctx,
        merchantId: c.var.account.id,
        customerId: c.req.valid("param").id,
        input: c.req.valid("json"),
      });
      return c.json(successBody(customer), 200);
    },
  );

  app.openapi(
    createRoute({
      ...customers,
      method: "get",
      path: "/customers/{id}/payment_methods",
      summary: "The customer's saved cards",
      description: "Deleted cards are left out; expired ones are listed (they cannot pay).",
      request: { params: customerParamsSchema, query: listQuerySchema },
      responses: { 200: successResponse(listOf(customerPaymentMethodSchema), "A page of saved cards"), ...errorResponses },
    }),
    async (c) => {
      const page = await listCustomerPaymentMethods({
        ctx,
        merchantId: c.var.account.id,
        customerId: c.req.valid("param").id,
        query: c.req.valid("query"),
      });
      return c.json(successBody(page), 200);
    },
  );

  app.openapi(
    createRoute({
      ...common,
      tags: ["Payment methods"],
      method: "delete",
      path: "/payment_methods/{id}",
      summary: "Delete a saved card",
      description: "It can no longer pay (409 `payment_method_unusable`); deleting it again answers the same.",
      request: { params: paymentMethodParamsSchema },
      responses: { 200: successResponse(customerPaymentMethodSchema, "The deleted payment method"), ...errorResponses },
    }),
    async (c) => {
      const method = await deletePaymentMethod({ ctx, merchantId: c.var.account.id, paymentMethodId: c.req.valid("param").id });
      return c.json(successBody(method), 200);
    },
  );
}
