import { useEffect, useMemo, useState } from "preact/hooks";
import { createApiClient } from "../api-client.js";
import { roleFromToken } from "../format.js";
import { AdminPage } from "./admin-page.js";
import { SecretNotice } from "./feedback.js";
import { InvoiceDetailPage, InvoicesPage } from "./invoices-page.js";
import { LoginPage, type SignedIn } from "./login-page.js";
import { OrdersPage } from "./orders-page.js";
import { OverviewPage } from "./overview-page.js";
import { PaymentsPage } from "./payments-page.js";
import { SettingsPage } from "./settings-page.js";
import { useHashRoute } from "./use-hash-route.js";
import { WebhookDetailPage, WebhooksPage } from "./webhooks-page.js";

const MERCHANT_NAV: [string, string][] = [
  ["/", "Overview"],
  ["/orders", "Orders"],
  ["/payments", "Payments"],
  ["/invoices", "Invoices"],
  ["/webhooks", "Webhooks"],
  ["/settings", "Settings"],
];
const ADMIN_NAV: [string, string][] = [["/admin", "Admin"]];
// Only the display name survives a reload; the access token stays in memory, the refresh token in its cookie.
const NAME_KEY = "paygate.dashboard.name";

export function App({ apiUrl }: { apiUrl: string }) {
  const [session, setSession] = useState<SignedIn | null | "resuming">("resuming");
  const api = useMemo(() => createApiClient({ apiUrl, onSignedOut: () => setSession(null) }), [apiUrl]);
  const route = useHashRoute();

  useEffect(() => {
    api.resume().then((access) => {
      const role = access ? roleFromToken(access) : null;
      setSession(role ? { role, name: sessionStorage.getItem(NAME_KEY) ?? "", email: "" } : null);
    });
  }, [api]);

  if (session === "resuming") return <p aria-busy="true">Loading…</p>;
  if (!session) {
    return (
      <LoginPage
        api={api}
        onSignedIn={(signedIn) => {
          sessionStorage.setItem(NAME_KEY, signedIn.name);
          // Admins cannot use merchant endpoints (the API answers 403), so they land on their page.
          location.hash = signedIn.role === "admin" ? "#/admin" : "#/";
          setSession(signedIn);
        }}
      />
    );
  }

  const nav = session.role === "admin" ? ADMIN_NAV : MERCHANT_NAV;
  const path = session.role === "admin" ? "/admin" : route;
  const webhookId = /^\/webhooks\/([^/]+)$/.exec(path)?.[1];
  const invoiceId = /^\/invoices\/([^/]+)$/.exec(path)?.[1];
  const page =
    path === "/admin" ? (
      <AdminPage api={api} />
    ) : path === "/orders" ? (
      <OrdersPage api={api} />
    ) : path === "/payments" ? (
      <PaymentsPage api={api} />
    ) : path === "/invoices" ? (
      <InvoicesPage api={api} />
    ) : invoiceId ? (
      <InvoiceDetailPage api={api} id={decodeURIComponent(invoiceId)} />
    ) : path === "/webhooks" ? (
      <WebhooksPage api={api} />
    ) : webhookId ? (
      <WebhookDetailPage api={api} id={decodeURIComponent(webhookId)} />
    ) : path === "/settings" ? (
      <SettingsPage api={api} />
    ) : (
      <OverviewPage api={api} />
    );

  return (
    <>
      {/* A button, not an anchor: "#main" would be read as a route by the hash router. */}
      <button type="button" class="skip" onClick={() => document.getElementById("main")?.focus()}>
        Skip to content
      </button>
      <header>
        <strong>PayGate</strong>
        <nav aria-label="Main">
          <ul>
            {nav.map(([href, label]) => (
              <li key={href}>
                <a href={`#${href}`} aria-current={path === href || path.startsWith(`${href}/`) ? "page" : undefined}>
                  {label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <span class="muted">{session.name}</span>
        <button
          type="button"
          onClick={() => {
            sessionStorage.removeItem(NAME_KEY);
            void api.signOut().then(() => setSession(null));
          }}
        >
          Log out
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        {session.secrets ? (
          <SecretNotice
            title="Your API credentials"
            values={[
              ["API key", session.secrets.api_key],
              ["API secret", session.secrets.api_secret],
              ["Webhook secret", session.secrets.webhook_secret],
            ]}
            onDismiss={() => setSession({ ...session, secrets: undefined })}
          />
        ) : null}
        {page}
      </main>
    </>
  );
}
