/**
 * Keeps the embedded chain (Anvil) on disk between starts, in one directory:
 *
 *   state.json   the last complete state: what the next start loads
 *   dump.json    Anvil's own dump, rewritten every second and once more when it stops
 *   anvil.pid    the running node, so that a start after a killed start script can stop the node it left behind
 *
 * Anvil truncates dump.json and rewrites it in place, so a node killed in the middle of a dump leaves a broken
 * file. A dump becomes state.json only once it parses, through a temporary file, fsync and rename: state.json is
 * always complete. A node killed with SIGKILL therefore loses at most its last second or two; the start script
 * then finds the database ahead of the chain and says so (scripts/serve.ts).
 */
import { existsSync } from "node:fs";
import { mkdir, open, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";

/** How often Anvil writes its dump, and how often a complete dump becomes state.json. */
export const STATE_INTERVAL_SECONDS = 1;
const ORPHAN_STOP_TIMEOUT_MS = 30_000;

export interface ChainStateFiles {
  dir: string;
  state: string;
  dump: string;
  pid: string;
}

export function chainStateFiles(dir: string): ChainStateFiles {
  const abs = path.resolve(dir);
  return {
    dir: abs,
    state: path.join(abs, "state.json"),
    dump: path.join(abs, "dump.json"),
    pid: path.join(abs, "anvil.pid"),
  };
}

/** Before a start: the directory exists, no earlier node still runs on it, and its last complete dump is state.json. */
export async function prepareChainState(dir: string): Promise<ChainStateFiles> {
  const files = chainStateFiles(dir);
  await mkdir(files.dir, { recursive: true });
  await stopOrphanNode(files);
  await saveCompleteDump(files);
  return files;
}

/** Anvil's arguments: load state.json if there is one, dump to dump.json every interval and at exit. */
export function anvilStateArgs(files: ChainStateFiles): string[] {
  return [
    ...(existsSync(files.state) ? ["--load-state", files.state] : []),
    "--dump-state",
    files.dump,
    "--state-interval",
    String(STATE_INTERVAL_SECONDS),
  ];
}

function isCompleteDump(bytes: Buffer): boolean {
  try {
    const parsed = JSON.parse(bytes.toString("utf8")) as { block?: unknown; accounts?: unknown };
    return typeof parsed === "object" && parsed !== null && typeof parsed.block === "object" && typeof parsed.accounts === "object";
  } catch {
    return false;
  }
}

/** Makes the current dump state.json if it is complete and new; true when it did. Never leaves state.json partial. */
export async function saveCompleteDump(files: ChainStateFiles): Promise<boolean> {
  const dump = await readFile(files.dump).catch(() => undefined);
  if (!dump || !isCompleteDump(dump)) return false;
  const current = await readFile(files.state).catch(() => undefined);
  if (current?.equals(dump)) return false;
  const temporary = `${files.state}.tmp`;
  const handle = await open(temporary, "w");
  try {
    await handle.writeFile(dump);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, files.state);
  return true;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A start script killed with SIGKILL cannot stop its node, which keeps the port and goes on dumping. If the pid
 * file names a live process whose command line dumps to this directory, it is that node: SIGTERM lets it save,
 * then the start goes on. Anything else under that pid (reused after a reboot) is left alone.
 */
async function stopOrphanNode(files: ChainStateFiles): Promise<void> {
  const pid = Number((await readFile(files.pid, "utf8").catch(() => "")).trim());
  if (!Number.isInteger(pid) || pid <= 0) return;
  const commandLine = await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "");
  if (isRunning(pid) && commandLine.split("\0").includes(files.dump)) {
    process.kill(pid, "SIGTERM");
    const deadline = Date.now() + ORPHAN_STOP_TIMEOUT_MS;
    while (isRunning(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    if (isRunning(pid)) process.kill(pid, "SIGKILL");
  }
  await rm(files.pid, { force: true });
}

/**
 * Records the running node and saves every complete dump while it runs. The returned function, called once the
 * node has exited, saves its final dump and forgets the node.
 */
export async function rememberNode(files: ChainStateFiles, pid: number): Promise<() => Promise<void>> {
  await writeFile(files.pid, `${pid}\n`);
  let saving = Promise.resolve();
  const timer = setInterval(() => {
    saving = saving.then(() =>
      saveCompleteDump(files).then(
        () => undefined,
        () => undefined,
      ),
    );
  }, STATE_INTERVAL_SECONDS * 1000);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await saving;
    await saveCompleteDump(files);
    await rm(files.pid, { force: true });
  };
}

/** Forgets the chain: the next start begins with an empty one. */
export async function forgetChainState(dir: string): Promise<void> {
  await rm(path.resolve(dir), { recursive: true, force: true });
}
