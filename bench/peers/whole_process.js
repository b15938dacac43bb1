#!/usr/bin/env node
// Whole-process comparison of `apiquery filter --lines --format none` with the JavaScript $filter parsers,
// as a new user would measure it: each tool is a process that reads a file of copies of one filter on
// standard input, one per line, parses every line and prints how many it accepted. Run through
// bench/peers/whole_process.sh, which installs the peers first.
//
//   node whole_process.js peer NAME < FILE     -> "N accepted, M rejected" (one peer as a whole process)
//   node whole_process.js bench APIQUERY...    -> the table (markdown), every binary and peer in one run
//
// `peer` reads all of standard input, splits it at \n (a last empty line does not count, as for
// apiquery), parses every line with the peer and counts a line accepted when the peer returns a parse of
// the whole line without an error; a parse of a prefix, an error object or an exception is a rejection
// (the same test as peers.js).
//
// `bench`: for each filter F1-F6 and each tool (every APIQUERY binary, every peer), the number of lines
// is chosen so that one run does about WP_SECONDS seconds (default 1) of per-line work, at least
// WP_MIN_LINES (default 20,000) lines: see calibrate(). Each tool then runs WP_RUNS times (default 5) on
// a file of that many copies, the runs of all tools of a filter interleaved (run k of every tool before
// run k+1 of any), and its best wall time (process start, reading the file, parsing, exit) divided by
// its number of lines is its ns/line. apiquery's output must be exactly `N accepted, 0 rejected`; a peer
// that does not accept every line is not a valid denominator for that filter ("rejects"; not timed
// further). With /usr/bin/time the CPU time (user + system, 10 ms resolution) of the same runs is
// reported too. Every choice favours the peers: node's start-up (tens of ms) is spread over at least a
// second of parsing, and a peer reads its whole input at once instead of line by line.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');

const { FILTERS, PEERS } = require('./filters');

// --- one peer as a whole process -------------------------------------------------------------------

function peerProcess(name) {
  const entry = PEERS.find(([n]) => n === name);
  if (!entry) {
    console.error('whole_process.js: unknown peer ' + name);
    process.exit(64);
  }
  const parse = entry[1](require(name));
  const text = fs.readFileSync(0, 'utf8');
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  let accepted = 0;
  let rejected = 0;
  for (const line of lines) {
    try {
      if (parse(line)) ++accepted;
      else ++rejected;
    } catch (e) {
      ++rejected;
    }
  }
  process.stdout.write(`${accepted} accepted, ${rejected} rejected\n`);
}

// --- the driver ------------------------------------------------------------------------------------

const SECONDS = Number(process.env.WP_SECONDS || 1);
const RUNS = Number(process.env.WP_RUNS || 5);
const MIN_LINES = Number(process.env.WP_MIN_LINES || 20000);
const TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

function writeCopies(file, text, n) {
  const line = Buffer.from(text + '\n');
  const per = Math.max(1, Math.floor((1 << 20) / line.length));
  const chunk = Buffer.alloc(line.length * per);
  for (let i = 0; i < per; ++i) line.copy(chunk, i * line.length);
  const fd = fs.openSync(file, 'w');
  let left = n;
  while (left > 0) {
    const k = Math.min(left, per);
    fs.writeSync(fd, chunk, 0, k * line.length);
    left -= k;
  }
  fs.closeSync(fd);
}

// Runs argv with `file` as standard input; returns wall ns, CPU ns (or NaN) and standard output.
function runOnce(argv, file, scratch) {
  const fd = fs.openSync(file, 'r');
  const cmd = TIME ? [TIME, '-f', '%U %S', '-o', scratch, ...argv] : argv;
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd[0], cmd.slice(1), { stdio: [fd, 'pipe', 'pipe'], maxBuffer: 1 << 26 });
  const wall = Number(process.hrtime.bigint() - t0);
  fs.closeSync(fd);
  if (r.error) throw r.error;
  let cpu = NaN;
  if (TIME) {
    const [u, s] = fs.readFileSync(scratch, 'utf8').trim().split('\n').pop().split(' ').map(Number);
    cpu = (u + s) * 1e9;
  }
  return { wall, cpu, status: r.status, out: r.stdout.toString(), err: r.stderr.toString() };
}

