#!/usr/bin/env node
// Times the JavaScript OData $filter parsers users pick today on the filters of bench/filter.cpp, and
// prints the comparison table with apiquery's numbers. Run through bench/peers/run.sh, which installs
// the peers into bench/peers/node_modules first.
//
//   node peers.js time                          -> JSON: ns per filter for every peer and filter
//   node peers.js report BENCH.json PEERS.json  -> the table (BENCH.json: bench_filter --benchmark_format=json)
//
// A peer "accepts" a filter when it returns a parse of the whole text without an error (a parse of a
// prefix, or an error object, counts as a rejection). Timing: after a warm-up of at least 0.6 s,
// batches of at least 100 ms; the time of a batch is the smaller of its wall time and the process's CPU
// time, and the best of 9 batches is reported: every choice here favours the peers.
'use strict';

const fs = require('fs');
const path = require('path');

const { FILTERS, PEERS } = require('./filters');

const BATCHES = 9;

function nowNs() {
  return process.hrtime.bigint();
}

function cpuNs() {
  const u = process.cpuUsage();
  return BigInt(u.user + u.system) * 1000n;
}

function timeParser(parse, text) {
  let sink = 0;
  // Warm-up (JIT), and an iteration count that makes a batch last at least 100 ms.
  let iters = 1;
  for (;;) {
    const t0 = nowNs();
    for (let i = 0; i < iters; ++i) sink += parse(text) ? 1 : 0;
    const dt = Number(nowNs() - t0);
    if (dt >= 100e6) break;
    iters = Math.max(iters * 2, Math.ceil(iters * 1.2 * 100e6 / Math.max(dt, 1)));
  }
  // More warm-up: half a second more of the same work, so that the JIT has settled.
  const warm = nowNs();
  while (Number(nowNs() - warm) < 500e6)
    for (let i = 0; i < iters; ++i) sink += parse(text) ? 1 : 0;
  let best = Infinity;
  for (let b = 0; b < BATCHES; ++b) {
    const w0 = nowNs();
    const c0 = cpuNs();
    for (let i = 0; i < iters; ++i) sink += parse(text) ? 1 : 0;
    const wall = Number(nowNs() - w0);
    const cpu = Number(cpuNs() - c0);
    best = Math.min(best, Math.min(wall, cpu) / iters);
  }
  if (sink < 0) console.error(sink); // keeps the results alive
  return best;
}

function peerVersion(name) {
  try {
    const file = path.join(__dirname, 'node_modules', name, 'package.json');
    return JSON.parse(fs.readFileSync(file, 'utf8')).version;
  } catch (e) {
    return '?';
  }
}

function time() {
  const out = { node: process.version, peers: {} };
  for (const [name, make] of PEERS) {
    const entry = { version: peerVersion(name), filters: {} };
    let parse;
    try {
      parse = make(require(name));
    } catch (e) {
      entry.error = 'cannot load: ' + e.message;
      out.peers[name] = entry;
      continue;
    }
    for (const [fname, text] of FILTERS) {
      try {
        parse(text);
      } catch (e) {
        entry.filters[fname] = { accepts: false, error: String(e.message).slice(0, 200) };
        continue;
      }
      entry.filters[fname] = { accepts: true, ns: timeParser(parse, text) };
    }
    out.peers[name] = entry;
  }
  process.stdout.write(JSON.stringify(out, null, 2) + '\n');
}

// Best (smallest) cpu_time in ns of every benchmark in a Google Benchmark JSON file, by name.
function benchTimes(file) {
  const data = require(path.resolve(file));
  const scale = { ns: 1, us: 1e3, ms: 1e6, s: 1e9 };
  const best = {};
  for (const b of data.benchmarks) {
    if (b.run_type === 'aggregate') continue;
    const name = b.run_name || b.name;
    const ns = b.cpu_time * (scale[b.time_unit] || 1);
    best[name] = Math.min(best[name] === undefined ? Infinity : best[name], ns);
  }
  return { context: data.context, best };
}

