import { EmptyState, Table, Td, Th } from "@/components/ui/table";
import { roleLabel } from "./role-label";

export interface PersonWithRoles {
  id: string;
  name: string;
  email: string;
  roles: { role: string; organizationId: string; organizationName: string }[];
}

/** Everyone with an account, and the roles they hold in which organization. */
export function PeopleTable({ people }: { people: PersonWithRoles[] }) {
  if (people.length === 0) return <EmptyState>No people yet.</EmptyState>;
  return (
    <Table caption="People and their roles">
      <thead>
        <tr>
          <Th>Name</Th>
          <Th>Email</Th>
          <Th>Roles</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-200 bg-white">
        {people.map((person) => (
          <tr key={person.id} data-testid="person-row">
            <Td>{person.name}</Td>
            <Td>{person.email}</Td>
            <Td>
              {person.roles.length === 0 ? (
                <span className="text-slate-700">No role</span>
              ) : (
                <ul className="flex flex-col gap-0.5">
                  {person.roles.map((r) => (
                    <li key={`${r.organizationId}-${r.role}`}>
                      {roleLabel(r.role)} <span className="text-slate-700">at {r.organizationName}</span>
                    </li>
                  ))}
                </ul>
              )}
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
