// The admin page: every shopper's orders, with the actions only the shop's staff may take.
const { $, api, element, say, toLogin } = window.shop;
let lastJson = "";

/** Posts one admin action and tells the result; the webhook-driven statuses follow by polling. */
async function act(order, action, body = {}, done = `${order.id}: done.`) {
  if (document.activeElement?.matches("#orders input")) document.activeElement.blur(); // let the table refresh
  say(`${order.id}: working…`);
  try {
    await api(`/api/admin/orders/${order.id}/${action}`, body);
    say(done);
  } catch (error) {
    say(`${order.id}: ${error.message}`);
  }
  refresh();
}

const button = (text, label, onclick) => element("button", { type: "button", textContent: text, ariaLabel: label, onclick });

/** Tracking number and URL, then Ship. Labelled inputs, so screen readers and tests find them. */
function shipForm(order) {
  const field = (name, label, type) => {
    const id = `${name}-${order.id}`;
    return [element("label", { htmlFor: id, textContent: label }), element("input", { id, name, type, required: true })];
  };
  const form = element("form", { className: "ship" }, [
    ...field("tracking_number", "Tracking number", "text"),
    ...field("tracking_url", "Tracking URL (https)", "url"),
    element("button", { type: "submit", textContent: "Ship", ariaLabel: `Ship ${order.id}` }),
  ]);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const data = Object.fromEntries(new FormData(form));
    act(order, "ship", data, `${order.id} is shipped.`);
  });
  return form;
}

// What the admin may do in each status (the server checks again: these are only the buttons).
function actionsFor(order) {
  const refund = button("Refund", `Refund ${order.id}`, () =>
    act(order, "refund", {}, `Refund requested for ${order.id}. It shows "refunded" once PayGate's webhook confirms it.`),
  );
  const cancel = button("Cancel order", `Cancel ${order.id}`, () =>
    act(order, "cancel", {}, `Cancelling ${order.id}: refunding through PayGate.`),
  );
  switch (order.status) {
    case "paid":
      return [
        button("Confirm", `Confirm ${order.id}`, () => act(order, "confirm", {}, `${order.id} is confirmed.`)),
        cancel,
        refund,
      ];
    case "confirmed":
      return [shipForm(order), cancel, refund];
    case "shipped":
      return [
        button("Mark delivered", `Mark ${order.id} delivered`, () => act(order, "deliver", {}, `${order.id} is delivered.`)),
        refund,
      ];
    case "delivered":
      return [refund];
    default:
      return [];
  }
}

function history(order) {
  const steps = order.history.map((step) =>
    element("li", { textContent: `${step.to.replace("_", " ")} — ${step.by}, ${new Date(step.at).toLocaleString()}` }),
  );
  return element("details", {}, [element("summary", { textContent: `History (${steps.length})` }), element("ol", {}, steps)]);
}

function render(orders) {
  $("orders").replaceChildren(
    ...orders.map((order) => {
      const status = element("td", { className: `status status-${order.status}`, textContent: order.status.replace("_", " ") });
      status.dataset.testid = "order-status";
      if (order.tracking_number) status.append(element("div", { className: "note", textContent: order.tracking_number }));
      if (order.note) status.append(element("div", { className: "note", textContent: order.note }));
      const row = element("tr", {}, [
        element("td", { textContent: order.id }),
        element("td", { textContent: order.customer_email ?? "—" }),
        element("td", { textContent: order.items.map((item) => `${item.quantity} × ${item.name}`).join(", ") }),
        element("td", { textContent: order.amount_display }),
        status,
        element("td", {}, [history(order)]),
        element("td", {}, [element("div", { className: "actions" }, actionsFor(order))]),
      ]);
      row.dataset.orderId = order.id;
      return row;
    }),
  );
}

async function refresh() {
  try {
    const { items } = await api("/api/admin/orders");
    const json = JSON.stringify(items);
    // Not while the admin is typing tracking details: re-rendering would wipe the form.
    const typing = document.activeElement?.matches("#orders input");
    if (json !== lastJson && !typing) {
      lastJson = json;
      render(items);
    }
  } catch (error) {
    if (error.status === 401 || error.status === 403) toLogin();
  }
}

refresh();
setInterval(refresh, 1000);