function fmt(ns) {
  if (ns >= 100) return Math.round(ns).toLocaleString('en-US');
  return ns.toFixed(1);
}

function report(benchFile, peersFile) {
  const { context, best } = benchTimes(benchFile);
  const peers = require(path.resolve(peersFile));
  const peerNames = PEERS.map(([n]) => n);
  const header = ['filter', 'bytes', 'apiquery ns', 'floor ns', 'apiquery / floor', 'fast floor ns',
    'apiquery / fast floor', 'parse_tree ns', ...peerNames.map((n) => n + ' ns'), 'fastest accepting peer',
    'apiquery speed-up'];
  const rows = [];
  let floorOk = true;
  let fastOk = true;
  let peerOk = true;
  for (const [fname, text] of FILTERS) {
    const a = best['apiquery/' + fname];
    const floor = best['floor/' + fname];
    const fast = best['floor_fast/' + fname];
    const tree = best['parse_tree/' + fname];
    const ratio = a / floor;
    const fastRatio = a / fast;
    floorOk = floorOk && ratio <= 3;
    fastOk = fastOk && fastRatio <= 3;
    let fastest = null;
    const cells = peerNames.map((n) => {
      const p = peers.peers[n];
      const r = p && p.filters[fname];
      if (!r) return 'n/a';
      if (!r.accepts) return 'rejects';
      if (!fastest || r.ns < fastest.ns) fastest = { name: n, ns: r.ns };
      return fmt(r.ns);
    });
    const speedup = fastest ? fastest.ns / a : NaN;
    if (fastest) peerOk = peerOk && speedup >= 50;
    rows.push([fname, String(text.length), fmt(a), fmt(floor), ratio.toFixed(2) + 'x', fmt(fast),
      fastRatio.toFixed(2) + 'x', fmt(tree), ...cells,
      fastest ? fastest.name : 'none accepts', fastest ? speedup.toFixed(0) + 'x' : '-']);
  }
  const line = (cells) => '| ' + cells.join(' | ') + ' |';
  console.log(line(header));
  console.log(line(header.map((h, i) => (i === 0 ? '---' : '---:'))));
  for (const r of rows) console.log(line(r));
  console.log('');
  console.log('apiquery, floors and parse_tree: CPU time per filter, best of the repetitions of bench_filter. ' +
    'floor: the grammar with no actions under PEGTL\'s default control (tao::pegtl::parse<grammar>); ' +
    'fast floor: the same under apiquery\'s control, which skips PEGTL\'s per-rule bookkeeping.');
  console.log('peers: node ' + peers.node + ', ' +
    peerNames.map((n) => n + ' ' + ((peers.peers[n] && peers.peers[n].version) || '?')).join(', ') +
    '; best of ' + BATCHES + ' batches of at least 100 ms after a warm-up, each the smaller of wall and ' +
    'process CPU time.');
  if (context) {
    console.log('bench_filter: ' + (context.library_build_type ? 'benchmark library ' + context.library_build_type + ', ' : '') +
      context.num_cpus + ' CPUs at ' + context.mhz_per_cpu + ' MHz, load ' +
      (context.load_avg || []).map((x) => x.toFixed(2)).join(' '));
  }
  console.log('targets: within 3x of the floor on every filter: ' + (floorOk ? 'met' : 'NOT met') +
    ' (of the fast floor: ' + (fastOk ? 'met' : 'NOT met') + ')' +
    '; at least 50x faster than the fastest accepting peer on every filter: ' + (peerOk ? 'met' : 'NOT met'));
}

const [mode, a, b] = process.argv.slice(2);
if (mode === 'time') {
  time();
} else if (mode === 'report' && a && b) {
  report(a, b);
} else {
  console.error('usage: node peers.js time | node peers.js report BENCH.json PEERS.json');
  process.exit(64);
}
