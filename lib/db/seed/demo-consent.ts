import type { ConsentFormContent } from "../schema";

const DEMO_CONSENT_CONTENT: ConsentFormContent = {
  sections: [
    {
      title: "Why are we doing this study?",
      body: "We want to find out whether **amlodipine** lowers blood pressure more than a placebo over 12 weeks.",
    },
    {
      title: "What will happen if I take part?",
      body: "You will take one tablet a day for 12 weeks and visit the clinic four times to have your blood pressure measured.",
      media: {
        url: "https://example.org/trialproof-demo/visit-schedule.png",
        alt: "A timeline of the four clinic visits: at the start, and after 4, 8 and 12 weeks.",
      },
    },
    {
      title: "Taking part is voluntary",
      body: "You can stop at any time without giving a reason. Your usual care will not be affected.",
    },
  ],
  glossary: [
    { term: "Placebo", definition: "A tablet that looks like the real medicine but contains no active ingredient." },
    { term: "Randomised", definition: "Chosen by chance, like tossing a coin, which treatment you receive." },
  ],
  knowledgeCheck: {
    questions: [
      {
        id: "q_voluntary",
        kind: "single",
        prompt: "Can you stop taking part at any time?",
        options: [
          { id: "yes", text: "Yes, without giving a reason" },
          { id: "no", text: "No, not once I have signed" },
        ],
        correct: ["yes"],
        explanation: "Taking part is voluntary: you can stop at any time, and your care is not affected.",
      },
      {
        id: "q_visits",
        kind: "multiple",
        prompt: "When will your blood pressure be measured?",
        options: [
          { id: "start", text: "At the start" },
          { id: "week_4", text: "After 4 weeks" },
          { id: "week_52", text: "After a year" },
          { id: "week_12", text: "After 12 weeks" },
        ],
        correct: ["start", "week_4", "week_12"],
        explanation: "There are visits at the start and after 4, 8 and 12 weeks; the study ends after 12 weeks.",
      },
    ],
    passMark: 2,
  },
  choices: [
    { id: "future_contact", text: "You may contact me about future studies." },
    { id: "sample_storage", text: "My blood samples may be stored for future research on blood pressure." },
  ],
  signers: { signer: "participant", witnessRequired: false, countersignatureRequired: true },
};

/** The id of the demo form's version 1 (fixed, so that links and tests can name it). */
export const DEMO_CONSENT_VERSION_ID = "cfv_demo0001";

/** The registered demo trial's consent form (version 1, English), approved by the demo ethics committee. */
export const DEMO_CONSENT_FORM = {
  formId: "cf_demo0001",
  protocolVersion: 1,
  language: "en",
  title: "Participant information and consent",
  ethicsApproval: { committee: "Riverside Research Ethics Committee (demo)", reference: "REC-DEMO-0002", approvalDate: "2026-08-01" },
  content: DEMO_CONSENT_CONTENT,
};
