/**
 * trialproof: export and verify TrialProof audit bundles and receipts (docs/bundles.md#verifying-without-the-portal,
 * docs/receipts.md#verification-steps).
 *
 *   trialproof export --trial <public id> [--out <file>]
 *   trialproof verify <bundle.json> --rpc <url> [--contract <address>] [--from-block <n>] [--require-anchored] [--json]
 *   trialproof verify-receipt <receipt.json> --rpc <url> [--envelope <file>] [--contract <address>] [--json]
 *   trialproof verify-protocol <public id> --rpc <url> --portal <url> [--contract <address>] [--from-block <n>] [--json]
 *
 * `verify` and `verify-receipt` need no database and no portal: they read the checkpoints from TrialLedger at
 * --rpc. `verify-protocol` reads what a portal publishes about a trial and checks it against TrialLedger. `export` reads the portal's database (DATABASE_URL, or the embedded PGlite directory PGLITE_DIR,
 * default .data/pglite). PGlite allows one process per directory: stop the portal before exporting from the
 * embedded database, or download the bundle from the portal instead (GET /api/logs/<trial>/bundle).
 *
 * Exit codes: 0 verified / exported; 1 verification failed; 2 usage error; 3 could not complete (file, chain
 * or database unreachable).
 */
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import type { Address } from "viem";
import { parseAuditBundle } from "@/lib/integrity";
import { verifyBundleOnChain } from "@/lib/chain/verify-bundle-on-chain";
import { verifyReceiptOnChain } from "@/lib/chain/verify-receipt-on-chain";
import { ZLogId } from "@/lib/schemas/records";
import { chainReachable, fromBlockOption, IncompleteError, NotJsonError, pinnedContract, rpcClient, UsageError } from "./cli-support";
import { formatBundleVerification, formatReceiptVerification } from "./format-report";
import { verifyProtocolCommand } from "./verify-protocol";

const USAGE = `Usage:
  trialproof export --trial <public id> [--out <file>]
      Writes the audit bundle of a trial (trialproof.audit-bundle/2) from the portal's database:
      DATABASE_URL, or the embedded PGlite directory (PGLITE_DIR, default .data/pglite; stop the portal first,
      PGlite allows one process; or download GET /api/logs/<trial>/bundle from the running portal).

  trialproof verify <bundle.json> --rpc <url> [--contract <address>] [--from-block <n>] [--require-anchored] [--json]
      Verifies an audit bundle against TrialLedger at <url>; no database or portal needed.

  trialproof verify-receipt <receipt.json> --rpc <url> [--envelope <file>] [--contract <address>] [--json]
      Verifies a record receipt (and, with --envelope, the record itself) against the chain.

  trialproof verify-protocol <public id> --rpc <url> --portal <url> [--contract <address>] [--from-block <n>] [--json]
      Fetches the trial's published protocol versions and their records from the portal at <url> and checks each
      against the sponsor's commitment on chain, and the checkpoint the portal shows as anchored.

  --contract pins the TrialLedger address you trust (default: the one the bundle, receipt or portal names).
Exit codes: 0 verified, 1 verification failed, 2 usage error, 3 could not complete.`;

