import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { ApiError } from "../api-client.js";

export interface Loaded<T> {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
  reload(): void;
}

/** Runs `load` whenever `deps` change (and on `reload()`), ignoring answers that arrive late. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data: T | null; error: ApiError | null; loading: boolean }>({
    data: null,
    error: null,
    loading: true,
  });
  const [tick, setTick] = useState(0);
  const latest = useRef(0);

  // The caller's deps decide when `load` is new (it is a fresh closure on every render).
  useEffect(() => {
    const run = ++latest.current;
    setState((previous) => ({ ...previous, loading: true }));
    load().then(
      (data) => run === latest.current && setState({ data, error: null, loading: false }),
      (error: unknown) =>
        run === latest.current && setState((previous) => ({ ...previous, error: toApiError(error), loading: false })),
    );
  }, [...deps, tick]);

  return { ...state, reload: useCallback(() => setTick((value) => value + 1), []) };
}

export function toApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError("internal_error", 1500, 0, String(error));
}
