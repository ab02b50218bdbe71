// "server-only" throws outside a React Server Component bundle; tests run server code directly.
import { vi } from "vitest";

vi.mock("server-only", () => ({}));