function roundUp(n) {
  // Two significant digits, rounded up.
  const p = Math.pow(10, Math.max(0, Math.floor(Math.log10(n)) - 1));
  return Math.ceil(n / p) * p;
}

function fmt(ns) {
  if (!Number.isFinite(ns)) return '-';
  if (ns >= 100) return Math.round(ns).toLocaleString('en-US');
  return ns.toFixed(1);
}

function peerVersion(name) {
  try {
    return JSON.parse(fs.readFileSync(path.join(__dirname, 'node_modules', name, 'package.json'), 'utf8')).version;
  } catch (e) {
    return '?';
  }
}

// The number of lines that gives one run of `t` about SECONDS seconds of per-line work (at least
// MIN_LINES): runs on 1000, 4000, 16000, ... lines until two successive runs differ by at least 0.2 s,
// and divides SECONDS by the difference per line (so that the process's start-up, large for node, does
// not shorten the run). The times compared are CPU times when /usr/bin/time is there (a run that waited
// for a processor on a loaded machine would otherwise make the count far too small), else wall times.
// Also checks that the tool accepts every line.
function calibrate(t, text, dir, scratch) {
  let prev = null;
  for (let n = 1000; ; n *= 4) {
    const file = path.join(dir, `cal-${n}.txt`);
    if (!fs.existsSync(file)) writeCopies(file, text, n);
    const r = runOnce(t.argv, file, scratch);
    fs.unlinkSync(file);
    if (r.status !== 0 || r.out !== `${n} accepted, 0 rejected\n`) {
      const bad = t.apiquery ? `FAILED: exit ${r.status}, ${JSON.stringify(r.out)} ${r.err.slice(0, 200)}` : 'rejects';
      return { n, bad };
    }
    const time = Number.isFinite(r.cpu) ? r.cpu : r.wall;
    if (prev && (time - prev.time >= 0.2e9 || n >= 1e8)) {
      const perLine = Math.max(time - prev.time, 1) / (n - prev.n);
      return { n: Math.max(MIN_LINES, n, roundUp(Math.ceil(SECONDS * 1e9 / perLine))) };
    }
    prev = { n, time };
  }
}

