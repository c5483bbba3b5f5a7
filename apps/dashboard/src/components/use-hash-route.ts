import { useEffect, useState } from "preact/hooks";

const current = () => location.hash.replace(/^#/, "") || "/";

/** The path after `#` ("/orders", "/webhooks/whd_…"); "/" when there is none. */
export function useHashRoute(): string {
  const [route, setRoute] = useState(current);
  useEffect(() => {
    const update = () => setRoute(current());
    addEventListener("hashchange", update);
    return () => removeEventListener("hashchange", update);
  }, []);
  return route;
}
