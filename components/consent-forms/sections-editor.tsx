"use client";

import type { FieldErrors } from "@/components/api-client";
import { buttonStyles } from "@/components/ui/styles";
import { moved, removed, replaced, type ConsentContent } from "./consent-draft-data";
import { Group, ItemControls, ListErrors, TextField } from "./form-controls";

type Section = ConsentContent["sections"][number];

/**
 * The sections a participant reads in order: a title, a Markdown body and an optional media link. A link needs a
 * text alternative (required by the schema), so the form stays complete for someone who cannot see or play it.
 */
export function SectionsEditor({
  sections,
  onChange,
  errors,
  disabled,
}: {
  sections: Section[];
  onChange: (sections: Section[]) => void;
  errors: FieldErrors;
  disabled: boolean;
}) {
  const set = (i: number, section: Section) => onChange(replaced(sections, i, section));
  return (
    <div className="flex flex-col gap-4">
      <ListErrors errors={errors} path="content.sections" />
      {sections.map((section, i) => {
        const path = `content.sections.${i}`;
        const what = `section ${i + 1}`;
        return (
          <Group
            key={i}
            legend={`Section ${i + 1}${section.title ? `: ${section.title}` : ""}`}
            testId={`section-${i}`}
            actions={
              disabled ? undefined : (
                <ItemControls
                  what={what}
                  index={i}
                  count={sections.length}
                  minimum={1}
                  onMove={(by) => onChange(moved(sections, i, by))}
                  onRemove={() => onChange(removed(sections, i))}
                />
              )
            }
          >
            <TextField
              path={`${path}.title`}
              label="Section title"
              value={section.title}
              errors={errors}
              disabled={disabled}
              onChange={(title) => set(i, { ...section, title })}
            />
            <TextField
              path={`${path}.body`}
              label="Text (Markdown)"
              hint="Plain language. **Bold**, lists and links are allowed."
              rows={6}
              value={section.body}
              errors={errors}
              disabled={disabled}
              onChange={(body) => set(i, { ...section, body })}
            />
            {section.media ? (
              <>
                <TextField
                  path={`${path}.media.url`}
                  label="Media link (https)"
                  value={section.media.url}
                  errors={errors}
                  disabled={disabled}
                  onChange={(url) => set(i, { ...section, media: { ...section.media!, url } })}
                />
                <TextField
                  path={`${path}.media.alt`}
                  label="Text alternative of the media"
                  hint="Required: what the image or video shows, for anyone who cannot see or play it."
                  rows={2}
                  value={section.media.alt}
                  errors={errors}
                  disabled={disabled}
                  onChange={(alt) => set(i, { ...section, media: { ...section.media!, alt } })}
                />
                {disabled ? null : (
                  <button
                    type="button"
                    className={`${buttonStyles.small} self-start`}
                    onClick={() => set(i, { title: section.title, body: section.body })}
                  >
                    Remove the media link
                  </button>
                )}
              </>
            ) : disabled ? null : (
              <button
                type="button"
                className={`${buttonStyles.small} self-start`}
                onClick={() => set(i, { ...section, media: { url: "", alt: "" } })}
              >
                Add a media link
              </button>
            )}
          </Group>
        );
      })}
      {disabled ? null : (
        <button
          type="button"
          className={`${buttonStyles.secondary} self-start`}
          data-testid="add-section"
          onClick={() => onChange([...sections, { title: "", body: "" }])}
        >
          Add a section
        </button>
      )}
    </div>
  );
}
