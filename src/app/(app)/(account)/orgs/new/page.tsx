import type { Metadata } from "next";
import { CreateOrganizationForm } from "@/features/organizations/components/create-organization-form";

export const metadata: Metadata = { title: "New organization" };

export default function NewOrganizationPage() {
  return (
    <div className="card mx-auto max-w-lg p-8">
      <h1 className="text-2xl font-semibold">Create an organization</h1>
      <p className="mt-1 text-sm text-slate-600">
        Each organization has its own members, data and billing. You&apos;ll be its owner.
      </p>
      <div className="mt-6"><CreateOrganizationForm /></div>
    </div>
  );
}
