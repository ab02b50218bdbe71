/** "sole_proprietorship" → "Sole proprietorship". */
export function humanize(value: string): string {
  const spaced = value.replace(/_/g, " ").replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

export const optionsOf = (values: readonly string[]) => values.map((value) => ({ value, label: humanize(value) }));
