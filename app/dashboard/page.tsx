import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { requirePageRole } from "@/lib/server/auth/guards";
import { ROLE_HOME } from "@/lib/schemas/roles";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Dashboard" };

/** Sends each person to their role's home; someone with no role yet is told what to do. */
export default async function DashboardPage() {
  const viewer = await requirePageRole("any", "/dashboard");
  const firstRole = viewer.roles[0];
  if (firstRole) redirect(ROLE_HOME[firstRole]);

  return (
    <>
      <PageHeader title="Welcome to TrialProof" />
      <Alert tone="info" title="Your account has no role yet; ask a platform admin">
        A platform admin grants roles within a sponsor, site or regulator organization. Once you have one, this page takes you straight to your
        workspace.
      </Alert>
    </>
  );
}
