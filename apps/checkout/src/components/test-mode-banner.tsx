/** SPEC §6's magic values, so a tester need not look them up. */
const samples: [string, string][] = [
  ["4242 4242 4242 4242", "Card succeeds"],
  ["4000 0000 0000 0002", "Card declined"],
  ["4000 0027 6000 3184", "3-D Secure (OTP 123456)"],
  ["success@paygate", "UPI succeeds"],
  ["failure@paygate", "UPI declined"],
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
