import "server-only";
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from "pdf-lib";
import QRCode from "qrcode";

/** A4 in points, with the margin every page keeps. */
const PAGE_WIDTH = 595.28;
const PAGE_HEIGHT = 841.89;
const MARGIN = 56;
const TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN;
const INK = rgb(0.07, 0.09, 0.15);
const MUTED = rgb(0.3, 0.33, 0.4);

export type FontKind = "regular" | "bold" | "mono";

interface Style {
  font?: FontKind;
  size?: number;
  muted?: boolean;
  /** Left indent in points. */
  indent?: number;
}

/**
 * Flowing text for generated documents: words wrap at the margin, a word longer than a line (a hash, a URL) breaks
 * between characters, and pages are added as the text runs on. The standard PDF fonts only encode Windows-1252, so a
 * character outside it is drawn as "?" (the exact text is in the JSON files the caller attaches); line breaks in the
 * text are kept, so Markdown reads as it was written.
 */
export class PdfTextWriter {
  private page!: PDFPage;
  private y = 0;
  private readonly encodable: Record<FontKind, ReadonlySet<number>>;

  private constructor(
    readonly doc: PDFDocument,
    private readonly fonts: Record<FontKind, PDFFont>,
    private readonly footer: string,
  ) {
    this.encodable = {
      regular: new Set(fonts.regular.getCharacterSet()),
      bold: new Set(fonts.bold.getCharacterSet()),
      mono: new Set(fonts.mono.getCharacterSet()),
    };
    this.newPage();
  }

  /** A new document; `footer` is printed at the bottom of every page with the page number. */
  static async create(meta: { title: string; subject: string; footer: string }): Promise<PdfTextWriter> {
    const doc = await PDFDocument.create();
    doc.setTitle(meta.title);
    doc.setSubject(meta.subject);
    doc.setCreator("TrialProof");
    doc.setProducer("TrialProof");
    const fonts = {
      regular: await doc.embedFont(StandardFonts.Helvetica),
      bold: await doc.embedFont(StandardFonts.HelveticaBold),
      mono: await doc.embedFont(StandardFonts.Courier),
    };
    return new PdfTextWriter(doc, fonts, meta.footer);
  }

  private newPage(): void {
    this.page = this.doc.addPage([PAGE_WIDTH, PAGE_HEIGHT]);
    this.y = PAGE_HEIGHT - MARGIN;
  }

  /** Starts a new page unless `height` points still fit on this one. */
  ensure(height: number): void {
    if (this.y - height < MARGIN + 20) this.newPage();
  }

  space(points = 6): void {
    this.y -= points;
  }

  /** What the font can draw: unencodable characters become "?", tabs become spaces. */
  private drawable(text: string, font: FontKind): string {
    const ok = this.encodable[font];
    return [...text.replace(/\t/g, "    ")].map((ch) => (ok.has(ch.codePointAt(0)!) ? ch : "?")).join("");
  }

  /** The lines `text` wraps into at `size` within `width`. */
  private wrap(text: string, font: PDFFont, size: number, width: number): string[] {
    const lines: string[] = [];
    const fits = (s: string) => font.widthOfTextAtSize(s, size) <= width;
    for (const paragraph of text.split(/\r?\n/)) {
      let line = "";
      for (const word of paragraph.split(/(?<= )/)) {
        if (fits(line + word)) {
          line += word;
          continue;
        }
        if (line) lines.push(line.trimEnd());
        line = "";
        let rest = word;
        while (!fits(rest)) {
          let cut = rest.length - 1;
          while (cut > 1 && !fits(rest.slice(0, cut))) cut--;
          lines.push(rest.slice(0, cut));
          rest = rest.slice(cut);
        }
        line = rest;
      }
      lines.push(line.trimEnd());
    }
    return lines;
  }

  /** A block of text in one style, wrapped and paginated. */
  text(text: string, style: Style = {}): void {
    const kind = style.font ?? "regular";
    const font = this.fonts[kind];
    const size = style.size ?? 10;
    const indent = style.indent ?? 0;
    const leading = size * 1.35;
    for (const line of this.wrap(this.drawable(text, kind), font, size, TEXT_WIDTH - indent)) {
      this.ensure(leading);
      this.y -= leading;
      if (line) this.page.drawText(line, { x: MARGIN + indent, y: this.y, size, font, color: style.muted ? MUTED : INK });
    }
  }

  heading(text: string, level: 1 | 2 | 3 = 2): void {
    const size = level === 1 ? 18 : level === 2 ? 13 : 11;
    this.ensure(size * 4);
    this.space(level === 1 ? 0 : size * 0.8);
    this.text(text, { font: "bold", size });
    this.space(3);
  }

  /** "Label: value" with the value on its own indented line(s) when it is a hash or an id (`mono`). */
  field(label: string, value: string, opts: { mono?: boolean } = {}): void {
    if (opts.mono) {
      this.text(`${label}:`, { size: 9, muted: true });
      this.text(value, { font: "mono", size: 8.5, indent: 12 });
    } else {
      this.text(`${label}: ${value}`, { size: 10 });
    }
  }

  /** A QR code of `content`, drawn as vector modules `size` points wide, with `caption` beside it. */
  qrCode(content: string, size: number, caption: string): void {
    const qr = QRCode.create(content, { errorCorrectionLevel: "M" });
    const count = qr.modules.size;
    const cell = size / (count + 8); // four modules of quiet zone on each side
    this.ensure(size + 10);
    const top = this.y - 4;
    const left = MARGIN;
    this.page.drawRectangle({ x: left, y: top - size, width: size, height: size, color: rgb(1, 1, 1) });
    for (let row = 0; row < count; row++) {
      for (let col = 0; col < count; col++) {
        if (!qr.modules.get(row, col)) continue;
        this.page.drawRectangle({ x: left + (col + 4) * cell, y: top - (row + 5) * cell, width: cell, height: cell, color: rgb(0, 0, 0) });
      }
    }
    const captionLines = this.wrap(this.drawable(caption, "regular"), this.fonts.regular, 9, TEXT_WIDTH - size - 16);
    captionLines.forEach((line, i) =>
      this.page.drawText(line, { x: left + size + 16, y: top - 14 - i * 12.5, size: 9, font: this.fonts.regular, color: INK }),
    );
    this.y = top - size - 6;
  }

  /** Adds the page footers and serializes the document. */
  async save(): Promise<Uint8Array> {
    const pages = this.doc.getPages();
    pages.forEach((page, i) => {
      const label = this.drawable(`${this.footer} - page ${i + 1} of ${pages.length}`, "regular");
      page.drawText(label, { x: MARGIN, y: MARGIN - 24, size: 8, font: this.fonts.regular, color: MUTED });
    });
    return this.doc.save();
  }
}
