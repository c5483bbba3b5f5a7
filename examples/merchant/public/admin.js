// The admin page: every shopper's orders, with the actions only the shop's staff may take.
const { $, api, element, say, toLogin } = window.shop;
let lastJson = "";

async function refund(order) {
  say(`Requesting a refund for ${order.id}…`);
  try {
    await api(`/api/admin/orders/${order.id}/refund`, {});
    say(`Refund requested for ${order.id}. It shows "refunded" once PayGate's webhook confirms it.`);
  } catch (error) {
    say(`Refund failed: ${error.message}`);
  }
  refresh();
}

function render(orders) {
  $("orders").replaceChildren(
    ...orders.map((order) => {
      const actions = element("td");
      if (order.status === "paid") {
        actions.append(
          element("button", {
            type: "button",
            textContent: "Refund",
            ariaLabel: `Refund ${order.id}`,
            onclick: () => refund(order),
          }),
        );
      }
      const status = element("td", { className: `status status-${order.status}`, textContent: order.status.replace("_", " ") });
      status.dataset.testid = "order-status";
      if (order.note) status.append(element("div", { className: "note", textContent: order.note }));
      const row = element("tr", {}, [
        element("td", { textContent: order.id }),
        element("td", { textContent: order.customer_email ?? "—" }),
        element("td", { textContent: order.items.map((item) => `${item.quantity} × ${item.name}`).join(", ") }),
        element("td", { textContent: order.amount_display }),
        status,
        actions,
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
    if (json !== lastJson) {
      lastJson = json;
      render(items);
    }
  } catch (error) {
    if (error.status === 401 || error.status === 403) toLogin();
  }
}

refresh();
setInterval(refresh, 1000);
