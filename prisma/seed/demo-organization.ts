// The demo organization's shell: its owner, the organization (under a provisional slug until the
// seed is complete, see prisma/seed.ts) and the team. What an interrupted seed created already
// is found and kept, so running the seed again carries on from there.
import { hashPassword } from "../../src/server/auth/password";
import { findMembership } from "../../src/server/db/system/sessions";
import { findUserForSignIn } from "../../src/server/db/system/sign-in";
import { createAccountWithOrganization } from "../../src/server/db/system/sign-up";
import { seedMember } from "./members";

export const DEMO = {
  organizationName: "Demo",
  slug: "demo",
  email: "owner@demo.parley.test",
  password: "parley-demo-owner",
} as const;

// While it is being seeded the organization is "Demo (seeding)" at /demo-seeding: nobody lands
// in a half-made demo, and the slug tells the next start there is a seed to finish.
export const SEEDING = { organizationName: "Demo (seeding)", slug: "demo-seeding" } as const;

const TEAM = [
  { firstName: "Ada", lastName: "Admin", email: "admin@demo.parley.test", role: "Admin", jobTitle: "Sales Operations Lead" },
  { firstName: "Marco", lastName: "Manager", email: "manager@demo.parley.test", role: "Manager", jobTitle: "Sales Manager" },
  { firstName: "Riya", lastName: "Rep", email: "rep@demo.parley.test", role: "Member", jobTitle: "Account Executive" },
  { firstName: "Sam", lastName: "Seller", email: "sam@demo.parley.test", role: "Member", jobTitle: "Sales Development Rep" },
  { firstName: "Vera", lastName: "Viewer", email: "viewer@demo.parley.test", role: "Viewer", jobTitle: "Finance Analyst" },
];

export interface DemoShell {
  orgId: string;
  ownerId: string;
  /** The owner, then the Managers and Members in team order: who records are spread over. */
  sellers: string[];
  /** An earlier, interrupted seed had started this organization. */
  resumed: boolean;
}

/**
 * The provisional demo organization with its owner and team, created or found. Null when the
 * demo owner exists without it: the demo organization was deleted on purpose, so it stays gone.
 */
export async function openDemoOrganization(): Promise<DemoShell | null> {
  const noRequest = { ip: null, userAgent: "seed" };
  const passwordHash = await hashPassword(DEMO.password);
  // The sign-in lookup is the system's one way to find a user by email; only its id is used.
  const existingOwner = await findUserForSignIn(DEMO.email);
  let ownerId: string;
  if (existingOwner) {
    ownerId = existingOwner.id;
  } else {
    const created = await createAccountWithOrganization(
      { email: DEMO.email, passwordHash, firstName: "Olivia", lastName: "Owner", organizationName: SEEDING.organizationName, emailVerified: new Date() },
      noRequest,
    );
    if (created.organizationSlug !== SEEDING.slug) {
      throw new Error(`the demo organization got the address /${created.organizationSlug} instead of /${SEEDING.slug}, which another organization has`);
    }
    ownerId = created.userId;
  }
  const membership = await findMembership(ownerId, SEEDING.slug);
  if (!membership) return null;

  const sellers = [ownerId];
  for (const person of TEAM) {
    // Each teammate is one transaction (user and membership together): one found exists whole.
    const found = await findUserForSignIn(person.email);
    const userId = found
      ? found.id
      : (await seedMember(
          SEEDING.slug,
          { email: person.email, passwordHash, firstName: person.firstName, lastName: person.lastName, jobTitle: person.jobTitle, department: "Sales" },
          person.role,
        )).userId;
    if (person.role === "Member" || person.role === "Manager") sellers.push(userId);
  }
  return { orgId: membership.organization.id, ownerId, sellers, resumed: !!existingOwner };
}
