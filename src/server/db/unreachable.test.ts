// What Prisma 7 with the pg adapter really throws when the database goes away, produced against
// the real server (behind a loopback proxy that is cut or hung, a closed port, a fake server
// answering FATAL), and how each is classified. Query errors must stay query errors.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import { closedPort, fatalServer, hungServer, startTcpProxy } from "../../../test/helpers/tcp-proxy";
import { closeClient, createClient } from "./client";
import { systemDatabaseUrl } from "./config";
import { DatabaseUnavailableError, isDatabaseUnreachable } from "./unreachable";

const clients: PrismaClient[] = [];
const client = (url: string, max = 2, connectTimeoutMs = 1_000) => {
  const db = createClient(url, max, { connectTimeoutMs });
  clients.push(db);
  return db;
};
const failure = async (work: Promise<unknown>) => work.then(() => { throw new Error("expected the query to fail"); }, (error: unknown) => error);
const onPort = (port: number) => { const url = new URL(systemDatabaseUrl()); url.hostname = "127.0.0.1"; url.port = String(port); return url.toString(); };

beforeAll(() => { vi.spyOn(console, "error").mockImplementation(() => {}); });
afterAll(async () => { await Promise.all(clients.map((c) => closeClient(c))); vi.restoreAllMocks(); });

describe("isDatabaseUnreachable, on what the driver really throws", () => {
  it("a refused connection: P1001 from the model API, P2010 from raw SQL, P1001 from a transaction", async () => {
    const db = client(onPort(await closedPort()));
    const model = await failure(db.user.findFirst());
    expect(model).toMatchObject({ code: "P1001", meta: { driverAdapterError: { cause: { kind: "DatabaseNotReachable" } } } });
    expect(isDatabaseUnreachable(model)).toBe(true);
    const raw = await failure(db.$queryRaw`SELECT 1`);
    expect(raw).toMatchObject({ code: "P2010" });
    expect(isDatabaseUnreachable(raw)).toBe(true);
    expect(isDatabaseUnreachable(await failure(db.$transaction(async (tx) => tx.user.findFirst())))).toBe(true);
  });

  it("the connection cut mid-query: pg's 'Connection terminated unexpectedly'", async () => {
    const proxy = await startTcpProxy({ host: "127.0.0.1", port: Number(new URL(systemDatabaseUrl()).port || 5432) });
    try {
      const db = client(proxy.via(systemDatabaseUrl()));
      await db.user.findFirst(); // connected
      proxy.hold();
      const pending = failure(db.user.findFirst());
      await vi.waitFor(() => expect(proxy.heldBytes).toBeGreaterThan(0));
      await proxy.cut();
      const error = await pending;
      expect((error as Error).message).toBe("Connection terminated unexpectedly");
      expect(isDatabaseUnreachable(error)).toBe(true);
    } finally {
      await proxy.close();
    }
  });

  it("a server that accepts but never answers: the pool's connect timeout, from queries and transactions", async () => {
    const hung = await hungServer();
    try {
      const db = client(onPort(hung.port), 2, 300);
      const query = await failure(db.user.findFirst());
      expect((query as Error).message).toBe("Connection terminated due to connection timeout");
      expect(isDatabaseUnreachable(query)).toBe(true);
      expect(isDatabaseUnreachable(await failure(db.$transaction(async (tx) => tx.user.findFirst())))).toBe(true);
    } finally {
      await hung.close();
    }
  });

  it.each([
    ["57P03", "the database system is starting up", "P2039"],
    ["57P01", "terminating connection due to administrator command", "P2039"],
    ["53300", "sorry, too many clients already", "P2037"],
  ])("a server refusing with FATAL %s", async (sqlState, message, prismaCode) => {
    const server = await fatalServer(sqlState, message);
    try {
      const error = await failure(client(onPort(server.port)).user.findFirst());
      expect(error).toMatchObject({ code: prismaCode });
      expect(isDatabaseUnreachable(error)).toBe(true);
    } finally {
      await server.close();
    }
  });

  it("no pooled connection free in time: pg's pool timeout and Prisma's P2028", async () => {
    const db = client(systemDatabaseUrl(), 1, 200);
    const holding = db.$transaction(async (tx) => { await tx.$executeRaw`SELECT pg_sleep(1)`; }, { timeout: 10_000 });
    await vi.waitFor(async () => expect(await failure(db.user.findFirst())).toMatchObject({ message: "timeout exceeded when trying to connect" }));
    const tx = await failure(db.$transaction(async (t) => t.user.findFirst(), { maxWait: 100 }));
    expect(tx).toMatchObject({ code: "P2028" });
    expect(isDatabaseUnreachable(tx)).toBe(true);
    await holding;
  });

  it("keeps query errors, a missing database and unrelated network errors out of it", async () => {
    const db = client(systemDatabaseUrl());
    const syntax = await failure(db.$queryRawUnsafe("SELEC 1"));
    expect(isDatabaseUnreachable(syntax)).toBe(false);
    const timeout = await failure(db.$transaction(async (tx) => { await tx.$executeRaw`SET LOCAL statement_timeout = 10`; await tx.$executeRaw`SELECT pg_sleep(1)`; }));
    expect((timeout as Error).message).toContain("57014");
    expect(isDatabaseUnreachable(timeout)).toBe(false);
    // A database that does not exist is a configuration error, not an outage.
    const url = new URL(systemDatabaseUrl());
    url.pathname = "/parley_no_such_database";
    expect(await failure(client(url.toString()).user.findFirst())).toMatchObject({ code: "P1003" });
    expect(isDatabaseUnreachable(await failure(client(url.toString()).user.findFirst()))).toBe(false);
    // An SMTP server or a website refusing is not the database.
    expect(isDatabaseUnreachable(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:25"), { code: "ECONNREFUSED", syscall: "connect" }))).toBe(false);
    expect(isDatabaseUnreachable(new Error("boom"))).toBe(false);
  });

  it("recognises its own DatabaseUnavailableError and errors that wrap one", () => {
    const unavailable = new DatabaseUnavailableError(new Error("Connection terminated unexpectedly"));
    expect(isDatabaseUnreachable(unavailable)).toBe(true);
    expect(isDatabaseUnreachable(new Error("wrapped", { cause: unavailable }))).toBe(true);
    expect(unavailable.message).toBe("Parley can't reach its database, try again shortly.");
  });
});
