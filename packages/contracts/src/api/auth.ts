import { z } from "zod";
import { emailSchema, nameSchema, passwordSchema, textSchema, webhookUrlSchema } from "./common.js";

export const roleSchema = z.enum(["merchant", "admin"]);
export type Role = z.infer<typeof roleSchema>;

export const registerBodySchema = z.strictObject({
  email: emailSchema,
  name: nameSchema,
  password: passwordSchema,
  webhook_url: webhookUrlSchema.nullable().optional(),
});
export type RegisterBody = z.infer<typeof registerBodySchema>;

export const tokenBodySchema = z.strictObject({
  email: emailSchema,
  password: textSchema().min(1).max(200),
});
export type TokenBody = z.infer<typeof tokenBodySchema>;

export const registerAdminBodySchema = z.strictObject({
  email: emailSchema,
  name: nameSchema,
  password: passwordSchema,
});
export type RegisterAdminBody = z.infer<typeof registerAdminBodySchema>;

export const registerResultSchema = z.object({
  access: z.string(),
  api_key: z.string(),
  api_secret: z.string(),
  webhook_secret: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.literal("merchant"),
  merchant_id: z.string(),
});
export type RegisterResult = z.infer<typeof registerResultSchema>;

export const tokenResultSchema = z.object({
  access: z.string(),
  api_key: z.string().nullable(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  merchant_id: z.string().optional(),
});
export type TokenResult = z.infer<typeof tokenResultSchema>;

export const refreshResultSchema = z.object({ access: z.string() });
export type RefreshResult = z.infer<typeof refreshResultSchema>;

export const logoutResultSchema = z.object({ logged_out: z.literal(true) });
export type LogoutResult = z.infer<typeof logoutResultSchema>;

export const registerAdminResultSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.literal("admin"),
});
export type RegisterAdminResult = z.infer<typeof registerAdminResultSchema>;
