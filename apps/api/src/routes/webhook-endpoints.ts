import { createRoute } from "@hono/zod-openapi";
import {
  listOf,
  listQuerySchema,
  webhookDeliverySchema,
  webhookEndpointCreateSchema,
  webhookEndpointParamsSchema,
  webhookEndpointPatchSchema,
  webhookEndpointSchema,
  webhookEndpointSecretRotationSchema,
  webhookEndpointWithSecretSchema,
} from "@paygate/contracts";
import { successBody } from "../http/envelope.js";
import { errorResponses, jsonBody, merchantSecurity, successResponse } from "../http/route.js";
import {
  createEndpoint,
  deleteEndpoint,
  getEndpoint,
  listEndpoints,
  rotateEndpointSecret,
  sendTestEvent,
  updateEndpoint,
} from "../services/webhooks/endpoints.js";
import type { Api, RouteDeps } from "./deps.js";

/**
 * SPEC §8 "Endpoints". Creation is not under `idempotent`: its answer carries the endpoint's
 * secret, which an idempotency record would keep in clear.
 */
export function registerWebhookEndpointRoutes(app: Api, { ctx, auth }: RouteDeps) {
  const common = { tags: ["Webhook endpoints"], middleware: [auth.requireMerchant], security: merchantSecurity };
  const params = { params: webhookEndpointParamsSchema };

  app.openapi(
    createRoute({
      ...common,
      method: "post",
      path: "/webhook_endpoints",
      summary: "Add a webhook endpoint with its event filter; its signing secret is shown once",
      request: { body: jsonBody(webhookEndpointCreateSchema) },
      responses: { 201: successResponse(webhookEndpointWithSecretSchema, "The new endpoint and its secret"), ...errorResponses },
    }),
    async (c) =>
      c.json(successBody(await createEndpoint({ ctx, merchantId: c.var.account.id, input: c.req.valid("json") })), 201),
  );

  app.openapi(
    createRoute({
      ...common,
      method: "get",
      path: "/webhook_endpoints",
      summary: "The merchant's webhook endpoints, newest first",
      request: { query: listQuerySchema },
      responses: { 200: successResponse(listOf(webhookEndpointSchema), "A page of endpoints"), ...errorResponses },
    }),
    async (c) =>
      c.json(successBody(await listEndpoints({ ctx, merchantId: c.var.account.id, query: c.req.valid("query") })), 200),
  );

  app.openapi(
    createRoute({
      ...common,
      method: "get",
      path: "/webhook_endpoints/{id}",
      summary: "One webhook endpoint",
      request: params,
      responses: { 200: successResponse(webhookEndpointSchema, "The endpoint"), ...errorResponses },
    }),
    async (c) =>
      c.json(successBody(await getEndpoint({ ctx, merchantId: c.var.account.id, endpointId: c.req.valid("param").id })), 200),
  );

  app.openapi(
    createRoute({
      ...common,
      method: "patch",
      path: "/webhook_endpoints/{id}",
      summary: "Change url, events, description or status (enabled/disabled)",
      request: { ...params, body: jsonBody(webhookEndpointPatchSchema) },
      responses: { 200: successResponse(webhookEndpointSchema, "The updated endpoint"), ...errorResponses },
    }),
    async (c) =>
      c.json(
        successBody(
          await updateEndpoint({
            ctx,
            merchantId: c.var.account.id,
            endpointId: c.req.valid("param").id,
            input: c.req.valid("json"),
          }),
        ),
        200,
      ),
  );

  app.openapi(
    createRoute({
      ...common,
      method: "delete",
      path: "/webhook_endpoints/{id}",
      summary: "Delete an endpoint: no new deliveries; pending ones end failed",
      request: params,
      responses: { 200: successResponse(webhookEndpointSchema, "The deleted endpoint"), ...errorResponses },
    }),
    async (c) =>
      c.json(successBody(await deleteEndpoint({ ctx, merchantId: c.var.account.id, endpointId: c.req.valid("param").id })), 200),
  );

  app.openapi(
    createRoute({
      ...common,
      method: "post",
      path: "/webhook_endpoints/{id}/rotate-secret",
      summary: "Rotate the endpoint's secret (both signatures are sent for 24 h)",
      request: params,
      responses: { 200: successResponse(webhookEndpointSecretRotationSchema, "The new secret, shown once"), ...errorResponses },
    }),
    async (c) =>
      c.json(
        successBody(await rotateEndpointSecret({ ctx, merchantId: c.var.account.id, endpointId: c.req.valid("param").id })),
        200,
      ),
  );

  app.openapi(
    createRoute({
      ...common,
      method: "post",
      path: "/webhook_endpoints/{id}/test",
      summary: "Send a signed `ping` event to this endpoint now",
      request: params,
      responses: { 201: successResponse(webhookDeliverySchema, "The ping's delivery, due now"), ...errorResponses },
    }),
    async (c) =>
      c.json(successBody(await sendTestEvent({ ctx, merchantId: c.var.account.id, endpointId: c.req.valid("param").id })), 201),
  );
}
