/** Relative luminance (WCAG) of a #rgb / #rrggbb colour; alpha digits are ignored. */
function luminance(hex: string): number {
  const digits = hex.slice(1);
  const full = digits.length <= 4 ? [...digits.slice(0, 3)].map((d) => d + d).join("") : digits.slice(0, 6);
  const channels = [0, 2, 4].map((i) => {
    const c = Number.parseInt(full.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  const [r = 0, g = 0, b = 0] = channels;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/**
 * The merchant's `theme.color` as the accent, with black or white text on it, whichever reads
 * better. Set through the CSSOM, which the page's CSP (no inline styles) allows.
 */
export function applyTheme(color: string | undefined, root: HTMLElement = document.documentElement) {
  if (!color) return;
  root.style.setProperty("--accent", color);
  root.style.setProperty("--on-accent", luminance(color) > 0.4 ? "#0f172a" : "#ffffff");
}
