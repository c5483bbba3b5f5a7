export { verifyPaymentSignature } from "./signatures.js";
