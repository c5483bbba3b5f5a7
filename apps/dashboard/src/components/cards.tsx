/** Labelled figures as a definition list of cards (the overview's and the admin's stats). */
export function Cards({ cards }: { cards: [string, string][] }) {
  return (
    <dl class="cards">
      {cards.map(([label, value]) => (
        <div class="card" key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
