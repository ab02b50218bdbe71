// The CSV upload route (POST /api/imports): text from its query string that PostgreSQL cannot
// store never turns into a 500.
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { POST } from "@/app/api/imports/route";
import { callerAs, createOrgWithOwner } from "../../../test/helpers/fixtures";
import { sessionCookieFor } from "../../../test/helpers/session-cookie";

// Route handlers read the session cookie through next/headers; here it is the one set below.
const jar = vi.hoisted(() => ({ session: "" }));
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: (name: string) => (name === "next-auth.session-token" && jar.session ? { value: jar.session } : undefined) }),
}));

async function signInAs(user: { email: string }) {
  jar.session = (await sessionCookieFor(user.email)).cookie;
}

const uploadTo = (query: Record<string, string>, csv: string) =>
  POST(new Request(`http://localhost:3000/api/imports?${new URLSearchParams(query)}`, { method: "POST", body: csv, headers: { "content-type": "text/csv" } }));

beforeAll(() => { process.env.PARLEY_UPLOAD_DIR = path.resolve(".data/test-uploads"); });
afterAll(() => { delete process.env.PARLEY_UPLOAD_DIR; });
afterEach(() => { jar.session = ""; });

describe("POST /api/imports", () => {
  it("drops NULs from the file's name and cells, and answers an organization address with one as not found", async () => {
    const org = await createOrgWithOwner("upload-nul");
    await signInAs(org.owner);

    const response = await uploadTo({ resource: "leads", org: org.slug, name: "leads\u0000.csv" }, "Company\nNul\u0000 Co\n");
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };
    const imp = await callerAs(org.owner, org.slug).imports.get({ id });
    expect(imp).toMatchObject({ fileName: "leads.csv", headers: ["Company"], preview: [["Nul Co"]] });

    const nowhere = await uploadTo({ resource: "leads", org: `${org.slug}\u0000`, name: "x.csv" }, "Company\nX\n");
    expect(nowhere.status).toBe(404);
  });
});
