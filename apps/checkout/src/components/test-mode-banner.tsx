import { groupCardNumber, magicCards, magicVpas, threeDsOtp } from "@paygate/contracts/test-values";

/** SPEC §6's magic values (the featured few of the contracts' table), so a tester need not look them up. */
const samples: [string, string][] = [
  ...Object.entries(magicCards)
    .filter(([, card]) => card.featured)
    .map(([digits, card]): [string, string] => [
      groupCardNumber(digits),
      card.outcome === "3ds" ? `${card.label} (OTP ${threeDsOtp})` : card.label,
    ]),
  ...Object.entries(magicVpas)
    .filter(([, vpa]) => vpa.featured)
    .map(([vpa, value]): [string, string] => [vpa, value.label]),
];

export function TestModeBanner() {
  return (
    <aside class="test-banner" aria-label="Test mode">
      <details>
        <summary>
          <strong>Test mode</strong> · test cards and UPI IDs
        </summary>
        <dl>
          {samples.map(([value, outcome]) => (
            <div key={value}>
              <dt>{value}</dt>
              <dd>{outcome}</dd>
            </div>
          ))}
        </dl>
        <p>Any future expiry and any CVV work.</p>
      </details>
    </aside>
  );
}
