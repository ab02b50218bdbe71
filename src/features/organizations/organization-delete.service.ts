// Deleting an organization: its Owner, typing its name, ends its Stripe subscription, removes
// it and everything it holds (every tenant table cascades from organizations), then the files
// it left on disk.
import type { z } from "zod";
import { cancelSubscriptionForDeletion } from "@/features/billing/billing.service";
import { removeOrganizationUploads } from "@/features/imports/import-files";
import { hasPermission } from "@/features/roles/permissions";
import { AppError } from "@/server/api/errors";
import type { RequestMeta } from "@/server/request-meta";
import { deleteOrganizationAndData } from "@/server/db/system/organization-lifecycle";
import { findMembership } from "@/server/db/system/sessions";
import { removeOrganizationExports } from "./export-files";
import type { deleteOrganizationSchema } from "./organization-settings.schema";

export async function deleteOrganization(userId: string, input: z.output<typeof deleteOrganizationSchema>, meta: RequestMeta) {
  const membership = await findMembership(userId, input.slug);
  if (!membership) throw new AppError("NOT_FOUND", "Organization not found");
  if (!hasPermission(membership.permissions, { resource: "organization", action: "admin" })) {
    throw new AppError("FORBIDDEN", "Only the organization's Owner can delete it");
  }
  const { id, name } = membership.organization;
  if (input.confirmName.trim() !== name) throw new AppError("BAD_REQUEST", `Type the organization's name exactly as it is: ${name}`, "confirmName");
  // Stripe stops charging first; if it cannot be reached, nothing is deleted.
  await cancelSubscriptionForDeletion(id);
  const deleted = await deleteOrganizationAndData(id, userId, meta);
  await Promise.all([removeOrganizationUploads(id), removeOrganizationExports(id)]);
  return deleted;
}
