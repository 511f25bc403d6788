"use client";

import { useId, useState, type ReactNode } from "react";
import type { MyConsentForm } from "@/lib/api/results";

type Glossary = MyConsentForm["glossary"];

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * A glossary term where the text uses it: a button that opens its definition in place (a disclosure: the button says
 * whether it is open and names the definition it controls), so a reader on a phone never leaves the paragraph.
 */
function GlossaryTerm({ text, term, definition }: { text: string; term: string; definition: string }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <>
      <button
        type="button"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((o) => !o)}
        className="rounded-sm font-medium text-indigo-800 underline decoration-dotted underline-offset-4 hover:text-indigo-950"
        data-testid={`glossary-term-${term.toLowerCase()}`}
      >
        {text}
      </button>
      <span
        id={id}
        hidden={!open}
        className="my-2 block rounded-md border border-indigo-200 bg-indigo-50 px-3 py-2 text-sm text-indigo-950"
        data-testid={`glossary-definition-${term.toLowerCase()}`}
      >
        <strong>{term}:</strong> {definition}
      </span>
    </>
  );
}

/** Plain text with the first use of each glossary term made a disclosure (`seen` tracks the terms already done). */
function withTerms(text: string, glossary: Glossary, seen: Set<string>, key: string): ReactNode[] {
  const pending = glossary.filter((g) => !seen.has(g.term.toLowerCase()));
  if (pending.length === 0) return [text];
  const pattern = new RegExp(`\\b(${pending.map((g) => escapeRegExp(g.term)).join("|")})\\b`, "i");
  const match = pattern.exec(text);
  if (!match) return [text];
  const entry = pending.find((g) => g.term.toLowerCase() === match[1]!.toLowerCase())!;
  seen.add(entry.term.toLowerCase());
  const before = text.slice(0, match.index);
  const after = text.slice(match.index + match[1]!.length);
  return [
    before,
    <GlossaryTerm key={`${key}-${match.index}`} text={match[1]!} term={entry.term} definition={entry.definition} />,
    ...withTerms(after, glossary, seen, `${key}-${match.index}`),
  ];
}

/** `**strong**` and plain text, the emphasis the form editor offers, with glossary terms inside either. */
function inline(text: string, glossary: Glossary, seen: Set<string>, key: string): ReactNode[] {
  return text
    .split(/(\*\*[^*]+\*\*)/)
    .flatMap((part, i): ReactNode[] =>
      part.startsWith("**") && part.endsWith("**") && part.length > 4
        ? [<strong key={`${key}-b${i}`}>{withTerms(part.slice(2, -2), glossary, seen, `${key}-b${i}`)}</strong>]
        : withTerms(part, glossary, seen, `${key}-t${i}`),
    );
}

/**
 * A section's Markdown body as the participant reads it: paragraphs (blank-line separated), bullet lists ("- ")
 * and strong emphasis; anything else stays as the text the sponsor wrote. Never HTML from the form.
 */
export function SectionBody({ body, glossary }: { body: string; glossary: Glossary }) {
  const seen = new Set<string>();
  return (
    <div className="flex flex-col gap-3 text-base leading-relaxed text-slate-900">
      {body.split(/\n\s*\n/).map((block, b) => {
        const lines = block.split("\n").filter((l) => l.trim());
        if (lines.length > 0 && lines.every((l) => /^\s*[-*]\s+/.test(l))) {
          return (
            <ul key={b} className="list-disc pl-6">
              {lines.map((l, i) => (
                <li key={i}>{inline(l.replace(/^\s*[-*]\s+/, ""), glossary, seen, `${b}-${i}`)}</li>
              ))}
            </ul>
          );
        }
        return <p key={b}>{inline(lines.join(" "), glossary, seen, `${b}`)}</p>;
      })}
    </div>
  );
}

/** Every word the form explains, as a definition list (the reader's "Words used in this form", the review page). */
export function GlossaryList({ glossary }: { glossary: Glossary }) {
  return (
    <dl className="mt-2 flex flex-col gap-2 text-sm">
      {glossary.map((g) => (
        <div key={g.term}>
          <dt className="font-medium text-slate-900">{g.term}</dt>
          <dd className="text-slate-800">{g.definition}</dd>
        </div>
      ))}
    </dl>
  );
}
