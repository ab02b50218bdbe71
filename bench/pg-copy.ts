// COPY ... FROM STDIN fed from a file, for the import benchmark's baseline. pg-copy-streams is
// not a dependency, so this is the little of it needed: a pg "submittable" that answers the
// server's CopyInResponse by streaming the file as CopyData messages (pausing when the socket's
// buffer is full), then CopyDone, and resolves with the row count COPY reports.
import { createReadStream } from "node:fs";
import type pg from "pg";

interface CopyConnection {
  stream: NodeJS.WritableStream & { writableNeedDrain: boolean };
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
  sendCopyFail(message: string): void;
}

class CopyFromFile implements pg.Submittable {
  readonly done: Promise<number>;
  private resolve!: (rows: number) => void;
  private reject!: (error: Error) => void;
  private rows = 0;
  private failed = false;

  constructor(private readonly text: string, private readonly file: string) {
    this.done = new Promise((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
  }

  submit(connection: pg.Connection) {
    (connection as unknown as CopyConnection).query(this.text);
  }

  handleCopyInResponse(connection: CopyConnection) {
    const source = createReadStream(this.file, { highWaterMark: 1 << 18 });
    source.on("data", (chunk) => {
      connection.sendCopyFromChunk(chunk as Buffer);
      if (connection.stream.writableNeedDrain) {
        source.pause();
        connection.stream.once("drain", () => source.resume());
      }
    });
    source.on("end", () => connection.endCopyFrom());
    source.on("error", (error) => connection.sendCopyFail(error.message));
  }

  handleCommandComplete(message: { text: string }) {
    this.rows = Number(message.text.split(" ")[1] ?? 0);
  }

  handleReadyForQuery() {
    if (!this.failed) this.resolve(this.rows);
  }

  handleError(error: Error) {
    this.failed = true;
    this.reject(error);
  }

  // Messages a COPY FROM never gets; the client calls these on whatever query is active.
  handleRowDescription() {}
  handleDataRow() {}
  handleEmptyQuery() {}
  handlePortalSuspended() {}
  handleCopyData() {}
}

/** Runs `COPY <target> FROM STDIN <options>` on `client` with the file's bytes; resolves with the rows copied. */
export function copyFromFile(client: pg.ClientBase, copySql: string, file: string): Promise<number> {
  const copy = new CopyFromFile(copySql, file);
  client.query(copy);
  return copy.done;
}
