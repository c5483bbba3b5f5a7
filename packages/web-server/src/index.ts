export { type ListenOptions, listen, type WebServer } from "./listen.js";
export { API_URL_PLACEHOLDER, escapeAttribute, renderIndex } from "./render-index.js";
export {
  type AppPage,
  type ContentSecurityPolicy,
  createStaticApp,
  type ExtraFile,
  type SecurityHeaders,
  type StaticAppOptions,
  startStaticAppServer,
} from "./static-app.js";
