import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import http from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { isBlockedAddress } from "./url.js";

export const SEND_TIMEOUT_MS = 5000;
/** How much of a receiver's response body is kept in the attempt log. */
export const RESPONSE_BODY_LIMIT = 4096;
const REFUSED_CODE = "EWEBHOOKREFUSED";

export interface SendResult {
  /** The HTTP status, or null when no response arrived. */
  status: number | null;
  /** The first 4 KB of the response body. */
  body: string;
  /** Why the attempt failed before a complete response (timeout, connection error, refusal). */
  error: string | null;
  /** True when the SSRF guard refused the target: retrying the same URL cannot help. */
  refused: boolean;
  location: string | null;
  /** The address the response came from (null without a response): says whether the target was private. */
  remoteAddress: string | null;
  durationMs: number;
}

/**
 * DNS lookup for the guarded agents: it refuses internal addresses at connect time, after
 * resolution, so a host that passed the save-time check and now resolves to loopback (DNS
 * rebinding) is never reached.
 */
const guardedLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, "", 4);
    if (addresses.length === 0 || addresses.some((entry) => isBlockedAddress(entry.address))) {
      const refusal: NodeJS.ErrnoException = new Error(`webhook host ${hostname} resolves to a refused address`);
      refusal.code = REFUSED_CODE;
      return callback(refusal, "", 4);
    }
    if (options.all) return callback(null, addresses);
    const first = addresses[0] as LookupAddress;
    callback(null, first.address, first.family);
  });
};

/**
 * Keep-alive agents: a receiver gets many deliveries, and a new TCP (and TLS) handshake per
 * delivery dominated the latency. Guarded and open sockets live in separate pools, so a socket
 * opened without the guard is never reused for a send that requires it.
 */
const agentOptions = { keepAlive: true, maxSockets: 64, scheduling: "lifo" as const };
const agents = {
  guarded: {
    "http:": new http.Agent({ ...agentOptions, lookup: guardedLookup }),
    "https:": new https.Agent({ ...agentOptions, lookup: guardedLookup }),
  },
  open: { "http:": new http.Agent(agentOptions), "https:": new https.Agent(agentOptions) },
};

const failure = (error: string, refused = false) => ({
  status: null,
  body: "",
  error,
  refused,
  location: null,
  remoteAddress: null,
});

/**
 * POSTs one webhook: no redirects followed, one 5 s deadline for the whole exchange, and
 * (unless `allowPrivate`) no connection to an internal address, literal or resolved.
 */
export async function sendWebhook(input: {
  url: string;
  headers: Record<string, string>;
  body: string;
  allowPrivate: boolean;
}): Promise<SendResult> {
  const started = performance.now();
  const result = await attemptSend(input, started);
  return { ...result, durationMs: Math.round(performance.now() - started) };
}

async function attemptSend(input: Parameters<typeof sendWebhook>[0], started: number): Promise<Omit<SendResult, "durationMs">> {
  let target: URL;
  try {
    target = new URL(input.url);
  } catch {
    return failure("invalid webhook URL", true);
  }
  if (target.protocol !== "http:" && target.protocol !== "https:") return failure("webhook URLs must use http or https", true);
  // A literal IP never goes through `lookup`, so it is judged here.
  const host = target.hostname.replace(/^\[|\]$/g, "");
  if (!input.allowPrivate && isIP(host) && isBlockedAddress(host))
    return failure(`webhook URL points at a refused address ${host}`, true);
  const agent = agents[input.allowPrivate ? "open" : "guarded"][target.protocol];
  const deadline = started + SEND_TIMEOUT_MS;
  const first = await postOnce(target, input, agent, deadline);
  // A kept-alive socket the receiver closed while idle fails at once; Node's documented remedy
  // is to try again on a fresh connection. The receiver never saw the first request.
  if (first.staleSocket && performance.now() < deadline) return postOnce(target, input, agent, deadline, true);
  return first;
}

function postOnce(
  target: URL,
  input: { headers: Record<string, string>; body: string; allowPrivate: boolean },
  agent: http.Agent,
  deadline: number,
  freshSocket = false,
): Promise<Omit<SendResult, "durationMs"> & { staleSocket?: boolean }> {
  return new Promise((resolve) => {
    let settled = false;
    let timedOut = false;
    const settle = (result: Omit<SendResult, "durationMs"> & { staleSocket?: boolean }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const transport = target.protocol === "https:" ? https : http;
    const request = transport.request(
      target,
      {
        method: "POST",
        headers: { ...input.headers, "Content-Length": String(Buffer.byteLength(input.body)) },
        // `agent: false` + the lookup: a one-off connection that keeps the guard.
        agent: freshSocket ? false : agent,
        ...(input.allowPrivate ? {} : { lookup: guardedLookup }),
      },
      (response) => {
        // Read now: a kept-alive socket is detached from the response once it ends.
        const remoteAddress = response.socket?.remoteAddress ?? null;
        const chunks: Buffer[] = [];
        let size = 0;
        const complete = () =>
          settle({
            status: response.statusCode ?? null,
            body: Buffer.concat(chunks).subarray(0, RESPONSE_BODY_LIMIT).toString("utf8"),
            error: null,
            refused: false,
            location: response.headers.location ?? null,
            remoteAddress,
          });
        response.on("data", (chunk: Buffer) => {
          chunks.push(chunk);
          size += chunk.length;
          // The status is known and only 4 KB is kept: a huge body must not use up the deadline.
          if (size >= RESPONSE_BODY_LIMIT) {
            complete();
            response.destroy();
          }
        });
        response.on("end", complete);
        response.on("error", () => request.destroy());
      },
    );
    const timer = setTimeout(
      () => {
        timedOut = true;
        request.destroy();
      },
      Math.max(0, deadline - performance.now()),
    );
    request.on("error", (error: NodeJS.ErrnoException) => {
      if (timedOut) return settle(failure(`timeout: no complete response within ${SEND_TIMEOUT_MS} ms`));
      const staleSocket = request.reusedSocket && (error.code === "ECONNRESET" || error.code === "EPIPE");
      settle({ ...failure(error.message || String(error.code), error.code === REFUSED_CODE), staleSocket });
    });
    // destroy() after a response emits `close` without `error`: the deadline or the body cap hit.
    request.on("close", () => {
      if (timedOut) settle(failure(`timeout: no complete response within ${SEND_TIMEOUT_MS} ms`));
    });
    request.end(input.body);
  });
}
