// The whole local stack (bin/dev: embedded PostgreSQL, the local sign-in server, the API and the built app) started
// for the suite on free ports with a data folder of its own, and stopped with nothing left behind.
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

export const REPO = resolve(import.meta.dirname, '../../..');
export const E2E = resolve(import.meta.dirname, '..');
export const STACKS = join(E2E, 'target', 'stacks');

/** What a test needs to reach one running stack. Plain data: it travels to the workers as JSON. */
export interface StackInfo {
  name: string;
  /** The app's origin, e.g. http://localhost:40123 */
  origin: string;
  apiUrl: string;
  issuer: string;
  tokenEndpoint: string;
  clientId: string;
  scope: string;
  dataFolder: string;
  logFile: string;
  /** The Java process (bin/dev execs it). */
  javaPid: number;
}

export interface Stack extends StackInfo {
  postgresPid(): number | undefined;
  stop(): Promise<void>;
}

export interface StackOptions {
  /** Extra environment for bin/dev (CORS_ALLOWED_ORIGINS, token lifetimes, ...). */
  env?: Record<string, string>;
  /** How long to wait for /api/health, building included (bin/dev builds what is stale). */
  readyWithinMs?: number;
}

const running = new Set<Stack>();

/** A port that is free now, and the one after it (the sign-in server takes PORT+1). */
export async function freePortPair(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = await freePort();
    if (port < 65_000 && (await canListen(port + 1))) return port;
  }
  throw new Error('found no two free neighbouring ports');
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

function canListen(port: number): Promise<boolean> {
  return new Promise((answer) => {
    const server = createServer();
    server.once('error', () => answer(false));
    server.listen(port, '127.0.0.1', () => server.close(() => answer(true)));
  });
}

export function alive(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function postmasterPid(dataFolder: string): number | undefined {
  try {
    const pid = Number(readFileSync(join(dataFolder, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

const sleep = (ms: number, { unref = false } = {}) => new Promise((r) => {
  const timer = setTimeout(r, ms);
  if (unref) timer.unref();
});

function tail(file: string, lines = 40): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Starts bin/dev under the guard and returns once /api/health answers 200. */
export async function startStack(name: string, options: StackOptions = {}): Promise<Stack> {
  const folder = join(STACKS, name);
  const dataFolder = join(folder, 'data');
  // A fresh database and sign-in key every run; only bin/dev's class-data archive (data/dev/classes.jsa, a cache
  // of the built classes that it checks itself) is kept, which saves a second or two at each start and stop.
  rmSync(join(dataFolder, 'postgres'), { recursive: true, force: true });
  rmSync(join(dataFolder, 'dev', 'oidc-signing-key.json'), { force: true });
  mkdirSync(dataFolder, { recursive: true });
  const logFile = join(folder, 'stack.log');
  rmSync(logFile, { force: true });
  const port = await freePortPair();
  const origin = `http://localhost:${port}`;
  const log = openSync(logFile, 'a');
  const guard: ChildProcess = spawn(process.execPath, [join(E2E, 'harness', 'guard.mjs'), dataFolder,
    join(REPO, 'bin', 'dev')], {
    cwd: REPO,
    detached: true,
    stdio: ['pipe', log, log],
    env: {
      ...process.env,
      PORT: String(port),
      HEXATASK_DATA_DIR: dataFolder,
      HEXATASK_PUBLIC_URL: origin,
      LOG_LEVEL: 'WARN',
      ...options.env,
    },
  });
  closeSync(log);
  let guardExited = false;
  const guardGone = new Promise<void>((r) => guard.once('exit', () => {
    guardExited = true;
    r();
  }));

  let info: StackInfo | undefined;
  const stop = async () => {
    if (!running.has(stack)) return;
    running.delete(stack);
    const postgres = postmasterPid(dataFolder);
    guard.stdin?.end();
    await Promise.race([guardGone, sleep(60_000, { unref: true })]);
    const left: string[] = [];
    if (!guardExited) left.push(`the guard (pid ${guard.pid})`);
    if (info && alive(info.javaPid)) left.push(`Java (pid ${info.javaPid})`);
    if (alive(postgres)) left.push(`PostgreSQL (pid ${postgres})`);
    if (!(await canListen(port)) || !(await canListen(port + 1))) left.push(`a listener on port ${port} or ${port + 1}`);
    if (left.length > 0) {
      throw new Error(`stack ${name} left ${left.join(', ')} behind; see ${logFile}`);
    }
    rmSync(join(dataFolder, 'postgres'), { recursive: true, force: true });
  };
  const stack: Stack = {
    get name() { return name; },
    get origin() { return origin; },
    get apiUrl() { return need(info).apiUrl; },
    get issuer() { return need(info).issuer; },
    get tokenEndpoint() { return need(info).tokenEndpoint; },
    get clientId() { return need(info).clientId; },
    get scope() { return need(info).scope; },
    get javaPid() { return need(info).javaPid; },
    dataFolder,
    logFile,
    postgresPid: () => postmasterPid(dataFolder),
    stop,
  };
  running.add(stack);

  const deadline = Date.now() + (options.readyWithinMs ?? 300_000);
  const stackFile = join(dataFolder, 'dev', 'stack.json');
  try {
    for (;;) {
      if (guardExited) throw new Error(`bin/dev exited before it was ready:\n${tail(logFile)}`);
      if (Date.now() > deadline) throw new Error(`bin/dev was not ready in time:\n${tail(logFile)}`);
      if (existsSync(stackFile)) {
        const health = await fetch(`${origin}/api/health`).catch(() => undefined);
        if (health?.status === 200) break;
      }
      await sleep(250);
    }
    const file = JSON.parse(readFileSync(stackFile, 'utf8')) as Pick<StackInfo,
      'apiUrl' | 'issuer' | 'tokenEndpoint' | 'clientId' | 'scope'>;
    const javaPid = Number(readFileSync(join(dataFolder, 'dev', 'dev.lock'), 'utf8').trim());
    info = {
      name, origin, dataFolder, logFile, javaPid,
      apiUrl: file.apiUrl, issuer: file.issuer, tokenEndpoint: file.tokenEndpoint, clientId: file.clientId,
      scope: file.scope,
    };
  } catch (e) {
    await stop().catch((stopError: Error) => console.error(stopError.message));
    throw e;
  }
  return stack;
}

function need(info: StackInfo | undefined): StackInfo {
  if (!info) throw new Error('the stack is not ready yet');
  return info;
}

export function describe(stack: Stack): StackInfo {
  return {
    name: stack.name, origin: stack.origin, apiUrl: stack.apiUrl, issuer: stack.issuer,
    tokenEndpoint: stack.tokenEndpoint, clientId: stack.clientId, scope: stack.scope, dataFolder: stack.dataFolder,
    logFile: stack.logFile, javaPid: stack.javaPid,
  };
}

/** Stops every stack this process started (global teardown, and a signal that ends the run). */
export async function stopAll(): Promise<void> {
  const errors: string[] = [];
  for (const stack of [...running]) {
    await stack.stop().catch((e: Error) => errors.push(e.message));
  }
  if (errors.length > 0) throw new Error(errors.join('\n'));
}
