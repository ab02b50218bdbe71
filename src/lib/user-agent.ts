import Bowser from "bowser";

/** "Chrome on Linux" from a user-agent string, for people to recognise their devices. */
export function describeDevice(userAgent: string | null): string {
  if (!userAgent) return "Unknown device";
  const parsed = Bowser.parse(userAgent);
  const browser = parsed.browser.name ?? "Unknown browser";
  const os = parsed.os.name;
  return os ? `${browser} on ${os}` : browser;
}
