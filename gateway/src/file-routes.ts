import type { RequestHandler } from "express";
import { DOWNLOAD_ID, errorBody, FILE_ROUTE_NAME, type Logger } from "@intersettle/shared";
import { downloadForwarder, type DownloadEndpoint, type DownloadRequest } from "./download-routes";
import { uploadForwarder, type UploadEndpoint, type UploadRequest } from "./upload-routes";

/** The declared routes of one path, by the method each takes. */
interface FileRoute {
  POST?: UploadEndpoint;
  GET?: DownloadEndpoint;
}

interface FileMatch {
  route: FileRoute;
  id?: string;
  /** Re-encoded from the parsed parameters: it can only ever be a query string. */
  query: string;
}

/**
 * The declared file routes, matched against the raw path byte for byte: nothing is decoded or normalised, so encoded,
 * doubled, dotted or case-changed paths match nothing. A download declared with `path: "id"` takes exactly one more
 * segment, which must match DOWNLOAD_ID as it stands (it cannot hold `%`, `.` or `/`).
 */
export function fileRouteMatcher(uploads: UploadEndpoint[], downloads: DownloadEndpoint[]): (rawUrl: string) => FileMatch | undefined {
  const exact = new Map<string, FileRoute>();
  const withId = new Map<string, FileRoute>();
  const declare = (table: Map<string, FileRoute>, method: keyof FileRoute, endpoint: UploadEndpoint | DownloadEndpoint) => {
    if (!FILE_ROUTE_NAME.test(endpoint.subgraph) || !FILE_ROUTE_NAME.test(endpoint.kind)) throw new Error(`File route ${endpoint.subgraph}/${endpoint.kind}: names are lowercase letters, digits and single dashes`);
    const path = `/files/${endpoint.subgraph}/${endpoint.kind}`;
    const route = table.get(path) ?? {};
    if (route[method]) throw new Error(`${method} ${path} is declared twice`);
    table.set(path, { ...route, [method]: endpoint });
  };
  for (const upload of uploads) declare(exact, "POST", upload);
  for (const download of downloads) declare(download.path === "id" ? withId : exact, "GET", download);
  return (rawUrl) => {
    const q = rawUrl.indexOf("?");
    const path = q === -1 ? rawUrl : rawUrl.slice(0, q);
    const query = new URLSearchParams(q === -1 ? "" : rawUrl.slice(q + 1)).toString();
    const route = exact.get(path);
    if (route) return { route, query };
    const cut = path.lastIndexOf("/");
    const id = path.slice(cut + 1);
    const byId = withId.get(path.slice(0, cut));
    return byId && DOWNLOAD_ID.test(id) ? { route: byId, id, query } : undefined;
  };
}

export interface FileProxyOptions {
  uploads: UploadEndpoint[];
  downloads: DownloadEndpoint[];
  subgraphUrl: (subgraph: string) => string;
  secret: string;
  authenticate: RequestHandler;
  logger?: Logger;
}

const NOT_DECLARED = errorBody(
  "No such file route; uploads are POSTed to /files/<subgraph>/<kind>, downloads are read from /files/<subgraph>/<kind>[/<id>], as documented",
  "NOT_FOUND",
);

/**
 * Forwards /files requests to the owning subgraph, only along declared routes: POST for uploads, GET for downloads,
 * 404 for any other path and 405 for another method, both before authentication. The subgraph URL is built from
 * the declaration alone, and the principal is signed for that one route and verb.
 */
export function fileProxy(options: FileProxyOptions): RequestHandler[] {
  const match = fileRouteMatcher(options.uploads, options.downloads);
  const upload = uploadForwarder(options);
  const download = downloadForwarder(options);
  const route: RequestHandler = (req, res, next) => {
    const found = match(req.originalUrl);
    if (!found) return void res.status(404).json(NOT_DECLARED);
    const { route, id, query } = found;
    if (req.method === "POST" && route.POST) res.locals.file = { upload: route.POST, query } satisfies UploadRequest;
    else if (req.method === "GET" && route.GET) res.locals.file = { download: route.GET, id, query } satisfies DownloadRequest;
    else {
      const allow = (["GET", "POST"] as const).filter((m) => route[m]).join(", ");
      return void res.status(405).setHeader("allow", allow).json(errorBody(`This file route takes ${allow} only`, "BAD_REQUEST"));
    }
    next();
  };
  const forward: RequestHandler = (req, res, next) => ("upload" in res.locals.file ? upload : download)(req, res, next);
  return [route, options.authenticate, forward];
}
