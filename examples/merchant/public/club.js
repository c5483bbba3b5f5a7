// The Chai club on the shop page: join (first month paid in PayGate's modal, card saved), see the
// membership with its next renewal, cancel it. The server does every PayGate call.
(() => {
  const { checkoutUrl, paygateKey } = document.currentScript.dataset;
  const { $, api, element, toLogin } = window.shop;
  if (!$("subscribe")) return; // anonymous visitors get a "Log in to subscribe" link
  const say = (text) => {
    $("club-message").textContent = text;
  };
  const dateFormat = new Intl.DateTimeFormat("en-IN", { dateStyle: "medium", timeZone: "UTC" });
  let lastJson = "";

  function openCheckout(membership) {
    if (!window.PaymentGateway) {
      say(`The checkout could not be loaded from ${checkoutUrl}. Is it running?`);
      return;
    }
    const checkout = window.PaymentGateway.open({
      key: paygateKey,
      orderId: membership.paygate_order_id,
      name: "Chai & Co.",
      description: "Chai club, first month",
      onSuccess: async (result) => {
        setTimeout(() => checkout.close(), 1500);
        say("Payment received. Setting up your monthly renewal with the card you saved…");
        try {
          const updated = await api(`/api/subscriptions/${membership.id}/payment-result`, result);
          say(updated.status === "active" ? "Welcome to the Chai club!" : (updated.note ?? "Not active yet."));
        } catch (error) {
          say(`The payment could not be verified: ${error.message}`);
        }
        refresh();
      },
      onFailure: (failure) => say(`Payment failed: ${failure.error.description}. You can try again in the checkout.`),
      onClose: () => say("Checkout closed. Join again to pay the first month."),
    });
  }

  async function join() {
    $("subscribe").disabled = true;
    try {
      openCheckout(await api("/api/subscriptions", { plan: "chai-club" }));
    } catch (error) {
      say(`Could not join: ${error.message}`);
    } finally {
      $("subscribe").disabled = false;
    }
    refresh();
  }

  async function cancel(membership) {
    try {
      await api(`/api/subscriptions/${membership.id}/cancel`, {});
      say("Your membership is cancelled: no more charges.");
    } catch (error) {
      say(`Could not cancel: ${error.message}`);
    }
    refresh();
  }

  function render(items) {
    $("memberships").replaceChildren(
      ...items.map((membership) => {
        const actions = element("td");
        if (membership.status === "active" || membership.status === "past_due") {
          actions.append(
            element("button", {
              type: "button",
              textContent: "Cancel",
              ariaLabel: `Cancel membership ${membership.id}`,
              onclick: () => cancel(membership),
            }),
          );
        }
        const status = element("td", {
          className: `status status-${membership.status}`,
          textContent: membership.status.replace("_", " "),
        });
        if (membership.note) status.append(element("div", { className: "note", textContent: membership.note }));
        return element("tr", {}, [
          element("td", { textContent: membership.id }),
          element("td", { textContent: membership.amount_display }),
          status,
          element("td", { textContent: membership.renews_at ? dateFormat.format(new Date(membership.renews_at)) : "—" }),
          actions,
        ]);
      }),
    );
  }

  // Renewals arrive by webhook; the same once-a-second polling as the orders keeps this live.
  async function refresh() {
    try {
      const { items } = await api("/api/subscriptions");
      const json = JSON.stringify(items);
      if (json === lastJson) return;
      lastJson = json;
      render(items);
      // One membership at a time: joining again while active would be refused anyway.
      $("subscribe").hidden = items.some((m) => m.status === "active" || m.status === "past_due");
    } catch (error) {
      if (error.status === 401) toLogin();
    }
  }

  $("subscribe").addEventListener("click", join);
  refresh();
  setInterval(refresh, 1000);
})();