function bench(binaries) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'apiquery-wp-'));
  const scratch = path.join(dir, 'time.txt');
  const tools = [
    ...binaries.map((b, i) => ({
      label: binaries.length > 1 ? `apiquery ${String.fromCharCode(65 + i)}` : 'apiquery',
      binary: b, apiquery: true, argv: [b, 'filter', '--lines', '--format', 'none'],
    })),
    ...PEERS.map(([n]) => ({ label: n, apiquery: false, argv: [process.execPath, __filename, 'peer', n] })),
  ];
  const results = {};
  let failed = false;
  try {
    for (const [fname, text] of FILTERS) {
      const res = {};
      results[fname] = res;
      // Calibration: the line count that makes a run last about SECONDS, and the acceptance check.
      const plan = [];
      for (const t of tools) {
        const p = calibrate(t, text, dir, scratch);
        if (p.bad) {
          res[t.label] = { n: p.n, bad: p.bad };
          if (t.apiquery) failed = true;
        } else {
          plan.push({ tool: t, n: p.n });
        }
      }
      // The timed runs, interleaved: run k of every tool before run k+1 of any.
      const files = new Map();
      for (const p of plan) {
        if (!files.has(p.n)) {
          const file = path.join(dir, `lines-${p.n}.txt`);
          writeCopies(file, text, p.n);
          files.set(p.n, file);
        }
        res[p.tool.label] = { n: p.n, wall: Infinity, cpu: NaN };
      }
      for (let k = 0; k < RUNS; ++k) {
        for (const p of plan) {
          const e = res[p.tool.label];
          if (e.bad) continue;
          const r = runOnce(p.tool.argv, files.get(p.n), scratch);
          if (r.status !== 0 || r.out !== `${p.n} accepted, 0 rejected\n`) {
            e.bad = p.tool.apiquery ? `FAILED: exit ${r.status}, ${JSON.stringify(r.out)}` : 'rejects';
            if (p.tool.apiquery) failed = true;
            continue;
          }
          if (r.wall < e.wall) {
            e.wall = r.wall;
            e.cpu = r.cpu;
          }
        }
      }
      for (const file of files.values()) fs.unlinkSync(file);
      process.stderr.write(`whole_process: ${fname} done\n`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  report(tools, results);
  return failed ? 1 : 0;
}

function report(tools, results) {
  const apiq = tools.filter((t) => t.apiquery);
  const peers = tools.filter((t) => !t.apiquery);
  const line = (cells) => '| ' + cells.join(' | ') + ' |';
  const table = (title, key) => {
    const header = ['filter', ...apiq.map((t) => `${t.label} lines`), ...apiq.map((t) => `${t.label} ns/line`),
      ...peers.map((t) => `${t.label} ns/line`), 'fastest accepting peer', ...apiq.map((t) => `${t.label} ratio`)];
    console.log(title);
    console.log('');
    console.log(line(header));
    console.log(line(header.map((h, i) => (i === 0 ? '---' : '---:'))));
    for (const [fname] of FILTERS) {
      const res = results[fname];
      const per = (t) => {
        const e = res[t.label];
        if (!e) return { cell: 'n/a', ns: NaN };
        if (e.bad) return { cell: e.bad, ns: NaN };
        const ns = e[key] > 0 ? e[key] / e.n : NaN; // a CPU time under /usr/bin/time's resolution: none
        return { cell: fmt(ns), ns };
      };
      let fastest = null;
      const peerCells = peers.map((t) => {
        const p = per(t);
        if (Number.isFinite(p.ns) && (!fastest || p.ns < fastest.ns)) fastest = { name: t.label, ns: p.ns };
        return p.cell;
      });
      const apiqCells = apiq.map(per);
      console.log(line([fname, ...apiq.map((t) => (res[t.label] ? res[t.label].n.toLocaleString('en-US') : '-')),
        ...apiqCells.map((c) => c.cell), ...peerCells, fastest ? fastest.name : 'none accepts',
        ...apiqCells.map((c) => (fastest && Number.isFinite(c.ns) ? (fastest.ns / c.ns).toFixed(0) + 'x' : '-'))]));
    }
    console.log('');
  };
  table('Wall time per line (whole process, best of ' + RUNS + ' runs):', 'wall');
  if (TIME) table('CPU time (user + system) per line of the same runs:', 'cpu');
  console.log('Lines per run of the peers (each tool runs about ' + SECONDS + ' s; ns/line = the run\'s time / lines):');
  console.log('');
  console.log(line(['filter', ...peers.map((t) => t.label)]));
  console.log(line(['---', ...peers.map(() => '---:')]));
  for (const [fname] of FILTERS) {
    console.log(line([fname, ...peers.map((t) => {
      const e = results[fname][t.label];
      return e ? (e.bad ? e.bad : e.n.toLocaleString('en-US')) : '-';
    })]));
  }
  console.log('');
  apiq.forEach((t) => console.log(`${t.label}: ${t.binary}`));
  console.log('peers: node ' + process.version + ', ' + peers.map((t) => t.label + ' ' + peerVersion(t.label)).join(', '));
  const goal = apiq.map((t) => {
    const ok = FILTERS.every(([fname]) => {
      const res = results[fname];
      const e = res[t.label];
      if (!e || e.bad) return false;
      const best = Math.min(...peers.map((p) => {
        const q = res[p.label];
        return q && !q.bad ? q.wall / q.n : Infinity;
      }));
      return !Number.isFinite(best) || best / (e.wall / e.n) >= 50;
    });
    return `${t.label}: ${ok ? 'met' : 'NOT met'}`;
  });
  console.log('goal (wall time, at least 50x the fastest accepting peer on every filter): ' + goal.join('; '));
}

const [mode, ...rest] = process.argv.slice(2);
if (mode === 'peer' && rest.length === 1) {
  peerProcess(rest[0]);
} else if (mode === 'bench' && rest.length >= 1) {
  process.exitCode = bench(rest);
} else {
  console.error('usage: node whole_process.js peer NAME < FILE | node whole_process.js bench APIQUERY...');
  process.exit(64);
}
