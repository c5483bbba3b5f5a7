export { API_URL_PLACEHOLDER, renderIndex } from "./html.js";
export { type ExtraFile, type StaticAppOptions, type StaticAppServer, startStaticAppServer } from "./static-app-server.js";
