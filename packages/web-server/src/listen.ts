import { createAdaptorServer } from "@hono/node-server";

export interface WebServer {
  /** e.g. http://127.0.0.1:41234 (http://localhost:PORT when no host or a wildcard host was given). */
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface ListenOptions {
  /** 0 picks a free port. */
  port: number;
  /** Interface to listen on; default: all (as a container needs). Tests pass 127.0.0.1. */
  host?: string | undefined;
}

/**
 * Puts a fetch handler (a Hono app's `fetch`) behind a port; resolves once it listens, rejects if
 * it cannot (a port in use).
 * @example const server = await listen(app.fetch, { port: 0, host: "127.0.0.1" }); … await server.close();
 */
export async function listen(
  fetch: (request: Request) => Response | Promise<Response>,
  { port, host }: ListenOptions,
): Promise<WebServer> {
  const server = createAdaptorServer({ fetch });
  await new Promise<void>((done, fail) => {
    server.once("error", fail);
    server.listen(port, host, () => {
      server.off("error", fail);
      done();
    });
  });
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("the server has no TCP address");
  const shownHost = host && host !== "0.0.0.0" && host !== "::" ? host : "localhost";
  return {
    url: `http://${shownHost}:${address.port}`,
    port: address.port,
    close: () =>
      new Promise<void>((done, fail) => {
        // Browsers keep connections alive; without this, close() would wait for them to time out.
        if ("closeAllConnections" in server) server.closeAllConnections();
        server.close((error) => (error ? fail(error) : done()));
      }),
  };
}
