"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import type { TChangeRoleRequest } from "@/lib/schemas/admin";
import { ROLE_LABEL, ROLE_ORG_KIND, ROLES, type Role } from "@/lib/schemas/roles";
import { ApiError, apiRequest, messageOf } from "@/components/api-client";
import type { RoleChangeResult } from "@/lib/api/results";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { buttonStyles, inputStyles } from "@/components/ui/styles";

export interface PersonOption {
  id: string;
  name: string;
  email: string;
}

export interface OrganizationOption {
  id: string;
  name: string;
  kind: string;
}

/** Grant or revoke one role in one organization, with the reason that goes into the audit trail. */
export function RoleChangeForm({ people, organizations }: { people: PersonOption[]; organizations: OrganizationOption[] }) {
  const router = useRouter();
  const [userId, setUserId] = useState("");
  const [organizationId, setOrganizationId] = useState("");
  const [role, setRole] = useState<Role>("investigator");
  const [change, setChange] = useState<TChangeRoleRequest["change"]>("grant");
  const [reason, setReason] = useState("");

  const changeRole = useMutation({
    mutationFn: (input: TChangeRoleRequest) => apiRequest<RoleChangeResult>("POST", "/api/admin/roles", input),
    onSuccess: () => {
      setReason("");
      router.refresh();
    },
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    changeRole.mutate({ userId, organizationId, role, change, reason });
  }

  const fieldErrors = changeRole.error instanceof ApiError ? changeRole.error.fieldErrors : {};
  const done = changeRole.isSuccess ? changeRole.variables : undefined;
  const personName = (id: string) => people.find((p) => p.id === id)?.name ?? id;
  const orgName = (id: string) => organizations.find((o) => o.id === id)?.name ?? id;

  return (
    <form className="flex flex-col gap-4" onSubmit={onSubmit} data-testid="role-change-form">
      <div className="grid gap-4 md:grid-cols-3">
        <Field id="role-person" label="Person" errors={fieldErrors.userId}>
          {(props) => (
            <select
              {...props}
              name="userId"
              required
              data-testid="role-person"
              className={inputStyles}
              value={userId}
              onChange={(e) => setUserId(e.target.value)}
            >
              <option value="">Choose a person…</option>
              {people.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name} ({p.email})
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="role-organization" label="Organization" errors={fieldErrors.organizationId}>
          {(props) => (
            <select
              {...props}
              name="organizationId"
              required
              data-testid="role-organization"
              className={inputStyles}
              value={organizationId}
              onChange={(e) => setOrganizationId(e.target.value)}
            >
              <option value="">Choose an organization…</option>
              {organizations.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name} ({o.kind})
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="role-role" label="Role" errors={fieldErrors.role}>
          {(props) => (
            <select
              {...props}
              name="role"
              required
              data-testid="role-role"
              className={inputStyles}
              value={role}
              onChange={(e) => setRole(e.target.value as Role)}
            >
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABEL[r]} ({ROLE_ORG_KIND[r]} organizations)
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>

      <fieldset aria-describedby={fieldErrors.change?.length ? "role-change-error" : undefined}>
        <legend className="text-sm font-medium text-slate-900">Change</legend>
        <div className="mt-2 flex gap-6">
          {(["grant", "revoke"] as const).map((value) => (
            <label key={value} className="flex items-center gap-2 text-sm text-slate-900">
              <input
                type="radio"
                name="change"
                value={value}
                data-testid={`role-change-${value}`}
                checked={change === value}
                onChange={() => setChange(value)}
                className="h-4 w-4 accent-indigo-700"
              />
              {value === "grant" ? "Grant" : "Revoke"}
            </label>
          ))}
        </div>
        {fieldErrors.change?.length ? (
          <p id="role-change-error" className="mt-1 text-sm font-medium text-red-800">
            {fieldErrors.change.join(" ")}
          </p>
        ) : null}
      </fieldset>

      <Field
        id="role-reason"
        label="Reason for this change"
        hint="Required. It is stored in the audit trail with the change."
        errors={fieldErrors.reason}
      >
        {(props) => (
          <textarea
            {...props}
            name="reason"
            required
            rows={3}
            maxLength={500}
            data-testid="role-reason"
            className={inputStyles}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        )}
      </Field>

      {changeRole.error ? (
        <Alert tone="error" testId="role-change-error">
          {messageOf(changeRole.error)}
        </Alert>
      ) : null}
      {done ? (
        <Alert tone="success" testId="role-change-success">
          {done.change === "grant" ? "Granted" : "Revoked"} {ROLE_LABEL[done.role]} for {personName(done.userId)} in {orgName(done.organizationId)}.
        </Alert>
      ) : null}

      <div>
        <button type="submit" data-testid="role-submit" className={buttonStyles.primary} disabled={changeRole.isPending}>
          {changeRole.isPending ? "Saving…" : change === "grant" ? "Grant role" : "Revoke role"}
        </button>
      </div>
    </form>
  );
}
