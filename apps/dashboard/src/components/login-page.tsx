import type { RegisterResult, Role, TokenResult } from "@paygate/contracts";
import { useState } from "preact/hooks";
import type { ApiClient, ApiError } from "../api-client.js";
import { ErrorMessage } from "./feedback.js";
import { toApiError } from "./use-load.js";

export interface SignedIn {
  role: Role;
  name: string;
  email: string;
  /** Sign-up only: the secrets the API shows once. */
  secrets?: Pick<RegisterResult, "api_key" | "api_secret" | "webhook_secret">;
}

/** Log in, or create a merchant account (toggle between the two forms). */
export function LoginPage({ api, onSignedIn }: { api: ApiClient; onSignedIn(session: SignedIn): void }) {
  const [mode, setMode] = useState<"login" | "register">("login");
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const field = (name: string) => String(form.get(name) ?? "");
    setBusy(true);
    setError(null);
    try {
      if (mode === "login") {
        const data = await api.signIn<TokenResult>("token", { email: field("email"), password: field("password") });
        onSignedIn({ role: data.role, name: data.name, email: data.email });
      } else {
        const data = await api.signIn<RegisterResult>("register", {
          email: field("email"),
          name: field("name"),
          password: field("password"),
        });
        const { api_key, api_secret, webhook_secret } = data;
        onSignedIn({ role: "merchant", name: data.name, email: data.email, secrets: { api_key, api_secret, webhook_secret } });
      }
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setBusy(false);
    }
  }

  const registering = mode === "register";
  return (
    <main class="login">
      <h1>{registering ? "Create a merchant account" : "Log in to PayGate"}</h1>
      <form onSubmit={submit}>
        {registering && (
          <p>
            <label for="name">Business name</label>
            <input id="name" name="name" required maxLength={100} autoComplete="organization" />
          </p>
        )}
        <p>
          <label for="email">Email</label>
          <input id="email" name="email" type="email" required autoComplete="email" />
        </p>
        <p>
          <label for="password">Password</label>
          <input
            id="password"
            name="password"
            type="password"
            required
            minLength={registering ? 8 : 1}
            autoComplete={registering ? "new-password" : "current-password"}
          />
        </p>
        <ErrorMessage error={error} />
        <button type="submit" disabled={busy}>
          {busy ? "Please wait…" : registering ? "Sign up" : "Log in"}
        </button>
      </form>
      <p>
        <button
          type="button"
          class="link"
          onClick={() => {
            setMode(registering ? "login" : "register");
            setError(null);
          }}
        >
          {registering ? "I already have an account" : "Create an account"}
        </button>
      </p>
    </main>
  );
}
