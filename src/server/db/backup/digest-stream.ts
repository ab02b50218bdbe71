// A pass-through stream that counts and hashes what flows through it: a backup records each
// table's and file's size and sha256, and a restore checks them as the bytes go by.
import { createHash } from "node:crypto";
import { Transform, type TransformCallback } from "node:stream";

export class DigestStream extends Transform {
  bytes = 0;
  private readonly hash = createHash("sha256");

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    this.hash.update(chunk);
    done(null, chunk);
  }

  /** The hex sha256 of everything that passed; call once the stream has finished. */
  sha256(): string {
    return this.hash.digest("hex");
  }
}
