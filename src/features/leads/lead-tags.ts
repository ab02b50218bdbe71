// Tags are per organization and shared by every lead; a lead's tags are set as a whole list,
// creating the ones that do not exist yet (matched case-insensitively, first spelling wins).
import type { OrgScope } from "@/server/api/scope";

const TAG_COLORS = ["slate", "blue", "green", "amber", "rose", "violet", "cyan", "lime"] as const;

function dedupe(names: readonly string[]) {
  const seen = new Map<string, string>();
  for (const n of names) if (!seen.has(n.toLowerCase())) seen.set(n.toLowerCase(), n);
  return [...seen.values()];
}

export async function setLeadTags(scope: OrgScope, leadId: string, names: readonly string[]): Promise<string[]> {
  const wanted = dedupe(names);
  const existing = wanted.length
    ? await scope.tx.tag.findMany({ where: { name: { in: wanted, mode: "insensitive" } }, select: { id: true, name: true } })
    : [];
  const byName = new Map(existing.map((t) => [t.name.toLowerCase(), t]));
  const missing = wanted.filter((n) => !byName.has(n.toLowerCase()));
  if (missing.length) {
    const count = await scope.tx.tag.count();
    await scope.tx.tag.createMany({
      data: missing.map((name, i) => ({ organizationId: scope.orgId, name, color: TAG_COLORS[(count + i) % TAG_COLORS.length]! })),
      skipDuplicates: true,
    });
    for (const t of await scope.tx.tag.findMany({ where: { name: { in: missing } }, select: { id: true, name: true } })) byName.set(t.name.toLowerCase(), t);
  }
  const tagIds = wanted.map((n) => byName.get(n.toLowerCase())!.id);
  await scope.tx.leadTag.deleteMany({ where: { leadId, tagId: { notIn: tagIds } } });
  if (tagIds.length) {
    await scope.tx.leadTag.createMany({ data: tagIds.map((tagId) => ({ organizationId: scope.orgId, leadId, tagId })), skipDuplicates: true });
  }
  return wanted.map((n) => byName.get(n.toLowerCase())!.name);
}

export function listTags(scope: OrgScope) {
  return scope.tx.tag.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true, color: true, _count: { select: { leads: true } } } });
}
