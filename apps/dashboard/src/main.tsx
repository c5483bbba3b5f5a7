import { render } from "preact";
import { App } from "./components/app.js";
import { readApiUrl } from "./config.js";
import "./styles.css";

const root = document.getElementById("app");
if (root) render(<App apiUrl={readApiUrl(document)} />, root);