const OPTIONS = {
  trial: { type: "string" },
  out: { type: "string" },
  rpc: { type: "string" },
  contract: { type: "string" },
  "from-block": { type: "string" },
  envelope: { type: "string" },
  portal: { type: "string" },
  "require-anchored": { type: "boolean" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

function parse(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

async function readJsonFile(file: string | undefined, what: string): Promise<unknown> {
  if (!file) throw new UsageError(`give the ${what} file to verify`);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new UsageError(`cannot read ${what} file ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new NotJsonError(`${file} is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
}

async function exportCommand(values: ReturnType<typeof parse>["values"]): Promise<number> {
  const trial = ZLogId.safeParse(values.trial);
  if (!trial.success) throw new UsageError("--trial <public id> is required, e.g. --trial TP-2026-0001");
  const { parseEnv } = await import("@/lib/env");
  let env;
  try {
    env = parseEnv(process.env);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  let pgliteDir: string | undefined;
  if (!env.DATABASE_URL) {
    pgliteDir = path.resolve(env.PGLITE_DIR);
    if (!existsSync(path.join(pgliteDir, "PG_VERSION"))) {
      throw new IncompleteError(`no embedded database at ${pgliteDir}: set DATABASE_URL, or PGLITE_DIR to the portal's PGlite directory`);
    }
    console.error(`Reading the embedded database ${pgliteDir}. PGlite allows one process: the portal must be stopped.`);
  }
  const { openDatabase } = await import("@/lib/db/open");
  const { exportBundle } = await import("@/lib/server/verification/export-bundle");
  let database;
  try {
    database = await openDatabase({
      databaseUrl: env.DATABASE_URL,
      pgliteDir,
      migrate: false,
      appRole: null,
      maxConnections: 2,
    });
  } catch (error) {
    throw new IncompleteError(`cannot open the database: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    const bundle = await exportBundle(database, trial.data);
    const text = `${JSON.stringify(bundle, null, 2)}\n`;
    if (values.out) {
      await writeFile(values.out, text);
      console.error(
        `Wrote ${bundle.leaves.length} record(s) of ${bundle.trial.publicId} to ${values.out} ` +
          `(checkpoint of size ${bundle.checkpoint.treeSize} on chain ${bundle.chain.chainId}).`,
      );
    } else {
      process.stdout.write(text);
    }
    return 0;
  } catch (error) {
    const { AppError } = await import("@/lib/server/errors/app-error");
    if (error instanceof AppError) throw new IncompleteError(error.message);
    throw error;
  } finally {
    await database.$close();
  }
}

async function verifyCommand(file: string | undefined, values: ReturnType<typeof parse>["values"]): Promise<number> {
  const { client, url } = rpcClient(values.rpc);
  const pinned = pinnedContract(values.contract);
  const fromBlock = fromBlockOption(values["from-block"]);
  const json = await readJsonFile(file, "bundle");
  const parsed = parseAuditBundle(json);
  if (!parsed.ok) {
    console.log(`${file} is not an audit bundle (trialproof.audit-bundle/2):`);
    for (const issue of parsed.issues.slice(0, 20)) console.log(`  - ${issue.path || "(root)"}: ${issue.message}`);
    console.log("RESULT: FAILED — the bundle is malformed.");
    return 1;
  }
  const bundle = parsed.value;
  await chainReachable(client, url);
  let result;
  try {
    result = await verifyBundleOnChain({ client, contract: pinned ?? (bundle.chain.contract as Address), fromBlock }, bundle, {
      requireAnchored: values["require-anchored"] ?? false,
    });
  } catch (error) {
    throw new IncompleteError(`cannot read the checkpoints from the chain: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
  }
  if (values.json) console.log(JSON.stringify(result, null, 2));
  else console.log(formatBundleVerification(result, { publicId: bundle.trial.publicId, rpcUrl: url, pinned: pinned !== undefined }));
  return result.ok ? 0 : 1;
}

async function verifyReceiptCommand(file: string | undefined, values: ReturnType<typeof parse>["values"]): Promise<number> {
  const { client, url } = rpcClient(values.rpc);
  const pinned = pinnedContract(values.contract);
  const receipt = await readJsonFile(file, "receipt");
  const envelope = values.envelope === undefined ? undefined : await readJsonFile(values.envelope, "envelope");
  await chainReachable(client, url);
  const result = await verifyReceiptOnChain(client, receipt, envelope, { contract: pinned });
  if (values.json) console.log(JSON.stringify(result, null, 2));
  else console.log(formatReceiptVerification(result, { rpcUrl: url, pinned: pinned !== undefined }));
  return result.ok ? 0 : 1;
}

export async function main(argv: string[]): Promise<number> {
  try {
    const { values, positionals } = parse(argv);
    const [command, ...rest] = positionals;
    if (values.help || command === "help") {
      console.log(USAGE);
      return 0;
    }
    if (command === undefined) {
      console.error(USAGE);
      return 2;
    }
    if (rest.length > 1 || (command === "export" && rest.length > 0)) throw new UsageError(`unexpected argument "${rest[rest.length - 1]}"`);
    switch (command) {
      case "export":
        return await exportCommand(values);
      case "verify":
        return await verifyCommand(rest[0], values);
      case "verify-receipt":
        return await verifyReceiptCommand(rest[0], values);
      case "verify-protocol":
        return await verifyProtocolCommand(rest[0], values);
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof NotJsonError) {
      console.log(`${error.message}\nRESULT: FAILED`);
      return 1;
    }
    if (error instanceof UsageError) {
      console.error(`trialproof: ${error.message}\nRun "trialproof --help" for usage.`);
      return 2;
    }
    console.error(`trialproof: ${error instanceof IncompleteError ? error.message : error instanceof Error ? error.stack : String(error)}`);
    return 3;
  }
}

process.exitCode = await main(process.argv.slice(2));
