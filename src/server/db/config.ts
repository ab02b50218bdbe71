// Connection strings for the database roles (shared/ARCHITECTURE.md, Tenancy): the owner runs
// migrations, the app role serves requests under RLS, the system role (BYPASSRLS) is used only
// by the files in ./system/, and the jobs role is pg-boss's, limited to its own schema.

export const APP_ROLE = "parley_app";
export const SYSTEM_ROLE = "parley_system";
export const JOBS_ROLE = "parley_jobs";

function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set. Run Parley with \`npm start\` (it starts an embedded PostgreSQL) or set ${name}; see .env.example.`);
  }
  return value;
}

/** The owner's URL: migrations and seeding only. */
export function ownerDatabaseUrl(): string {
  return required("DATABASE_URL");
}

/** The password the migration runner gives the app and system roles. */
export function roleDatabasePassword(): string {
  return required("PARLEY_DB_ROLE_PASSWORD");
}

function asRole(url: string, role: string, password: string): string {
  const parsed = new URL(url);
  parsed.username = role;
  parsed.password = password;
  return parsed.toString();
}

export function appDatabaseUrl(): string {
  return process.env.APP_DATABASE_URL || asRole(ownerDatabaseUrl(), APP_ROLE, roleDatabasePassword());
}

export function systemDatabaseUrl(): string {
  return process.env.SYSTEM_DATABASE_URL || asRole(ownerDatabaseUrl(), SYSTEM_ROLE, roleDatabasePassword());
}

/** pg-boss's connection: its own schema only, no tenant table (src/server/jobs/boss.ts). */
export function jobsDatabaseUrl(): string {
  return process.env.JOBS_DATABASE_URL || asRole(ownerDatabaseUrl(), JOBS_ROLE, roleDatabasePassword());
}

/** Every query runs under this limit, so a runaway query cannot hold a connection. */
export const STATEMENT_TIMEOUT_MS = Number(process.env.PARLEY_STATEMENT_TIMEOUT_MS ?? 15_000);

/** How long opening a connection may take before the request fails as "database unreachable". */
export const CONNECT_TIMEOUT_MS = Number(process.env.PARLEY_DB_CONNECT_TIMEOUT_MS ?? 5_000);
