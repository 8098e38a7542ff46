// The built app served from an origin of its own, as CloudFront serves it in AWS: the files of frontend/dist
// (index.html for any other path), a config.json naming the API on another origin, and the security headers of
// frontend/security-headers.json (the policy CloudFront's are made from) with that API and sign-in server filled in.
import { readFile, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { REPO, type StackInfo } from './stack.ts';

const DIST = join(REPO, 'frontend', 'dist');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

interface SecurityPolicy {
  contentSecurityPolicy: string[];
  strictTransportSecurityMaxAgeSeconds: number;
  frameOptions: string;
  referrerPolicy: string;
}

/** The headers CloudFront sends with every file of the app, for an app whose API and sign-in are these. */
export async function cloudFrontHeaders(apiOrigin: string, identityOrigin: string): Promise<Record<string, string>> {
  const policy = JSON.parse(await readFile(join(REPO, 'frontend', 'security-headers.json'), 'utf8')) as SecurityPolicy;
  return {
    'Content-Security-Policy': policy.contentSecurityPolicy
      .map((directive) => directive.replace('{api}', apiOrigin).replace('{identity}', identityOrigin))
      .join('; '),
    'Strict-Transport-Security': `max-age=${policy.strictTransportSecurityMaxAgeSeconds}; includeSubDomains; preload`,
    'X-Frame-Options': policy.frameOptions,
    'Referrer-Policy': policy.referrerPolicy,
    'X-Content-Type-Options': 'nosniff',
  };
}

export interface StaticSite {
  origin: string;
  close(): Promise<void>;
}

/** Serves the app on `port` with its API on `stack`. */
export async function serveApp(stack: StackInfo, port: number): Promise<StaticSite> {
  const served = await stat(join(DIST, 'index.html')).catch(() => undefined);
  if (!served) throw new Error(`${DIST} holds no built app; bin/dev builds it on its first start`);
  const stackConfig = await (await fetch(`${stack.origin}/config.json`)).json();
  const config = JSON.stringify({ ...stackConfig, apiBaseUrl: stack.apiUrl });
  const headers = await cloudFrontHeaders(new URL(stack.apiUrl).origin, new URL(stack.issuer).origin);

  const server: Server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
    if (path === '/config.json') {
      response.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache' }).end(config);
      return;
    }
    const file = resolve(DIST, normalize(path).replace(/^\/+/, ''));
    const isFile = file.startsWith(DIST + '/') && (await stat(file).catch(() => undefined))?.isFile();
    if (!isFile && path.startsWith('/assets/')) {
      response.writeHead(404).end();
      return;
    }
    const chosen = isFile ? file : join(DIST, 'index.html');
    response.writeHead(200, { 'Content-Type': TYPES[extname(chosen)] ?? 'application/octet-stream' })
      .end(await readFile(chosen));
  });
  await new Promise<void>((ready, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', ready);
  });
  return {
    origin: `http://localhost:${port}`,
    close: () => new Promise((done) => {
      server.closeAllConnections();
      server.close(() => done());
    }),
  };
}
