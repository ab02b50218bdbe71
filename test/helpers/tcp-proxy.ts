// A TCP proxy on loopback in front of the real PostgreSQL, for outage tests: point a client at
// it, then cut it (every connection dropped, new ones refused), hold it (connections stay open
// but nothing reaches the server: a hung database), and restore it on the same port.
import net from "node:net";

export interface TcpProxy {
  port: number;
  /** `url` with its host and port replaced by the proxy's. */
  via(url: string): string;
  /** Drops every connection and stops listening: connecting is refused, in-flight queries fail. */
  cut(): Promise<void>;
  /** Keeps accepting, but forwards nothing more to the server (a hung database). */
  hold(): void;
  /** Bytes clients sent while held (a query that is now in flight). */
  readonly heldBytes: number;
  /** Listens again on the same port and forwards again. */
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  let held = false;
  let heldBytes = 0;
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => socket.destroy());
  };
  const server = net.createServer((client) => {
    track(client);
    const upstream = net.connect(target.port, target.host);
    track(upstream);
    client.on("data", (chunk) => {
      if (held) heldBytes += chunk.length;
      else upstream.write(chunk);
    });
    upstream.on("data", (chunk) => { if (!held) client.write(chunk); });
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  });
  const listen = (port: number) => new Promise<number>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve((server.address() as net.AddressInfo).port);
    });
  });
  const port = await listen(0);
  const stop = () => new Promise<void>((resolve) => {
    for (const socket of sockets) socket.destroy();
    if (server.listening) server.close(() => resolve());
    else resolve();
  });
  return {
    port,
    via(url) {
      const parsed = new URL(url);
      parsed.hostname = "127.0.0.1";
      parsed.port = String(port);
      return parsed.toString();
    },
    cut: stop,
    hold() {
      held = true;
      heldBytes = 0;
    },
    get heldBytes() {
      return heldBytes;
    },
    async restore() {
      held = false;
      if (!server.listening) await listen(port);
    },
    close: stop,
  };
}

/** A loopback port nothing listens on (a database that is down). */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A server that answers every connection with a PostgreSQL FATAL of the given SQLSTATE. */
export async function fatalServer(sqlState: string, message: string): Promise<{ port: number; close(): Promise<void> }> {
  const server = net.createServer((socket) => {
    socket.on("error", () => socket.destroy());
    const answer = () => {
      const fields = Buffer.from(`SFATAL\0VFATAL\0C${sqlState}\0M${message}\0\0`);
      const head = Buffer.alloc(5);
      head.write("E", 0);
      head.writeInt32BE(fields.length + 4, 1);
      socket.end(Buffer.concat([head, fields]));
    };
    socket.once("data", (first) => {
      // An SSLRequest (8 bytes, code 80877103) is declined first; then the startup message.
      if (first.length === 8 && first.readInt32BE(4) === 80877103) {
        socket.write("N");
        socket.once("data", answer);
      } else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A server that accepts connections and never says a word (a hung database). */
export async function hungServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("error", () => socket.destroy());
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () => new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    }),
  };
}
