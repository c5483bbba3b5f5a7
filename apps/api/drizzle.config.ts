import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "postgresql",
  schema: "./src/db/schema/index.ts",
  out: "./drizzle",
  // Column names are the snake_case of the schema's keys; the client uses the same casing.
  casing: "snake_case",
});
