import { createServer, type Server } from "node:http";
import type { Metrics } from "./metrics.js";

/** One readiness check: its name and whether it passes now. */
export type ReadinessCheck = () => boolean;

export interface HttpOptions {
  port: number;
  /** Interface to listen on; 127.0.0.1 keeps it private to the machine (or a sidecar). */
  host: string;
  metrics: Metrics;
  /** Named checks `/readyz` runs: the index loaded, each front end connected… All must pass. */
  checks: Map<string, ReadinessCheck>;
}

export interface HttpHandle {
  /** The port listened on (useful with port 0). */
  port: number;
  close(): Promise<void>;
}

/**
 * The operators' HTTP server: `GET /healthz` (the process is up), `GET /readyz` (every check passes: 200,
 * else 503, with the checks as JSON) and `GET /metrics` (Prometheus text format). Anything else is a 404.
 *
 * @example const http = await startHttp({ port: 9464, host: "127.0.0.1", metrics, checks });
 */
export async function startHttp({ port, host, metrics, checks }: HttpOptions): Promise<HttpHandle> {
  const server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD" }).end();
      return;
    }
    if (path === "/healthz") {
      res.writeHead(200, { "content-type": "text/plain; charset=utf-8" }).end("ok\n");
    } else if (path === "/readyz") {
      const results = Object.fromEntries([...checks].map(([name, check]) => [name, safe(check)]));
      const ready = Object.values(results).every(Boolean);
      res.writeHead(ready ? 200 : 503, { "content-type": "application/json" }).end(JSON.stringify({ ready, checks: results }) + "\n");
    } else if (path === "/metrics") {
      metrics.registry.metrics().then(
        (text) => res.writeHead(200, { "content-type": metrics.registry.contentType }).end(text),
        () => res.writeHead(500).end(),
      );
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => (server.off("error", reject), resolve()));
  });
  return { port: (server.address() as { port: number }).port, close: () => close(server) };
}

function safe(check: ReadinessCheck): boolean {
  try {
    return check();
  } catch {
    return false;
  }
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}
