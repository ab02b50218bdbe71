import type { IncomingMessage } from "node:http";

export declare const PEER_HEADER: "x-parley-peer";
export declare const PEER_KEY_ENV: "PARLEY_PEER_KEY";
export declare function newPeerKey(): string;
export declare function stampPeer(req: IncomingMessage, key: string): void;
