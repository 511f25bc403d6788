"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { messageOf, type FieldErrors } from "@/components/api-client";
import { formatUtc } from "@/components/format-time";
import { Alert } from "@/components/ui/alert";
import { Section } from "@/components/ui/section";
import { buttonStyles } from "@/components/ui/styles";
import { ActivationForm } from "./activation-form";
import { BasicsFields } from "./basics-fields";
import type { ConsentDraft } from "./consent-draft-data";
import { consentFormsPage } from "./consent-urls";
import { KnowledgeCheckEditor } from "./knowledge-check-editor";
import { ChoicesEditor, GlossaryEditor } from "./pairs-editor";
import { SectionsEditor } from "./sections-editor";
import { SignersFields } from "./signers-fields";
import { useConsentDraft } from "./use-consent-draft";

/** A draft being edited (`formVersionId` null: a new form, created on its first save), or an active version to read. */
export interface EditorProps {
  trialId: string;
  formVersionId: string | null;
  version: number;
  initial: ConsentDraft;
  readOnly: boolean;
  protocolVersions: number[];
  sites: { id: string; name: string }[];
}

/**
 * The sponsor's consent form editor: title, language, protocol version, sections, glossary, knowledge check,
 * optional choices and signers; "Save draft"; "Activate" with the ethics approval and sites. An active version is
 * shown with the same fields, disabled: it can never be edited again.
 */
export function ConsentDraftEditor(props: EditorProps) {
  const { trialId, formVersionId, readOnly } = props;
  const router = useRouter();
  const { draft, setDraft, dirty, created, save, mutation, errors: saveErrors, savedAt } = useConsentDraft(trialId, formVersionId, props.initial);
  const [activating, setActivating] = useState(false);
  // Activation checks the saved draft too (its protocol version): those errors belong next to the draft's fields.
  const [activationErrors, setActivationErrors] = useState<FieldErrors>({});
  const errors = { ...activationErrors, ...saveErrors };
  const content = draft.content;
  const setContent = (next: Partial<ConsentDraft["content"]>) => setDraft({ ...draft, content: { ...content, ...next } });
  const shared = { errors, disabled: readOnly };

  return (
    <div className="flex flex-col">
      <Section id="cf-basics" title="Form">
        <BasicsFields draft={draft} onChange={setDraft} protocolVersions={props.protocolVersions} {...shared} />
      </Section>
      <Section id="cf-sections" title="Sections" description="What the participant reads, in this order, one section at a time.">
        <SectionsEditor sections={content.sections} onChange={(sections) => setContent({ sections })} {...shared} />
      </Section>
      <Section id="cf-glossary" title="Glossary">
        <GlossaryEditor glossary={content.glossary} onChange={(glossary) => setContent({ glossary })} {...shared} />
      </Section>
      <Section
        id="cf-check"
        title="Knowledge check"
        description="Answered before signing; a participant may try again after reading the explanations."
      >
        <KnowledgeCheckEditor check={content.knowledgeCheck} onChange={(knowledgeCheck) => setContent({ knowledgeCheck })} {...shared} />
      </Section>
      <Section id="cf-choices" title="Optional choices">
        <ChoicesEditor choices={content.choices} onChange={(choices) => setContent({ choices })} {...shared} />
      </Section>
      <Section id="cf-signers" title="Signatures">
        <SignersFields signers={content.signers} onChange={(signers) => setContent({ signers })} {...shared} />
      </Section>

      {readOnly ? null : (
        <div className="sticky bottom-0 z-10 mb-8 flex flex-col gap-3 border-t border-slate-200 bg-white/95 py-4">
          {mutation.error ? (
            <Alert tone="error" title="The draft was not saved" testId="save-error">
              {messageOf(mutation.error)}
            </Alert>
          ) : null}
          <div className="flex flex-wrap items-center gap-3">
            <button
              type="button"
              className={buttonStyles.primary}
              data-testid="save-draft"
              disabled={mutation.isPending || created || (!dirty && formVersionId !== null)}
              onClick={() => {
                setActivationErrors({});
                void save();
              }}
            >
              {mutation.isPending ? "Saving…" : formVersionId ? "Save draft" : "Create the draft"}
            </button>
            {formVersionId ? (
              <button
                type="button"
                className={buttonStyles.secondary}
                data-testid="activate-open"
                aria-expanded={activating}
                aria-controls="cf-activation"
                onClick={() => setActivating(!activating)}
              >
                Activate…
              </button>
            ) : null}
            <p className="text-sm text-slate-700" role="status" data-testid="save-status">
              {dirty ? "Unsaved changes" : savedAt ? `Saved at ${formatUtc(savedAt).slice(11)}` : "No unsaved changes"}
            </p>
          </div>
        </div>
      )}
      {formVersionId && activating && !readOnly ? (
        <div id="cf-activation">
          <Section id="cf-activate" title={`Activate version ${props.version}`}>
            <ActivationForm
              trialId={trialId}
              formVersionId={formVersionId}
              version={props.version}
              sites={props.sites}
              beforeActivate={save}
              onDraftErrors={setActivationErrors}
              onActivated={() => {
                router.push(`${consentFormsPage(trialId)}?activated=${encodeURIComponent(formVersionId)}`);
                router.refresh();
              }}
            />
          </Section>
        </div>
      ) : null}
    </div>
  );
}
