/** How each number is counted, for the manager who asks why it differs from their spreadsheet. */
export function Definitions() {
  return (
    <details className="mt-6 text-sm text-slate-600">
      <summary className="cursor-pointer select-none font-medium text-brand-700 hover:underline">How these numbers are counted</summary>
      <ul className="mt-2 list-disc space-y-1 pl-5">
        <li><strong>Open pipeline</strong> and <strong>weighted forecast</strong>: open, unarchived deals as they stand now, whatever the dates; weighted value is value × the stage&apos;s probability.</li>
        <li><strong>Forecast by month</strong>: open deals by month of expected close (deals with no expected close date are left out), beside deals won by month of actual close, for the months in the range.</li>
        <li><strong>Win rate</strong>: won ÷ (won + lost) among deals closed in the range. <strong>Sales cycle</strong>: average days from a deal&apos;s creation to its close, over deals won in the range.</li>
        <li><strong>Activities</strong>: completed calls, emails, meetings, notes and SMS that happened in the range, by the person who logged them.</li>
        <li><strong>Lead conversion</strong>: of the leads created in the range, how many have been converted to deals so far.</li>
        <li><strong>Signed contract value</strong>: contracts fully signed (both parties) in the range, by month of signing in the organization&apos;s time zone, whatever became of them since (active, expired, renewed or terminated). <strong>Renewals due</strong>: active contracts whose end date is between today and 90 days from now, whatever the range.</li>
        <li>The owner filter follows a deal&apos;s owner, a contract&apos;s owner, a lead&apos;s assignee and whoever logged an activity; the pipeline filter applies to deals, and to contracts through their deal. Days are UTC days, except for contracts, which use the organization&apos;s time zone.</li>
      </ul>
    </details>
  );
}
