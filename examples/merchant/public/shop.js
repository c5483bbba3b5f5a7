// The shop page: products, the cart, PayGate's checkout modal and the shopper's own orders.
const { checkoutUrl, paygateKey } = document.currentScript.dataset;
const { $, api, element, say, toLogin } = window.shop;
// The cart survives the detour through the login page (sessionStorage: this tab only).
const cart = new Map(JSON.parse(sessionStorage.getItem("cart") ?? "[]"));
let products = [];
let lastOrdersJson = "";
const knownStatuses = new Map();
// Anonymous visitors get the catalogue and a "Log in to buy" link instead of Pay and orders.
const loggedIn = $("pay") !== null;

const rupees = new Intl.NumberFormat("en-IN", { style: "currency", currency: "INR" });

function renderProducts() {
  $("products").replaceChildren(
    ...products.map((product) =>
      element("li", {}, [
        element("div", { className: "swatch", textContent: product.name[0], style: `background: ${product.color}` }),
        element("h3", { textContent: product.name }),
        element("p", { textContent: product.price_display }),
        element("button", {
          type: "button",
          textContent: "Add to cart",
          ariaLabel: `Add ${product.name} to cart`,
          onclick: () => {
            cart.set(product.id, (cart.get(product.id) ?? 0) + 1);
            renderCart();
          },
        }),
      ]),
    ),
  );
}

function renderCart() {
  let total = 0;
  const lines = [];
  for (const [id, quantity] of cart) {
    const product = products.find((p) => p.id === id);
    if (!product) continue; // a stale saved cart
    total += product.price * quantity;
    lines.push(
      element("li", { textContent: `${quantity} × ${product.name} ` }, [
        element("button", {
          type: "button",
          textContent: "Remove",
          ariaLabel: `Remove ${product.name}`,
          onclick: () => {
            cart.delete(id);
            renderCart();
          },
        }),
      ]),
    );
  }
  $("cart-lines").replaceChildren(...lines);
  sessionStorage.setItem("cart", JSON.stringify([...cart]));
  $("cart-total").textContent = rupees.format(total / 100);
  if (loggedIn) $("pay").disabled = cart.size === 0;
}

function openCheckout(order) {
  if (!window.PaymentGateway) {
    say(`The checkout could not be loaded from ${checkoutUrl}. Is it running?`);
    return;
  }
  const checkout = window.PaymentGateway.open({
    key: paygateKey,
    orderId: order.paygate_order_id,
    name: "Chai & Co.",
    description: `Order ${order.id}`,
    onSuccess: async (result) => {
      // Let the shopper see the checkout's success screen briefly; the shop page takes over.
      setTimeout(() => checkout.close(), 1500);
      cart.clear();
      renderCart();
      say("Payment received. Waiting for PayGate's signed webhook to mark the order paid…");
      try {
        await api(`/api/orders/${order.id}/payment-result`, result);
      } catch (error) {
        say(`The payment could not be verified: ${error.message}`);
      }
      refreshOrders();
    },
    onFailure: (failure) => say(`Payment failed: ${failure.error.description}. You can try again in the checkout.`),
    onClose: () => say("Checkout closed. Your order is saved below; you can pay it later."),
  });
}

async function pay() {
  $("pay").disabled = true;
  say("Creating your order…");
  try {
    const items = [...cart].map(([id, quantity]) => ({ id, quantity }));
    // The promo code goes on the order's PayGate invoice; PayGate says why when it does not apply.
    const promoCode = $("promo-code").value.trim();
    const order = await api("/api/orders", { items, ...(promoCode ? { promo_code: promoCode } : {}) });
    $("promo-code").value = "";
    say(
      order.discount_display
        ? `Order ${order.id} created for ${order.amount_display} (${order.discount_display}).`
        : `Order ${order.id} created for ${order.amount_display}.`,
    );
    openCheckout(order);
  } catch (error) {
    say(`Could not create the order: ${error.message}`);
  } finally {
    $("pay").disabled = cart.size === 0;
  }
  refreshOrders();
}

function renderOrders(orders) {
  $("orders").replaceChildren(
    ...orders.map((order) => {
      const actions = element("td");
      if (order.status === "awaiting_payment") {
        actions.append(
          element("button", {
            type: "button",
            textContent: "Pay now",
            ariaLabel: `Pay ${order.id}`,
            onclick: () => openCheckout(order),
          }),
        );
      }
      // The invoice comes from PayGate through the shop's server (which holds the API secret).
      if (order.paygate_invoice_id) {
        actions.append(
          element("a", {
            href: `/api/orders/${encodeURIComponent(order.id)}/invoice.pdf`,
            textContent: "Invoice (PDF)",
            ariaLabel: `Download the invoice for ${order.id} (PDF)`,
          }),
        );
      }
      const status = element("td", { className: `status status-${order.status}`, textContent: order.status.replace("_", " ") });
      status.dataset.testid = "order-status";
      if (order.note) status.append(element("div", { className: "note", textContent: order.note }));
      // The server accepts only https tracking URLs, so this link cannot be a javascript: one.
      if (order.tracking_url) {
        const link = element("a", {
          href: order.tracking_url,
          textContent: `Track ${order.tracking_number}`,
          rel: "noopener noreferrer",
        });
        link.target = "_blank";
        status.append(element("div", { className: "note" }, [link]));
      }
      const row = element("tr", {}, [
        element("td", { textContent: order.id }),
        element("td", { textContent: order.items.map((item) => `${item.quantity} × ${item.name}`).join(", ") }),
        element("td", {
          // What the invoice bills (or PayGate captured), with the cart's promo code.
          textContent: order.discount_display
            ? `${order.amount_paid_display ?? order.amount_display} (${order.discount_display})`
            : order.amount_display,
        }),
        status,
        element("td", { textContent: order.events.join(", ") || "—" }),
        actions,
      ]);
      row.dataset.orderId = order.id;
      return row;
    }),
  );
}

/** Tells the shopper when a webhook moved one of their orders (after the first load). */
function announceChanges(orders) {
  for (const order of orders) {
    const before = knownStatuses.get(order.id);
    knownStatuses.set(order.id, order.status);
    if (before === undefined || before === order.status) continue;
    if (order.status === "paid") say(`Order ${order.id} is paid: PayGate's signed webhook confirmed it.`);
    if (order.status === "refunded") say(`Order ${order.id} is refunded: PayGate's signed webhook confirmed it.`);
  }
}

// Polling keeps the page live with no extra moving parts; once a second is plenty for a demo.
async function refreshOrders() {
  try {
    const { items } = await api("/api/orders");
    const json = JSON.stringify(items);
    if (json !== lastOrdersJson) {
      lastOrdersJson = json;
      announceChanges(items);
      renderOrders(items);
    }
  } catch (error) {
    if (error.status === 401) toLogin();
    // anything else: the next tick tries again
  }
}

api("/api/products").then(({ items }) => {
  products = items;
  renderProducts();
  renderCart();
});
if (loggedIn) {
  $("pay").addEventListener("click", pay);
  refreshOrders();
  setInterval(refreshOrders, 1000);
}
