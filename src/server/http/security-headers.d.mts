export interface HeaderEntry {
  key: string;
  value: string;
}
export interface PagePolicyOptions {
  nonce: string;
  dev: boolean;
  https: boolean;
}
export declare const STATIC_SECURITY_HEADERS: HeaderEntry[];
export declare function contentSecurityPolicy(options: PagePolicyOptions): string;
export declare function pageSecurityHeaders(options: PagePolicyOptions): HeaderEntry[];
