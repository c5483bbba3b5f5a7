import type { ListPage, Order } from "@paygate/contracts";
import { orderStatuses } from "@paygate/contracts/enums";
import { useState } from "preact/hooks";
import type { ApiClient } from "../api-client.js";
import { formatDate, formatMoney } from "../format.js";
import { ErrorMessage, StatusBadge } from "./feedback.js";
import { PAGE_SIZE, Pager, StatusFilter } from "./pager.js";
import { useLoad } from "./use-load.js";

export function OrdersPage({ api }: { api: ApiClient }) {
  const [status, setStatus] = useState("");
  const [offset, setOffset] = useState(0);
  const orders = useLoad(() => api.get<ListPage<Order>>("/orders", { status, limit: PAGE_SIZE, offset }), [status, offset]);
  return (
    <section aria-labelledby="orders-title">
      <h1 id="orders-title">Orders</h1>
      <StatusFilter
        id="order-status"
        value={status}
        options={orderStatuses}
        onChange={(value) => {
          setStatus(value);
          setOffset(0);
        }}
      />
      <ErrorMessage error={orders.error} />
      <table aria-busy={orders.loading}>
        <thead>
          <tr>
            <th scope="col">Order</th>
            <th scope="col">Amount</th>
            <th scope="col">Paid</th>
            <th scope="col">Status</th>
            <th scope="col">Receipt</th>
            <th scope="col">Created</th>
          </tr>
        </thead>
        <tbody>
          {orders.data?.items.map((order) => (
            <tr key={order.id}>
              <td>
                <code>{order.id}</code>
              </td>
              <td>{formatMoney(order.amount, order.currency)}</td>
              <td>{formatMoney(order.amount_paid, order.currency)}</td>
              <td>
                <StatusBadge status={order.status} />
              </td>
              <td>{order.receipt ?? "—"}</td>
              <td>{formatDate(order.created_at)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager page={orders.data} offset={offset} onOffset={setOffset} />
    </section>
  );
}
