import { useEffect, useRef, useState } from "preact/hooks";

/**
 * Two clicks for an action that cannot be undone (refund, delete): the first asks, the second
 * acts. Inline rather than window.confirm so it stays keyboard- and screen-reader-friendly.
 */
export function ConfirmButton({
  label,
  confirmLabel,
  onConfirm,
}: {
  label: string;
  confirmLabel: string;
  onConfirm(): Promise<void>;
}) {
  const [state, setState] = useState<"idle" | "asking" | "busy">("idle");
  const confirm = useRef<HTMLButtonElement>(null);
  // The confirm button replaces the one just pressed, so the keyboard focus moves onto it.
  useEffect(() => {
    if (state === "asking") confirm.current?.focus();
  }, [state]);
  if (state === "idle") {
    return (
      <button type="button" onClick={() => setState("asking")}>
        {label}
      </button>
    );
  }
  return (
    <span class="confirm">
      <button
        type="button"
        class="danger"
        disabled={state === "busy"}
        ref={confirm}
        onClick={() => {
          setState("busy");
          onConfirm().finally(() => setState("idle"));
        }}
      >
        {state === "busy" ? "Working…" : confirmLabel}
      </button>
      <button type="button" disabled={state === "busy"} onClick={() => setState("idle")}>
        Cancel
      </button>
    </span>
  );
}
