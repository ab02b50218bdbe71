// pg-boss keeps one job partition per queue, created with the queue's row by its own
// create_queue() function, so its queue table is merged on restore instead of replaced: the
// migration already created this code's queues (and partitions), a queue only the backup has
// is created the same way, and every queue then takes the backup's settings.
import type { Writable } from "node:stream";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { JOB_SCHEMA } from "@/server/jobs/queues";
import { columnList } from "./catalog";

const STAGING = "parley_restore_queue";

/** Loads the backup's queue rows (COPY text that `feed` writes) into pg-boss's queue table; returns the row count. */
export async function mergeJobQueues(client: pg.ClientBase, columns: readonly string[], feed: (into: Writable) => Promise<void>): Promise<number> {
  await client.query(`CREATE TEMP TABLE ${STAGING} (LIKE ${JOB_SCHEMA}.queue) ON COMMIT DROP`);
  const copy = client.query(copyFrom(`COPY ${STAGING} (${columnList(columns)}) FROM STDIN`));
  await feed(copy);
  // create_queue makes the row and its partition; it reads the options pg-boss's createQueue passes.
  await client.query(
    `SELECT ${JOB_SCHEMA}.create_queue(r.name, json_build_object('policy', r.policy))
       FROM ${STAGING} r WHERE NOT EXISTS (SELECT 1 FROM ${JOB_SCHEMA}.queue q WHERE q.name = r.name)`,
  );
  // The partition's name is pg-boss's to derive; every other setting is the backup's.
  const settings = columns.filter((c) => c !== "name" && c !== "partition_name");
  if (settings.length) {
    await client.query(
      `UPDATE ${JOB_SCHEMA}.queue q SET (${columnList(settings)}) = (SELECT ${settings.map((c) => `r.${columnList([c])}`).join(", ")} FROM ${STAGING} r WHERE r.name = q.name)
        WHERE EXISTS (SELECT 1 FROM ${STAGING} r WHERE r.name = q.name)`,
    );
  }
  return copy.rowCount;
}
