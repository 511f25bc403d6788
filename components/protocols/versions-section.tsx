import { Badge } from "@/components/ui/badge";
import { Section } from "@/components/ui/section";
import { EmptyState, Table, Td, Th } from "@/components/ui/table";
import { UtcTime } from "@/components/ui/utc-time";
import { PROTOCOL_CHAIN_STATE_LABEL, PROTOCOL_CHAIN_STATE_TONE } from "@/lib/vocabulary/protocol-chain-state";
import type { SponsorTrial } from "./hooks/use-sponsor-trial";

/** The versions in the trial's log, the one awaiting signature, and the preparations the sponsor let go of. */
export function VersionsSection({ view }: { view: SponsorTrial }) {
  const { versions, pending, discarded } = view;
  return (
    <Section id="versions" title="Protocol versions" description="Every version the sponsor committed, with its on-chain state.">
      {versions.length === 0 && !pending ? (
        <EmptyState>Not registered yet: the draft below is private to your organization.</EmptyState>
      ) : (
        <Table caption="Protocol versions">
          <thead>
            <tr>
              <Th>Version</Th>
              <Th>Reason</Th>
              <Th>Leaf hash</Th>
              <Th>On chain</Th>
              <Th>Created at</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200 bg-white">
            {versions.map((v) => (
              <tr key={v.version} data-testid="sponsor-version-row" data-chain-state={v.chainState}>
                <Td>{v.version}</Td>
                <Td>{v.reason ?? (v.version === 1 ? "Registration" : "—")}</Td>
                <Td mono>{v.leafHash}</Td>
                <Td>
                  <Badge tone={PROTOCOL_CHAIN_STATE_TONE[v.chainState]}>{PROTOCOL_CHAIN_STATE_LABEL[v.chainState]}</Badge>{" "}
                  {v.txHash ? (
                    <span className="text-xs">
                      block {v.blockNumber ?? "—"}, tx <span className="font-mono break-all">{v.txHash}</span>
                    </span>
                  ) : null}
                </Td>
                <Td>
                  <UtcTime value={v.createdAt} />
                </Td>
              </tr>
            ))}
            {pending ? (
              <tr data-testid="sponsor-version-row" data-chain-state="awaiting_signature">
                <Td>{pending.version}</Td>
                <Td>{pending.version === 1 ? "Registration" : "Amendment (see above)"}</Td>
                <Td mono>{pending.protocolHash}</Td>
                <Td>
                  <Badge tone={PROTOCOL_CHAIN_STATE_TONE.awaiting_signature}>{PROTOCOL_CHAIN_STATE_LABEL.awaiting_signature}</Badge>
                </Td>
                <Td>
                  <UtcTime value={pending.preparedAt} />
                </Td>
              </tr>
            ) : null}
          </tbody>
        </Table>
      )}
      {discarded.length > 0 ? (
        <div className="mt-4">
          <p className="text-sm font-medium text-slate-900">Prepared but never signed (not in the log, not on chain)</p>
          <ul className="mt-1 flex flex-col gap-1 text-sm text-slate-800">
            {discarded.map((d) => (
              <li key={d.protocolHash} data-testid="discarded-version-row" data-state={d.state}>
                Version {d.version}, prepared <UtcTime value={d.preparedAt} />,{" "}
                {d.state === "discarded" ? "discarded" : "replaced by a newer preparation"} <UtcTime value={d.closedAt} />:{" "}
                <span className="font-mono text-xs break-all">{d.protocolHash}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </Section>
  );
}
