"use client";

import type { ReactNode } from "react";
import type { FieldErrors } from "@/components/api-client";
import { Field } from "@/components/ui/field";
import { buttonStyles, inputStyles } from "@/components/ui/styles";
import { fieldAt } from "./consent-draft-data";

/**
 * A labelled text input or textarea bound to one request path: its id and test id come from the path, and the
 * server's errors for that path are shown under it.
 */
export function TextField({
  path,
  label,
  hint,
  value,
  onChange,
  errors,
  rows,
  disabled,
}: {
  path: string;
  label: string;
  hint?: ReactNode;
  value: string;
  onChange: (value: string) => void;
  errors: FieldErrors;
  /** A textarea of this many rows; an input when absent. */
  rows?: number;
  disabled?: boolean;
}) {
  const field = fieldAt(errors, path);
  return (
    <Field id={field.id} label={label} hint={hint} errors={field.errors}>
      {(props) =>
        rows ? (
          <textarea
            {...props}
            rows={rows}
            className={inputStyles}
            data-testid={field.id}
            value={value}
            disabled={disabled}
            onChange={(e) => onChange(e.target.value)}
          />
        ) : (
          <input
            {...props}
            type="text"
            className={inputStyles}
            data-testid={field.id}
            value={value}
            disabled={disabled}
            onChange={(e) => onChange(e.target.value)}
          />
        )
      }
    </Field>
  );
}

/** Errors about a whole list (e.g. "question ids must be distinct"), shown once above its items. */
export function ListErrors({ errors, path }: { errors: FieldErrors; path: string }) {
  const messages = errors[path];
  if (!messages?.length) return null;
  return (
    <p className="text-sm font-medium text-red-800" data-testid={`${path}-errors`}>
      {messages.join(" ")}
    </p>
  );
}

/** Move up / move down / remove for item `index` of a list of `count`; `what` names the item for screen readers. */
export function ItemControls({
  what,
  index,
  count,
  onMove,
  onRemove,
  minimum = 0,
}: {
  what: string;
  index: number;
  count: number;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
  /** Items that must remain: removing is disabled at this count. */
  minimum?: number;
}) {
  return (
    <div className="flex flex-wrap gap-2">
      <button type="button" className={buttonStyles.small} disabled={index === 0} onClick={() => onMove(-1)} aria-label={`Move ${what} up`}>
        Up
      </button>
      <button type="button" className={buttonStyles.small} disabled={index === count - 1} onClick={() => onMove(1)} aria-label={`Move ${what} down`}>
        Down
      </button>
      <button type="button" className={buttonStyles.small} disabled={count <= minimum} onClick={onRemove} aria-label={`Remove ${what}`}>
        Remove
      </button>
    </div>
  );
}

/** A bordered group of fields with a visible legend (a fieldset, so that its controls are named by it). */
export function Group({ legend, actions, children, testId }: { legend: string; actions?: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <fieldset className="rounded-md border border-slate-300 p-4" data-testid={testId}>
      <legend className="px-1 text-sm font-semibold text-slate-900">{legend}</legend>
      {actions ? <div className="mb-3 flex justify-end">{actions}</div> : null}
      <div className="flex flex-col gap-4">{children}</div>
    </fieldset>
  );
}
