/** Who made a request, as audit rows and security events record it. */
export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
  /** Set when an API key made the request: audit rows name it. */
  apiKeyId?: string;
}
