export { sendEmail } from "./send-email.js";
export type { EmailData } from "./templates.js";
