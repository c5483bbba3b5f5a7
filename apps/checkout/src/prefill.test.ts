import { emailSchema, paymentCreateSchema } from "@paygate/contracts";
import { expect, it } from "vitest";
import { contactDetails } from "./prefill.js";

const emails = [
  "asha@example.com",
  "a.b+c@shop.co.in",
  "x@y",
  "a..b@example.com",
  ".a@example.com",
  "a@-x.com",
  "a b@example.com",
  "é@example.com",
];
const contacts = ["+91 99999 99999", "9999999999", "12345", "+91-(999)", "1".repeat(21), "+1 555-0100"];

it("keeps only an email the API accepts", () => {
  const kept = emails.filter((email) => contactDetails({ email }).email === email);
  expect(kept).toEqual(["asha@example.com", "a.b+c@shop.co.in"]);
  for (const email of kept) expect(emailSchema.safeParse(email).success, email).toBe(true);
  expect(contactDetails({ email: "asha@example.com" })).toEqual({ email: "asha@example.com" });
});

it("keeps only a phone number the API accepts", () => {
  const contactSchema = paymentCreateSchema.shape.contact;
  for (const contact of contacts) {
    expect(Boolean(contactDetails({ contact }).contact), contact).toBe(contactSchema.safeParse(contact).success);
  }
});
