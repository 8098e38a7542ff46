// Keeps one local stack (bin/dev) on a leash: starts it in a process group of its own and stops that group when the
// test runner says so (closes our standard input) or goes away without saying so (killed, crashed, interrupted):
// the pipe closes either way. PostgreSQL is started by pg_ctl in a session of its own, outside the group, so it is
// stopped through bin/dev's shutdown hook, and by its postmaster.pid when that hook never ran.
//
//   node guard.mjs <data folder> <command> [args...]     (the stack's environment comes from ours)
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const [dataFolder, command, ...args] = process.argv.slice(2);
const GRACE_MS = 30_000;

const say = (line) => process.stdout.write(`[e2e guard] ${new Date().toISOString().slice(11, 23)}  ${line}\n`);

const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
};

const waitUntilGone = async (pid, ms) => {
  const deadline = Date.now() + ms;
  while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  return !alive(pid);
};

const postmasterPid = () => {
  try {
    const pid = Number(readFileSync(join(dataFolder, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
};

const child = spawn(command, args, { detached: true, stdio: ['ignore', 'inherit', 'inherit'] });
let exited = false;
child.on('exit', (code, signal) => {
  exited = true;
  say(`stack exited (${signal ?? `code ${code}`})`);
});

let stopping;
const stop = (why) => {
  stopping ??= (async () => {
    say(`stopping the stack: ${why}`);
    // Seen now, before bin/dev's shutdown removes the file: the pid to check once bin/dev is gone.
    const postgres = postmasterPid();
    if (postgres !== undefined && alive(postgres)) {
      try {
        process.kill(postgres, 'SIGCONT'); // a test may have paused it; a paused PostgreSQL cannot shut down
      } catch {
        // gone meanwhile
      }
    }
    if (!exited) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // the group is gone already
      }
      if (!(await waitUntilGone(child.pid, GRACE_MS))) {
        say(`bin/dev did not stop within ${GRACE_MS / 1000} s; killing its process group`);
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // gone meanwhile
        }
        await waitUntilGone(child.pid, 5_000);
      }
    }
    const left = postmasterPid() ?? postgres;
    // pg_ctl stop returns once the pid file is gone; the postmaster may take a moment more to exit.
    if (left !== undefined && !(await waitUntilGone(left, 5_000))) {
      // SIGQUIT is PostgreSQL's immediate shutdown.
      say(`PostgreSQL (pid ${left}) outlived bin/dev; stopping it`);
      for (const signal of ['SIGCONT', 'SIGQUIT']) {
        try {
          process.kill(left, signal);
        } catch {
          // gone meanwhile
        }
      }
      if (!(await waitUntilGone(left, 10_000))) process.kill(left, 'SIGKILL');
    }
    say('stopped');
    process.exit(0);
  })();
};

process.stdin.on('data', () => {});
process.stdin.on('end', () => stop('the test runner is done'));
process.stdin.on('error', () => stop('the test runner went away'));
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(signal, () => stop(signal));
child.on('exit', () => {
  if (!stopping) stop('it exited by itself');
});
