import "server-only";
import type { Viewer } from "@/lib/server/auth/viewer";
import { getMyConsentForms } from "@/lib/server/consent/get-my-consent-forms";
import { AppError } from "@/lib/server/errors/app-error";
import { getMyRecord } from "./get-my-record";

const orNull = async <T>(read: Promise<T>): Promise<T | null> => {
  try {
    return await read;
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") return null;
    throw error;
  }
};

/**
 * The participant's dashboard: their enrolment and their consent (status, current forms, signed versions,
 * withdrawals). Both are null for an account with the participant role but no enrolment yet.
 */
export async function getMyParticipation(viewer: Viewer) {
  const record = await orNull(getMyRecord(viewer));
  const consent = record ? await orNull(getMyConsentForms(viewer)) : null;
  return { record, consent };
}
