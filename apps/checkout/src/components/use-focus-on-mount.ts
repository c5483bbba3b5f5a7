import { useEffect, useRef } from "preact/hooks";

/**
 * Moves focus to the element when it mounts, so keyboard and screen-reader users land on each
 * new step (processing, OTP, result) instead of on a button that has disappeared.
 */
export function useFocusOnMount<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => ref.current?.focus(), []);
  return ref;
}
