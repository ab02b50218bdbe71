import type { z } from "zod";
import { AppError, notFound } from "@/server/api/errors";
import type { OrgScope } from "@/server/api/scope";
import type { organizationSettingsSchema } from "./organization-settings.schema";

const SETTINGS = { id: true, name: true, slug: true, logoUrl: true, timezone: true, currency: true } as const;

export async function getOrganizationSettings(scope: OrgScope) {
  const org = await scope.tx.organization.findUnique({ where: { id: scope.orgId }, select: SETTINGS });
  if (!org) throw notFound("Organization");
  return org;
}

/** Name, address (slug), logo, time zone and currency. A new slug moves every URL of the org. */
export async function updateOrganizationSettings(scope: OrgScope, input: z.output<typeof organizationSettingsSchema>) {
  const before = await getOrganizationSettings(scope);
  try {
    const after = await scope.tx.organization.update({ where: { id: scope.orgId }, data: input, select: SETTINGS });
    const changed = (Object.keys(input) as (keyof typeof input)[]).filter((k) => before[k] !== after[k]);
    await scope.audit({
      action: "organization.update", resourceType: "organization", resourceId: scope.orgId,
      oldValues: Object.fromEntries(changed.map((k) => [k, before[k]])), newValues: Object.fromEntries(changed.map((k) => [k, after[k]])),
    });
    return after;
  } catch (error) {
    // Slugs are global (they are URLs): the unique index answers for every organization.
    if ((error as { code?: string }).code === "P2002") throw new AppError("CONFLICT", "That address is taken; choose another", "slug");
    throw error;
  }
}
