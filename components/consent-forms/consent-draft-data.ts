import type { FieldErrors } from "@/components/api-client";
import type { ConsentVersionResult } from "@/lib/api/results";
import type { TConsentDraftRequest } from "@/lib/schemas/consent";

/** What the editor edits: exactly the body of the create and save-draft routes. */
export type ConsentDraft = TConsentDraftRequest;
export type ConsentContent = ConsentDraft["content"];
export type ConsentQuestion = ConsentContent["knowledgeCheck"]["questions"][number];

/** The editable part of a version as the server sent it. */
export function draftOf(version: ConsentVersionResult["version"]): ConsentDraft {
  return { title: version.title, language: version.language, protocolVersion: version.protocolVersion, content: version.content };
}

/** A new form's starting point: one empty section and one question, so that every part of the form is visible. */
export function emptyDraft(protocolVersion: number): ConsentDraft {
  return {
    title: "",
    language: "en",
    protocolVersion,
    content: {
      sections: [{ title: "", body: "" }],
      glossary: [],
      knowledgeCheck: { questions: [newQuestion([])], passMark: 1 },
      choices: [],
      signers: { signer: "participant", witnessRequired: false, countersignatureRequired: true },
    },
  };
}

/** The first id `prefix<n>` not taken yet: ids are referenced by answers, so an existing one is never renamed. */
export function nextId(prefix: string, taken: readonly string[]): string {
  for (let n = 1; ; n++) if (!taken.includes(`${prefix}${n}`)) return `${prefix}${n}`;
}

export function newQuestion(existing: readonly ConsentQuestion[]): ConsentQuestion {
  return {
    id: nextId(
      "q",
      existing.map((q) => q.id),
    ),
    kind: "single",
    prompt: "",
    options: [
      { id: "a", text: "" },
      { id: "b", text: "" },
    ],
    correct: ["a"],
    explanation: "",
  };
}

/** The list with item `i` moved by `by` places (no change at either end). */
export function moved<T>(list: readonly T[], i: number, by: -1 | 1): T[] {
  const j = i + by;
  if (j < 0 || j >= list.length) return [...list];
  const next = [...list];
  [next[i], next[j]] = [next[j]!, next[i]!];
  return next;
}

export const replaced = <T>(list: readonly T[], i: number, item: T): T[] => list.map((x, k) => (k === i ? item : x));
export const removed = <T>(list: readonly T[], i: number): T[] => list.filter((_, k) => k !== i);

/** The DOM id of the control of a request path ("content.sections.0.title" → "cf-content-sections-0-title"). */
export const fieldId = (path: string) => `cf-${path.replace(/\./g, "-")}`;

/** The props a Field needs for a request path: its id and the server's errors for exactly that path. */
export const fieldAt = (errors: FieldErrors, path: string) => ({ id: fieldId(path), errors: errors[path] });
