import { threeDsOtp } from "@paygate/contracts/test-values";
import { useState } from "preact/hooks";
import { Field } from "./field.js";
import { useFocusOnMount } from "./use-focus-on-mount.js";

interface Props {
  error?: string;
  testMode: boolean;
  onSubmit(otp: string): void;
}

/** The 3-D Secure step: the issuer's one-time password, simulated by the API in test mode. */
export function OtpStep({ error, testMode, onSubmit }: Props) {
  const [otp, setOtp] = useState("");
  const heading = useFocusOnMount<HTMLHeadingElement>();
  return (
    <form
      class="otp"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit(otp.trim());
      }}
    >
      <h2 ref={heading} tabIndex={-1}>
        Verify it's you
      </h2>
      <p>Your bank asks for the one-time password (3-D Secure) it sent to your phone.</p>
      {testMode ? <p class="muted">Test mode: {threeDsOtp} succeeds, any other code fails.</p> : null}
      <Field
        id="otp"
        label="One-time password"
        value={otp}
        error={error}
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={8}
        onInput={(event) => setOtp(event.currentTarget.value.replace(/\D/g, ""))}
      />
      <button type="submit" class="pay">
        Verify and pay
      </button>
    </form>
  );
}
