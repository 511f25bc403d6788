"use client";

import { ROLE_LABEL, type Role } from "@/lib/schemas/roles";
import { LOCAL_TEST_ACCOUNTS } from "@/lib/web3/local-test-accounts";
import { Table, Td, Th } from "@/components/ui/table";
import { buttonStyles } from "@/components/ui/styles";

export interface DemoPersona {
  role: Role;
  name: string;
  email: string;
  password: string;
  wallet?: string;
}

function testAccountIndex(wallet: string): number {
  return LOCAL_TEST_ACCOUNTS.findIndex((a) => a.toLowerCase() === wallet.toLowerCase());
}

/** Embedded demo only: the seeded people and their sign-in details, with a button to fill the form. */
export function DemoPersonasPanel({ personas, onUse }: { personas: DemoPersona[]; onUse: (persona: DemoPersona) => void }) {
  return (
    <section aria-labelledby="personas-heading" data-testid="demo-personas" className="rounded-lg border border-amber-300 bg-amber-50 p-6">
      <h2 id="personas-heading" className="text-lg font-semibold text-slate-900">
        Demo personas
      </h2>
      <p className="mt-1 mb-4 text-sm text-slate-800">
        This is the local demo: these seeded accounts exist only on this machine. Choose one to fill the form, or sign in with Ethereum using the dev
        wallet&apos;s matching test account.
      </p>
      {personas.length === 0 ? (
        <p className="text-sm text-slate-800">No demo personas are seeded yet.</p>
      ) : (
        <Table caption="Demo personas and their sign-in details">
          <thead>
            <tr>
              <Th>Role</Th>
              <Th>Name</Th>
              <Th>Email</Th>
              <Th>Password</Th>
              <Th>Wallet</Th>
              <Th>
                <span className="sr-only">Action</span>
              </Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200 bg-white">
            {personas.map((persona) => {
              const index = persona.wallet ? testAccountIndex(persona.wallet) : -1;
              return (
                <tr key={persona.email} data-testid="demo-persona" data-email={persona.email}>
                  <Td>{ROLE_LABEL[persona.role]}</Td>
                  <Td>{persona.name}</Td>
                  <Td mono>{persona.email}</Td>
                  <Td mono>{persona.password}</Td>
                  <Td mono>
                    {persona.wallet ? (
                      <>
                        {persona.wallet}
                        {index >= 0 ? <span className="block font-sans text-slate-700">dev wallet test account #{index}</span> : null}
                      </>
                    ) : (
                      "—"
                    )}
                  </Td>
                  <Td>
                    <button
                      type="button"
                      className={buttonStyles.small}
                      aria-label={`Use ${persona.name} (${ROLE_LABEL[persona.role]})`}
                      data-testid="demo-persona-use"
                      onClick={() => onUse(persona)}
                    >
                      Use
                    </button>
                  </Td>
                </tr>
              );
            })}
          </tbody>
        </Table>
      )}
    </section>
  );
}
