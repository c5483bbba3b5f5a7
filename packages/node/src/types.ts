import type {
  customerCreateSchema,
  customerListQuerySchema,
  customerUpdateSchema,
  invoiceCreateSchema,
  invoiceListQuerySchema,
  invoiceUpdateSchema,
  listOf,
  orderCreateSchema,
  orderListQuerySchema,
  paymentCreateSchema,
  paymentLinkCreateSchema,
  paymentLinkListQuerySchema,
  paymentListQuerySchema,
  refundCreateSchema,
  refundListQuerySchema,
  subscriptionCreateSchema,
  subscriptionListQuerySchema,
  webhookDeliveryDetailSchema,
  webhookEndpointCreateSchema,
  webhookEndpointPatchSchema,
  webhookListQuerySchema,
} from "@paygate/contracts";
import type { z } from "zod";

// Every type here is inferred from a @paygate/contracts schema, so it cannot drift from the API.
export type {
  Customer,
  CustomerPaymentMethod,
  Invoice,
  Order,
  Payment,
  PaymentLink,
  Refund,
  Subscription,
  WebhookDelivery,
  WebhookEndpoint,
  WebhookEndpointSecretRotation,
  WebhookEndpointWithSecret,
  WebhookEvent,
} from "@paygate/contracts";

/** A page of a list endpoint: newest first, `has_more` when another page exists. */
export type List<T> = Omit<z.infer<ReturnType<typeof listOf>>, "items"> & { items: T[] };

export type OrderCreateInput = z.input<typeof orderCreateSchema>;
export type PaymentCreateInput = z.input<typeof paymentCreateSchema>;
export type RefundCreateInput = z.input<typeof refundCreateSchema>;
export type PaymentLinkCreateInput = z.input<typeof paymentLinkCreateSchema>;
export type InvoiceCreateInput = z.input<typeof invoiceCreateSchema>;
export type InvoiceUpdateInput = z.input<typeof invoiceUpdateSchema>;
export type CustomerCreateInput = z.input<typeof customerCreateSchema>;
export type CustomerUpdateInput = z.input<typeof customerUpdateSchema>;
export type SubscriptionCreateInput = z.input<typeof subscriptionCreateSchema>;

export type OrderListQuery = Partial<z.infer<typeof orderListQuerySchema>>;
export type PaymentListQuery = Partial<z.infer<typeof paymentListQuerySchema>>;
export type RefundListQuery = Partial<z.infer<typeof refundListQuerySchema>>;
export type PaymentLinkListQuery = Partial<z.infer<typeof paymentLinkListQuerySchema>>;
export type InvoiceListQuery = Partial<z.infer<typeof invoiceListQuerySchema>>;
export type WebhookListQuery = Partial<z.infer<typeof webhookListQuerySchema>>;
export type CustomerListQuery = Partial<z.infer<typeof customerListQuerySchema>>;
export type SubscriptionListQuery = Partial<z.infer<typeof subscriptionListQuerySchema>>;
export type PageQuery = { limit?: number; offset?: number };

export type WebhookDeliveryDetail = z.infer<typeof webhookDeliveryDetailSchema>;

export type WebhookEndpointCreateInput = z.input<typeof webhookEndpointCreateSchema>;
export type WebhookEndpointUpdateInput = z.input<typeof webhookEndpointPatchSchema>;
export type ListQuery = { limit?: number; offset?: number };
