// For load balancers and uptime checks: is the app up, and does it reach its database?
// No session, no caching; it answers within about two seconds (PARLEY_HEALTH_TIMEOUT_MS) even
// when the database hangs.
import { databaseReachable } from "@/server/db/health";

export const dynamic = "force-dynamic";

async function health(): Promise<{ status: number; body: { status: "ok" | "degraded"; database: "ok" | "unreachable" } }> {
  return (await databaseReachable())
    ? { status: 200, body: { status: "ok", database: "ok" } }
    : { status: 503, body: { status: "degraded", database: "unreachable" } };
}

const NO_STORE = { "Cache-Control": "no-store, max-age=0" };

export async function GET() {
  const { status, body } = await health();
  return Response.json(body, { status, headers: NO_STORE });
}

export async function HEAD() {
  const { status } = await health();
  return new Response(null, { status, headers: NO_STORE });
}
