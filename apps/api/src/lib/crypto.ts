import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, scrypt, timingSafeEqual } from "node:crypto";

const SCRYPT = { N: 16384, r: 8, p: 1, keylen: 32 } as const;

function scryptAsync(password: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password, salt, SCRYPT.keylen, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

/** scrypt password hash as `scrypt$N$r$p$salt$hash` (base64url). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt);
  return ["scrypt", SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString("base64url"), key.toString("base64url")].join("$");
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, , , , salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || !salt || !hash) return false;
  const key = await scryptAsync(password, Buffer.from(salt, "base64url"));
  const expected = Buffer.from(hash, "base64url");
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/**
 * SHA-256 for high-entropy secrets (API secrets, refresh tokens): they cannot be brute-forced,
 * so a fast hash keeps authentication cheap on the hot path.
 */
export function sha256(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

export function hmacHex(key: string | Buffer, value: string): string {
  return createHmac("sha256", key).update(value).digest("hex");
}

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export function randomToken(bytes = 24): string {
  return randomBytes(bytes).toString("base64url");
}

/** `order_id|payment_id` signed with the merchant's API secret (SPEC §10). */
export function paymentSignature(apiSecret: string, orderId: string, paymentId: string): string {
  return hmacHex(apiSecret, `${orderId}|${paymentId}`);
}

function encryptionKeyBytes(key: string): Buffer {
  return createHash("sha256").update(`paygate-encryption:${key}`).digest();
}

/** AES-256-GCM, as `iv.tag.ciphertext` in base64url. */
export function encrypt(plaintext: string, key: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", encryptionKeyBytes(key), iv);
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((part) => part.toString("base64url")).join(".");
}

/** `decrypt` with the current key, then with older ones (values sealed before a key change). */
export function decryptWithAny(sealed: string, keys: readonly string[]): string {
  let failure: unknown;
  for (const key of keys) {
    try {
      return decrypt(sealed, key);
    } catch (error) {
      failure = error;
    }
  }
  throw failure ?? new Error("No decryption key");
}

export function decrypt(sealed: string, key: string): string {
  const [iv, tag, body] = sealed.split(".").map((part) => Buffer.from(part, "base64url"));
  if (!iv || !tag || !body) throw new Error("Malformed ciphertext");
  const decipher = createDecipheriv("aes-256-gcm", encryptionKeyBytes(key), iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(body), decipher.final()]).toString("utf8");
}
