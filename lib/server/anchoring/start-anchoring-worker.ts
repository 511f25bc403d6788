import "server-only";
import { checkAnchoringTarget } from "@/lib/chain/anchoring/anchoring-clients";
import { describeChainError, isChainUnreachable } from "@/lib/chain/anchoring/chain-errors";
import { anchorOnce, ANCHOR_DEFAULTS, type AnchorOnceOptions, type AnchorOnceResult } from "./anchor-once";
import { ensurePortalLogRegistered } from "./ensure-portal-log-registered";
import { RegistrationCache } from "./plan-checkpoints";
import { logOf, normalizedContext } from "./types";

export interface AnchoringWorkerOptions extends Omit<AnchorOnceOptions, "testFaultHooks"> {
  /** How often to look for due work; default min(intervalMs, 1000) ms, at least 50 ms. */
  pollMs?: number;
  /** Backoff while steps fail (e.g. the chain is unreachable): doubles from `initialMs` up to `maxMs`. */
  backoff?: { initialMs?: number; maxMs?: number };
  /** Register the portal-wide log on chain at start (default true). */
  registerPortalLog?: boolean;
  /** Called after every step (monitoring, tests). */
  onStep?: (result: AnchorOnceResult) => void;
  /** Called for every failed step, before the backoff (monitoring, tests). */
  onError?: (error: unknown) => void;
}

export interface AnchoringWorker {
  /** Stops after the step in progress (if any) has finished; resolves when the loop has ended. */
  stop(): Promise<void>;
  readonly running: boolean;
}

/**
 * The anchoring loop: checks it is talking to the configured chain and contract, registers the portal log, then
 * runs `anchorOnce` every `pollMs`. When a step fails it backs off (doubling up to `backoff.maxMs`) and keeps
 * going; an unreachable chain is reported in one line when it goes away and one when it is back. Appending
 * records never waits for any of this: appends do not touch the chain.
 */
export function startAnchoringWorker(input: AnchoringWorkerOptions): AnchoringWorker {
  const options = normalizedContext(input);
  const log = logOf(options);
  const intervalMs = options.intervalMs ?? ANCHOR_DEFAULTS.intervalMs;
  const pollMs = options.pollMs ?? Math.max(50, Math.min(intervalMs, 1_000));
  const initialBackoff = options.backoff?.initialMs ?? 1_000;
  const maxBackoff = options.backoff?.maxMs ?? 60_000;
  const registerPortalLog = options.registerPortalLog ?? true;
  const registrationCache = options.registrationCache ?? new RegistrationCache();

  let stopping = false;
  let running = true;
  let wake: (() => void) | undefined;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const loop = (async () => {
    let targetChecked = false;
    let portalSettled = !registerPortalLog;
    let failures = 0;
    let unreachable = false;
    let lastError = "";
    const alarms = new Set<string>();

    while (!stopping) {
      let delay = pollMs;
      try {
        if (!targetChecked) {
          const target = await checkAnchoringTarget(options.publicClient, options.chainId, options.contract);
          if (target.error) throw new Error(`not anchoring: ${target.error}`);
          if (target.warning) log(`warning: ${target.warning}`);
          targetChecked = true;
        }
        if (!portalSettled) {
          const portal = await ensurePortalLogRegistered(options);
          if (portal.state === "registered by another account") {
            log(
              `the portal log is registered on chain with anchorer ${portal.anchorer}, not ${options.account.address}: it will not be anchored by this worker`,
            );
          } else if (portal.state === "failed") {
            log(`could not register the portal log on chain: ${portal.reason}`);
          }
          portalSettled = portal.state !== "pending";
        }
        const result = await anchorOnce({ ...options, registrationCache });
        options.onStep?.(result);
        if (unreachable) log("chain reachable again: anchoring catches up");
        unreachable = false;
        failures = 0;
        lastError = "";
        report(result, log, alarms);
        // More logs waited than fit in one batch: go on at once.
        if (result.batch?.result.outcome === "confirmed" && result.waiting > result.batch.checkpoints.length) delay = 0;
      } catch (error) {
        failures += 1;
        options.onError?.(error);
        delay = Math.min(maxBackoff, initialBackoff * 2 ** Math.min(failures - 1, 20));
        const text = describeChainError(error);
        if (isChainUnreachable(error)) {
          if (!unreachable) log(`chain unreachable (${text}); records are still accepted and await anchoring; retrying with backoff`);
          unreachable = true;
        } else if (text !== lastError) {
          log(`anchoring step failed: ${text}; retrying with backoff`);
        }
        lastError = text;
      }
      if (!stopping && delay > 0) await sleep(delay);
    }
  })().finally(() => {
    running = false;
  });

  return {
    async stop() {
      stopping = true;
      wake?.();
      await loop;
    },
    get running() {
      return running;
    },
  };
}

function report(result: AnchorOnceResult, log: (line: string) => void, alarms: Set<string>): void {
  for (const r of result.resolved) {
    if (r.result.outcome === "confirmed") log(`batch ${r.batchId} (tx ${r.txHash}) confirmed in block ${r.result.blockNumber}`);
  }
  const b = result.batch;
  if (b) {
    const what = b.checkpoints.map((c) => `${c.logId}@${c.treeSize}`).join(", ");
    if (b.result.outcome === "confirmed") {
      log(`checkpointed ${what} in tx ${b.txHash} (block ${b.result.blockNumber}, gas ${b.result.gasUsed})`);
    } else {
      log(`batch ${b.batchId} for ${what}: ${b.result.outcome} (tx ${b.txHash})`);
    }
  }
  for (const a of result.alarms.raised) log(`ALARM ${a.kind} (log ${a.logId}): ${a.detail}`);
  for (const a of result.alarms.resolved) log(`alarm ${a.kind} (log ${a.logId}) resolved: ${a.resolution}`);
  for (const s of result.skipped) {
    if (!s.alarm) continue;
    const key = `${s.logId}: ${s.reason}`;
    if (alarms.has(key)) continue;
    alarms.add(key);
    log(`ALERT log ${key}`);
  }
}
