// Helpers every page shares. Plain browser JavaScript on purpose: an integrator can read it without a build.
window.shop = (() => {
  const $ = (id) => document.getElementById(id);

  /**
   * Calls the shop's JSON API. The session cookie goes along by itself (same origin, HttpOnly, so
   * no script ever sees it); the browser adds the Origin header the server checks against CSRF.
   */
  async function api(path, body) {
    const init =
      body === undefined ? {} : { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) };
    const response = await fetch(path, init);
    const data = response.status === 204 ? {} : await response.json();
    if (!response.ok) {
      const error = new Error(data.error?.description ?? data.error?.type ?? `HTTP ${response.status}`);
      error.status = response.status;
      throw error;
    }
    return data;
  }

  function element(tag, props = {}, children = []) {
    const node = Object.assign(document.createElement(tag), props);
    for (const child of children) node.append(child);
    return node;
  }

  const say = (text) => {
    const message = $("message");
    if (message) message.textContent = text;
  };

  /** A session that ended (logout elsewhere, expiry) sends the shopper back to the login page. */
  const toLogin = () => location.assign(`/login?next=${encodeURIComponent(location.pathname)}`);

  $("logout")?.addEventListener("click", async () => {
    await api("/api/auth/logout", {}).catch(() => {});
    location.assign("/login");
  });

  return { $, api, element, say, toLogin };
})();
