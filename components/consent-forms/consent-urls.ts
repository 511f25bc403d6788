/** The sponsor's consent form pages and routes of one trial. */
export const consentFormsPage = (trialId: string) => `/sponsor/trials/${encodeURIComponent(trialId)}/consent-forms`;
export const consentVersionPage = (trialId: string, formVersionId: string) => `${consentFormsPage(trialId)}/${encodeURIComponent(formVersionId)}`;
export const consentFormsApi = (trialId: string) => `/api${consentFormsPage(trialId)}`;
export const consentVersionApi = (trialId: string, formVersionId: string) => `/api${consentVersionPage(trialId, formVersionId)}`;
