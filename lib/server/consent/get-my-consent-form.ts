import "server-only";
import type { Viewer } from "@/lib/server/auth/viewer";
import { AppError } from "@/lib/server/errors/app-error";
import { ZConsentFormVersionId } from "@/lib/schemas/consent";
import { getMyConsentForms } from "./get-my-consent-forms";

/**
 * One of the participant's current forms, for the pages of the signing journey (read, check, choices, review): the
 * same answer as getMyConsentForms, narrowed to the version in the address. Null (the page's 404) for a version that
 * is not one of theirs or not current at their site, exactly as for one that does not exist, and for an account that
 * is not enrolled.
 */
export async function getMyConsentForm(viewer: Viewer, formVersionId: unknown) {
  const id = ZConsentFormVersionId.safeParse(formVersionId);
  if (!id.success) return null;
  try {
    const mine = await getMyConsentForms(viewer);
    const form = mine.forms.find((f) => f.id === id.data);
    return form ? { status: mine.status, form } : null;
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") return null;
    throw error;
  }
}
