import http from "node:http";

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json: any;
}

export interface RawRequest {
  method?: string;
  /** Sent byte for byte: no URL parser normalises dots, doubled slashes or percent-encoding away. */
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Streams this many chunks (chunked transfer, no Content-Length) until the server answers. */
  chunks?: { size: number; count: number };
}

/** One HTTP request through node:http, which, unlike fetch, can send any path and read an answer that comes before the body ends. */
export function rawRequest(base: string, request: RawRequest): Promise<RawResponse> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = http.request({ host: url.hostname, port: url.port, method: request.method ?? "POST", path: request.path, headers: request.headers }, (res) => {
      answered = true;
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (text += c));
      res.on("end", () => {
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode!, headers: res.headers, text, json });
      });
      res.on("error", reject);
    });
    // The server may close the connection after an early answer; what it answered is what counts.
    req.on("error", (err) => (answered ? undefined : reject(err)));
    if (request.chunks) {
      const chunk = Buffer.alloc(request.chunks.size, "x");
      let sent = 0;
      const pump = () => {
        while (!answered && !req.destroyed && sent < request.chunks!.count) {
          sent++;
          if (!req.write(chunk)) return void req.once("drain", pump);
        }
        if (!req.destroyed) req.end();
      };
      pump();
    } else {
      req.end(request.body);
    }
  });
}
