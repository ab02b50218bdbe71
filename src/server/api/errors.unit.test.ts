import { describe, expect, it } from "vitest";
import { AppError, toTRPCError, uniqueViolationField } from "./errors";

const adapterUnique = (table: string, index: string) => ({
  code: "P2002",
  meta: { driverAdapterError: { cause: { kind: "UniqueConstraintViolation", constraint: { index }, table } } },
});

describe("uniqueViolationField", () => {
  it("names the field from Prisma 7's adapter error, skipping organization_id", () => {
    expect(uniqueViolationField(adapterUnique("users", "users_email_key"))).toBe("email");
    expect(uniqueViolationField(adapterUnique("companies", "companies_organization_id_external_id_key"))).toBe("externalId");
  });
  it("reads a target list when Prisma gives one", () => {
    expect(uniqueViolationField({ code: "P2002", meta: { target: ["organization_id", "phone"] } })).toBe("phone");
  });
});

describe("toTRPCError", () => {
  it("maps unique violations to CONFLICT naming the field", () => {
    const error = toTRPCError(adapterUnique("roles", "roles_organization_id_name_key"));
    expect(error.code).toBe("CONFLICT");
    expect((error.cause as AppError).field).toBe("name");
    expect(error.message).toBe("That name is already in use");
  });
  it("maps AppError codes and hides unexpected errors", () => {
    expect(toTRPCError(new AppError("FORBIDDEN", "no")).code).toBe("FORBIDDEN");
    const internal = toTRPCError(new Error("connection string with secrets"));
    expect(internal.code).toBe("INTERNAL_SERVER_ERROR");
    expect(internal.message).toBe("Something went wrong");
  });
});

describe("database outages", () => {
  it("map to SERVICE_UNAVAILABLE with the plain message and the digest the error pages know", () => {
    const refused = { code: "P1001", message: "Can't reach database server at 10.0.0.5:5432", clientVersion: "7.10.0", meta: { driverAdapterError: { cause: { kind: "DatabaseNotReachable" } } } };
    const mapped = toTRPCError(refused);
    expect(mapped.code).toBe("SERVICE_UNAVAILABLE");
    expect(mapped.message).toBe("Parley can't reach its database, try again shortly.");
    expect((mapped as unknown as { digest: string }).digest).toBe("PARLEY_DATABASE_UNAVAILABLE");
  });
});
