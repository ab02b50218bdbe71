// Text PostgreSQL cannot store (NUL, lone surrogates) is refused for every procedure by one
// check in trpc.ts, before any schema or service sees it: a 400 whose zod issue names the field,
// reaching forms exactly as a schema's own errors do. Over HTTP (an API key, superjson) and
// through the server-side caller.
import { describe, expect, it } from "vitest";
import { GET, POST } from "@/app/api/trpc/[trpc]/route";
import { errorsFromServer, serverErrors } from "@/lib/form-errors";
import { NUL_MESSAGE, SURROGATE_MESSAGE } from "@/lib/safe-text";
import { callerAs, createOrgWithOwner, ownerPool } from "../../../test/helpers/fixtures";

const BASE = "http://localhost:3000/api/trpc";

type ErrorBody = { message: string; code: number; data: { code: string; httpStatus: number; fieldErrors?: Record<string, string[]>; path: string } };

async function http(token: string, path: string, input: unknown, mutation: boolean) {
  const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  const body = JSON.stringify({ json: input });
  const response = mutation
    ? await POST(new Request(`${BASE}/${path}`, { method: "POST", headers, body }))
    : await GET(new Request(`${BASE}/${path}?input=${encodeURIComponent(body)}`, { headers }));
  const json = (await response.json()) as { error?: { json: ErrorBody } };
  return { status: response.status, error: json.error?.json };
}

async function setup(label: string) {
  const org = await createOrgWithOwner(label);
  const api = callerAs(org.owner, org.slug);
  const key = await api.apiKeys.create({ name: "Text check", permissions: ["companies:read", "companies:write", "tasks:read", "tasks:write", "leads:read"] });
  const rows = async (table: string) => (await ownerPool().query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE organization_id = $1`, [org.orgId])).rows[0]!.n;
  return { org, api, token: key.token, rows };
}

describe("text PostgreSQL cannot store", () => {
  it("is a 400 naming the field, over HTTP, for a field at the top and one nested, and nothing is written", async () => {
    const { api, token, rows } = await setup("unsafe-http");
    const companiesBefore = await rows("companies");

    const created = await http(token, "companies.create", { name: "Acme\u0000 Ltd" }, true);
    expect(created.status).toBe(400);
    expect(created.error!.data.fieldErrors).toEqual({ name: [NUL_MESSAGE] });
    // The form helpers read it like any zod error: beside the field.
    expect(errorsFromServer(created.error!)).toEqual({ name: NUL_MESSAGE });
    expect(await rows("companies")).toBe(companiesBefore);

    const task = await api.tasks.create({ title: "Call back" });
    const updated = await http(token, "tasks.update", { id: task.id, values: { title: "Call \ud800back" } }, true);
    expect(updated.status).toBe(400);
    expect(serverErrors(updated.error!, "values")).toMatchObject({ title: SURROGATE_MESSAGE });
    expect((await api.tasks.get({ id: task.id })).title).toBe("Call back");
  });

  it("is refused in queries (search), in object keys (a saved view's filters) and for any caller", async () => {
    const { org, token, rows } = await setup("unsafe-query");
    const search = await http(token, "search.global", { q: "acme\u0000" }, false);
    expect(search.status).toBe(400);
    expect(search.error!.data.fieldErrors).toEqual({ q: [NUL_MESSAGE] });

    const views = await rows("saved_views");
    const view = await http(token, "savedViews.save", { resource: "companies", name: "Mine", query: { ["tier\ud800"]: "gold" } }, true);
    expect(view.status).toBe(400);
    expect(view.error!.data.fieldErrors).toEqual({ query: [SURROGATE_MESSAGE] });
    expect(await rows("saved_views")).toBe(views);

    // The server-side caller (pages), and a signed-out caller of a public procedure, get the same.
    await expect(callerAs(org.owner, org.slug).companies.list({ search: "\u0000" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(callerAs(null).auth.requestPasswordReset({ email: "a\u0000@example.com" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("in an organization's address (from a URL or header) means no such organization", async () => {
    const { org } = await setup("unsafe-slug");
    await expect(callerAs(org.owner, `${org.slug}\u0000`).organizations.current()).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
