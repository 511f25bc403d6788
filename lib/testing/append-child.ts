/**
 * Child process for the concurrency test: appends COUNT records to LOG_ID, one transaction each, as fast
 * as it can, against DATABASE_URL. Prints the indexes it was given as JSON.
 */
import { openDatabase } from "@/lib/db/open";
import { appendRecord } from "@/lib/server/log/append-records";

const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL!, migrate: false, maxConnections: 4 });
const count = Number(process.env.COUNT);
const who = process.env.WHO ?? "a";
const indexes: number[] = [];
await Promise.all(
  Array.from({ length: 4 }, async (_, lane) => {
    for (let i = lane; i < count; i += 4) {
      const rec = await database.transaction((tx) =>
        appendRecord(tx, process.env.LOG_ID!, {
          kind: "auth.signed_in",
          actor: { role: "investigator", id: `usr_${who}${String(i).padStart(5, "0")}` },
          body: { method: "password" },
        }),
      );
      indexes.push(rec.index);
    }
  }),
);
console.log(JSON.stringify(indexes));
await database.$close();
