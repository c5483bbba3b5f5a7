import type { RouteConfig } from "@hono/zod-openapi";
import { ZodType } from "zod";
import type { TestApi } from "./helpers.js";

/** A route as the app declared it: the OpenAPI registry is the one list of what is served. */
export interface DeclaredRoute {
  method: string;
  /** The full path template, e.g. `/api/v1/orders/{id}`. */
  path: string;
  key: string;
  config: RouteConfig;
}

export function declaredRoutes(api: TestApi): DeclaredRoute[] {
  const routes: DeclaredRoute[] = [];
  for (const definition of api.runtime.app.openAPIRegistry.definitions) {
    if (definition.type !== "route") continue;
    const { method, path } = definition.route;
    routes.push({ method: method.toUpperCase(), path, key: `${method.toUpperCase()} ${path}`, config: definition.route });
  }
  return routes;
}

const templatePattern = (path: string) =>
  new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^}]+\}/g, "[^/]+")}$`);

/** The declared route that serves `method path` (query string ignored). */
export function routeFor(api: TestApi, method: string, url: string): DeclaredRoute {
  const path = url.split("?")[0] ?? url;
  const matches = declaredRoutes(api).filter((route) => route.method === method && templatePattern(route.path).test(path));
  // A literal segment beats a parameter (`/payments/public` over `/payments/{id}`).
  matches.sort((a, b) => (a.path.match(/\{/g)?.length ?? 0) - (b.path.match(/\{/g)?.length ?? 0));
  const [route] = matches;
  if (!route) throw new Error(`No declared route serves ${method} ${path}`);
  return route;
}

/** The zod schema the route declares for a JSON response with `status`. */
export function declaredResponseSchema(route: DeclaredRoute, status: number): ZodType {
  const response = route.config.responses[status] ?? route.config.responses[String(status)];
  const content = response && "content" in response ? response.content : undefined;
  const media = content?.["application/json"];
  const schema = media && "schema" in media ? media.schema : undefined;
  if (!(schema instanceof ZodType)) throw new Error(`${route.key} declares no JSON schema for ${status}`);
  return schema;
}
