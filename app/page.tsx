import Link from "next/link";
import { buttonStyles, linkStyles } from "@/components/ui/styles";

const AUDIENCES = [
  {
    title: "Sponsors",
    text: "Register trial protocols from your own wallet, amend them with a stated reason, invite sites and follow each trial.",
  },
  {
    title: "Sites",
    text: "Invite participants with one-time links, countersign consent and record outcome measurements; corrections keep the original.",
  },
  {
    title: "Participants",
    text: "Read and sign consent in the browser without a wallet, keep a copy with its proof, see who accessed your record, withdraw at any time.",
  },
  {
    title: "Regulators and auditors",
    text: "Audit assigned trials read-only and verify every record against the chain yourself, without trusting the portal.",
  },
];

export default function HomePage() {
  return (
    <div className="flex flex-col gap-12">
      <section aria-labelledby="hero-heading" className="rounded-xl bg-white px-6 py-10 shadow-sm ring-1 ring-slate-200 sm:px-10">
        <p className="text-sm font-semibold tracking-wide text-indigo-800 uppercase">Clinical-trial data integrity</p>
        <h1 id="hero-heading" className="mt-2 max-w-3xl text-3xl font-bold tracking-tight text-slate-900 sm:text-4xl">
          Prove that trial records were never changed after the fact.
        </h1>
        <p className="mt-4 max-w-3xl text-lg text-slate-700">
          TrialProof appends every protocol version, consent, outcome and access to an append-only log per trial. The log&apos;s checkpoints are
          anchored on an EVM chain, so anyone can check a record against the chain, with no personal data ever leaving the portal.
        </p>
        <div className="mt-6 flex flex-wrap gap-3">
          <Link href="/sign-in" className={buttonStyles.primary}>
            Sign in
          </Link>
          <Link href="/trials" className={buttonStyles.secondary}>
            Browse the trial registry
          </Link>
          <Link href="/verify" className={buttonStyles.secondary}>
            Verify a record
          </Link>
        </div>
      </section>

      <section aria-labelledby="audiences-heading">
        <h2 id="audiences-heading" className="text-xl font-semibold text-slate-900">
          Who it is for
        </h2>
        <ul className="mt-4 grid gap-4 sm:grid-cols-2">
          {AUDIENCES.map((a) => (
            <li key={a.title} className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
              <h3 className="font-semibold text-slate-900">{a.title}</h3>
              <p className="mt-2 text-sm text-slate-700">{a.text}</p>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="how-heading">
        <h2 id="how-heading" className="text-xl font-semibold text-slate-900">
          How it works
        </h2>
        <ol className="mt-4 grid gap-4 sm:grid-cols-3">
          <li className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
            <h3 className="font-semibold text-slate-900">1. Every fact is a record</h3>
            <p className="mt-2 text-sm text-slate-700">
              Each consent, outcome or protocol change is stored with a hash in the trial&apos;s log, in the same step as the change itself.
              Corrections are new records that carry a reason.
            </p>
          </li>
          <li className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
            <h3 className="font-semibold text-slate-900">2. The log is anchored</h3>
            <p className="mt-2 text-sm text-slate-700">
              Checkpoints of the log go on chain. The contract only accepts a checkpoint that extends the previous one, so history cannot be
              rewritten.
            </p>
          </li>
          <li className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
            <h3 className="font-semibold text-slate-900">3. Anyone can verify</h3>
            <p className="mt-2 text-sm text-slate-700">
              A receipt or an audit bundle is checked in your browser against the chain. Only hashes and sizes are public; names and measurements are
              not.
            </p>
          </li>
        </ol>
      </section>

      <p className="text-sm text-slate-700">
        Invited to a trial? Open the link your site sent you. Already have an account?{" "}
        <Link href="/sign-in" className={linkStyles}>
          Sign in here
        </Link>
        .
      </p>
    </div>
  );
}
