// The backup artifact is one uncompressed tar file: manifest.json first, then each table's
// gzipped COPY text, then the stored files. tar keeps it one file to move and store, readable
// with any tar tool, and readable front to back in one pass (a restore never seeks).
import { createReadStream, createWriteStream } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import tar from "tar-stream";
import { BackupError, MANIFEST_ENTRY, type BackupManifest } from "./manifest";

/** Writes `out` from the manifest and the entries staged under `stagingDir` (same relative names). */
export async function packArchive(out: string, manifest: BackupManifest, stagingDir: string): Promise<void> {
  const pack = tar.pack();
  const written = pipeline(pack, createWriteStream(out, { flags: "wx" }));
  const addEntry = (name: string, size: number, source: Readable | Buffer) =>
    new Promise<void>((resolve, reject) => {
      const entry = pack.entry({ name, size, mode: 0o600, mtime: new Date(manifest.createdAt) }, (error) => (error ? reject(error) : resolve()));
      if (Buffer.isBuffer(source)) entry.end(source);
      else copyInto(source, entry).catch(reject);
    });
  try {
    const manifestBytes = Buffer.from(JSON.stringify(manifest, null, 2));
    await addEntry(MANIFEST_ENTRY, manifestBytes.length, manifestBytes);
    for (const name of [...manifest.tables.map((t) => t.entry), ...manifest.files.map((f) => f.entry)]) {
      const file = path.join(stagingDir, name);
      await addEntry(name, (await stat(file)).size, createReadStream(file));
    }
    pack.finalize();
  } catch (error) {
    pack.destroy(error as Error);
  }
  await written;
}

// tar-stream's streams are streamx streams, not Node's: fed by hand, with backpressure.
async function copyInto(source: Readable, entry: ReturnType<tar.Pack["entry"]>): Promise<void> {
  for await (const chunk of source) {
    if (!entry.write(chunk)) await new Promise<void>((resolve) => entry.once("drain", () => resolve()));
  }
  entry.end(null);
}

export interface ArchiveEntry {
  name: string;
  /** The entry's bytes; read it to the end (or call drain) before asking for the next entry. */
  stream: Readable;
}

/** The archive's entries in order, streamed (the file is never held in memory). */
export async function* readArchive(file: string): AsyncGenerator<ArchiveEntry> {
  const extract = tar.extract();
  const source = createReadStream(file);
  source.on("error", (error) => extract.destroy(error));
  source.pipe(extract);
  try {
    for await (const stream of extract) {
      // Wrapped as a Node stream, which pipeline() and zlib expect.
      const entry = Readable.from(stream as AsyncIterable<Buffer>, { objectMode: false });
      if (stream.header.type !== "file") await drain(entry);
      else yield { name: stream.header.name, stream: entry };
    }
  } catch (error) {
    throw new BackupError(`The backup file cannot be read as a tar archive (${(error as Error).message}): it is damaged or not a Parley backup.`);
  } finally {
    source.destroy();
  }
}

export async function drain(stream: Readable): Promise<void> {
  for await (const _chunk of stream);
}
