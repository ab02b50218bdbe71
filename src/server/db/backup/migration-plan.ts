// Whether this code can restore a backup's schema: the backup's migrations must all be this
// code's own (same name, same checksum). A backup from an older schema is restored by
// migrating to exactly its migrations first, loading its rows, then applying the newer ones,
// which is how that database would have been upgraded in place.
import { BackupError } from "./manifest";

export interface MigrationRef {
  name: string;
  checksum: string;
}

export type MigrationPlan =
  | { kind: "same"; backup: string[] }
  | { kind: "older"; backup: string[]; newer: string[] };

export function planMigrations(backup: readonly MigrationRef[], code: readonly MigrationRef[]): MigrationPlan {
  const known = new Map(code.map((m) => [m.name, m.checksum]));
  const unknown = backup.filter((m) => !known.has(m.name)).map((m) => m.name);
  if (unknown.length) {
    throw new BackupError(
      `The backup comes from a newer or different Parley: its database has ${unknown.length} migration(s) this code does not have (${list(unknown)}). ` +
        "Restore it with the Parley version that made it (or a newer one), then upgrade as usual.",
    );
  }
  const edited = backup.filter((m) => known.get(m.name) !== m.checksum).map((m) => m.name);
  if (edited.length) {
    throw new BackupError(
      `The backup's migration(s) ${list(edited)} differ from this code's copies (another checksum): the backup was made by a Parley whose migrations were edited. ` +
        "Restore it with the Parley version that made it.",
    );
  }
  if (backup.length === 0) throw new BackupError("The backup records no applied migrations: it was not taken from a migrated Parley database.");
  const inBackup = new Set(backup.map((m) => m.name));
  const names = [...inBackup].sort();
  const newer = code.map((m) => m.name).filter((name) => !inBackup.has(name));
  return newer.length ? { kind: "older", backup: names, newer } : { kind: "same", backup: names };
}

const list = (names: string[]) => (names.length > 5 ? `${names.slice(0, 5).join(", ")} and ${names.length - 5} more` : names.join(", "));
