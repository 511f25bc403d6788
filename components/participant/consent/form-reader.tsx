"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { apiRequest, messageOf } from "@/components/api-client";
import { Alert } from "@/components/ui/alert";
import { buttonStyles } from "@/components/ui/styles";
import type { MyConsentForm, ReadingProgressResult } from "@/lib/api/results";
import { consentStepPath } from "./consent-paths";
import { QuestionThread } from "./question-thread";
import { GlossaryList, SectionBody } from "./section-body";

/**
 * The form section by section, with where the reader is ("Section 2 of 3"). Every move is saved (the server keeps
 * the furthest section shown), so leaving and coming back, on any device, resumes at the same section. Focus moves to
 * the new section's heading so that a screen reader starts reading it.
 */
export function FormReader({ form }: { form: MyConsentForm }) {
  const total = form.sections.length;
  const [index, setIndex] = useState(Math.min(form.sectionIndex, total - 1));
  const heading = useRef<HTMLHeadingElement>(null);
  const moved = useRef(false);
  const router = useRouter();
  const save = useMutation({
    mutationFn: (sectionIndex: number) =>
      apiRequest<ReadingProgressResult>("POST", "/api/participant/consent/progress", { formVersionId: form.id, sectionIndex }),
  });

  useEffect(() => {
    if (moved.current) heading.current?.focus();
  }, [index]);

  function go(next: number) {
    moved.current = true;
    setIndex(next);
    save.mutate(next);
  }

  const section = form.sections[index]!;
  const last = index === total - 1;
  return (
    <div className="flex flex-col gap-5">
      <div className="flex flex-col gap-2">
        <p className="text-sm font-semibold text-slate-800" aria-live="polite" data-testid="reading-position">
          Section {index + 1} of {total}
        </p>
        <progress className="h-2 w-full accent-indigo-700" value={index + 1} max={total} aria-label="Reading progress" />
      </div>

      <article aria-labelledby="consent-section-title" className="flex flex-col gap-4" data-testid="consent-section">
        <h2 id="consent-section-title" ref={heading} tabIndex={-1} className="text-xl font-semibold text-slate-900 focus:outline-none">
          {section.title}
        </h2>
        <SectionBody body={section.body} glossary={form.glossary} />
        {section.media ? (
          <figure className="rounded-md border border-slate-200 bg-slate-50 p-3 text-sm text-slate-800">
            <figcaption>
              <span className="font-medium">Picture: </span>
              {section.media.alt}
            </figcaption>
          </figure>
        ) : null}
      </article>

      {save.error ? <Alert tone="error">Your place could not be saved: {messageOf(save.error)}</Alert> : null}

      <div className="flex flex-col-reverse gap-3 sm:flex-row sm:justify-between">
        <button type="button" className={buttonStyles.secondary} disabled={index === 0} onClick={() => go(index - 1)} data-testid="reading-previous">
          Previous section
        </button>
        {last ? (
          <button
            type="button"
            className={buttonStyles.primary}
            data-testid="reading-to-check"
            onClick={() => router.push(consentStepPath(form.id, "check"))}
          >
            Continue to the questions
          </button>
        ) : (
          <button type="button" className={buttonStyles.primary} onClick={() => go(index + 1)} data-testid="reading-next">
            Next section
          </button>
        )}
      </div>

      {form.glossary.length ? (
        <details className="rounded-md border border-slate-200 p-3 text-sm">
          <summary className="cursor-pointer font-medium text-slate-900">Words used in this form</summary>
          <GlossaryList glossary={form.glossary} />
        </details>
      ) : null}

      <QuestionThread formVersionId={form.id} />

      <p className="text-sm">
        <Link href="/participant" className="font-medium text-indigo-800 underline underline-offset-2">
          Stop here and come back later
        </Link>
      </p>
    </div>
  );
}
