import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import fontkit from "@pdf-lib/fontkit";
import { type PDFDocument, type PDFFont, type PDFPage, rgb } from "pdf-lib";

const require = createRequire(import.meta.url);

/**
 * Noto Sans (OFL 1.1, from an npm package, so no binary is committed): unlike the 14 standard PDF
 * fonts it has the rupee sign and every other symbol `Intl.NumberFormat` prints for our currencies.
 */
const fontFiles = {
  regular: "@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf",
  bold: "@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf",
} as const;

let fontBytes: Promise<{ regular: Uint8Array; bold: Uint8Array }> | undefined;

/** The font files, read once per process. */
function loadFontBytes() {
  fontBytes ??= Promise.all([readFile(require.resolve(fontFiles.regular)), readFile(require.resolve(fontFiles.bold))]).then(
    ([regular, bold]) => ({ regular, bold }),
  );
  return fontBytes;
}

export const A4 = { width: 595.28, height: 841.89 } as const;
export const MARGIN = 50;
const BOTTOM = 60;

const ink = rgb(0.1, 0.1, 0.12);
const muted = rgb(0.42, 0.44, 0.48);
const rule = rgb(0.82, 0.84, 0.87);

export interface TextStyle {
  size?: number;
  bold?: boolean;
  muted?: boolean;
  /** `x` is the right edge of the text instead of its left. */
  alignRight?: boolean;
}

/**
 * A top-down writer over pdf-lib's bottom-up pages: `y` is the baseline of the current line
 * measured from the top, new pages come when a line would not fit, and text the font cannot draw
 * becomes "?" (pdf-lib would otherwise draw an empty box and extraction would lose the character).
 */
export class PdfCanvas {
  y = MARGIN;
  private page: PDFPage;
  private readonly characters: Map<PDFFont, Set<number>>;

  private constructor(
    private readonly doc: PDFDocument,
    private readonly regular: PDFFont,
    private readonly bold: PDFFont,
  ) {
    this.page = doc.addPage([A4.width, A4.height]);
    this.characters = new Map([regular, bold].map((font) => [font, new Set(font.getCharacterSet())]));
  }

  static async create(doc: PDFDocument): Promise<PdfCanvas> {
    doc.registerFontkit(fontkit);
    const bytes = await loadFontBytes();
    // Whole fonts (~300 KB each, compressed): @pdf-lib/fontkit's subsetter writes a broken `loca`
    // table for TrueType fonts like this one, and most glyphs then render blank (pdf-lib#494,
    // fixed in upstream fontkit only). Text extraction would not notice: the ToUnicode map is fine.
    const [regular, bold] = await Promise.all([
      doc.embedFont(bytes.regular, { subset: false }),
      doc.embedFont(bytes.bold, { subset: false }),
    ]);
    return new PdfCanvas(doc, regular, bold);
  }

  private font(style: TextStyle) {
    return style.bold ? this.bold : this.regular;
  }

  /** Replaces what the font has no glyph for, and the control characters a line cannot hold. */
  printable(text: string, style: TextStyle = {}): string {
    const supported = this.characters.get(this.font(style)) ?? new Set<number>();
    let out = "";
    for (const char of text.replace(/[\t\r\n]+/g, " ")) {
      const code = char.codePointAt(0) ?? 0;
      out += code >= 0x20 && supported.has(code) ? char : "?";
    }
    return out;
  }

  width(text: string, style: TextStyle = {}): number {
    return this.font(style).widthOfTextAtSize(this.printable(text, style), style.size ?? 10);
  }

  /** Draws one line of text at `x` on the current line (`y`). */
  text(x: number, text: string, style: TextStyle = {}) {
    const size = style.size ?? 10;
    const clean = this.printable(text, style);
    const font = this.font(style);
    const left = style.alignRight ? x - font.widthOfTextAtSize(clean, size) : x;
    this.page.drawText(clean, { x: left, y: A4.height - this.y, size, font, color: style.muted ? muted : ink });
  }

  /** Moves to the next line, starting a new page when it would not fit. */
  advance(height: number) {
    this.y += height;
    if (this.y > A4.height - BOTTOM) {
      this.page = this.doc.addPage([A4.width, A4.height]);
      this.y = MARGIN + height;
    }
  }

  /** A thin horizontal rule across the content width, just below the current line. */
  rule(from = MARGIN, to = A4.width - MARGIN) {
    const y = A4.height - this.y - 6;
    this.page.drawLine({ start: { x: from, y }, end: { x: to, y }, thickness: 0.6, color: rule });
  }

  /** Breaks `text` into lines no wider than `maxWidth` (by words; a too-long word is cut). */
  wrap(text: string, maxWidth: number, style: TextStyle = {}): string[] {
    const lines: string[] = [];
    for (const paragraph of text.split(/\r?\n/)) {
      let line = "";
      for (const word of paragraph.split(/\s+/).filter(Boolean)) {
        const candidate = line ? `${line} ${word}` : word;
        if (this.width(candidate, style) <= maxWidth) {
          line = candidate;
          continue;
        }
        if (line) lines.push(line);
        line = word;
        while (this.width(line, style) > maxWidth && line.length > 1) {
          let cut = line.length - 1;
          while (cut > 1 && this.width(line.slice(0, cut), style) > maxWidth) cut--;
          lines.push(line.slice(0, cut));
          line = line.slice(cut);
        }
      }
      lines.push(line);
    }
    return lines;
  }

  /** Wrapped text starting on the current line; leaves `y` on its last line. */
  paragraph(x: number, text: string, maxWidth: number, style: TextStyle = {}) {
    const lineHeight = (style.size ?? 10) * 1.45;
    this.wrap(text, maxWidth, style).forEach((line, index) => {
      if (index > 0) this.advance(lineHeight);
      this.text(x, line, style);
    });
  }
}
