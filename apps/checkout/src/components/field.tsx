import type { JSX } from "preact";

type InputProps = Omit<JSX.InputHTMLAttributes<HTMLInputElement>, "id" | "label">;

interface FieldProps extends InputProps {
  id: string;
  label: string;
  error?: string;
  /** Shown inside the field's label row, e.g. the detected card network. */
  aside?: string;
}

/**
 * A labelled input whose error is tied to it (aria-describedby, aria-invalid) and announced
 * politely when it appears.
 */
export function Field({ id, label, error, aside, ...input }: FieldProps) {
  const errorId = `${id}-error`;
  return (
    <div class="field">
      <div class="field-label">
        <label for={id}>{label}</label>
        {aside ? <span class="field-aside">{aside}</span> : null}
      </div>
      <input id={id} aria-invalid={error ? "true" : undefined} aria-describedby={errorId} {...input} />
      <p id={errorId} class="field-error" aria-live="polite">
        {error ?? ""}
      </p>
    </div>
  );
}

interface SelectProps {
  id: string;
  label: string;
  value: string;
  options: { value: string; label: string }[];
  onChange(value: string): void;
}

export function SelectField({ id, label, value, options, onChange }: SelectProps) {
  return (
    <div class="field">
      <div class="field-label">
        <label for={id}>{label}</label>
      </div>
      <select id={id} value={value} onChange={(event) => onChange(event.currentTarget.value)}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
