import type { Metadata } from "next";
import Link from "next/link";
import { demoPersonas } from "@/lib/server/demo/demo-personas";
import { currentViewer } from "@/lib/server/auth/viewer";
import { safeNextPath } from "@/components/api-client";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { linkStyles } from "@/components/ui/styles";
import { SignInPanel } from "@/components/sign-in/sign-in-panel";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { next } = await searchParams;
  const target = safeNextPath(typeof next === "string" ? next : undefined);
  const [viewer, personas] = await Promise.all([currentViewer(), demoPersonas()]);

  return (
    <>
      <PageHeader
        title="Sign in to TrialProof"
        description="Sponsors, site staff, participants and regulators sign in here. Participants first join through the invitation link their site sent them."
      />
      {viewer ? (
        <div className="mb-6">
          <Alert tone="info">
            You are already signed in as {viewer.name}.{" "}
            <Link href="/dashboard" className={linkStyles}>
              Go to your dashboard
            </Link>
            .
          </Alert>
        </div>
      ) : null}
      <SignInPanel next={target} personas={personas} />
    </>
  );
}
