// The filters of bench/filter.cpp (F1-F6) and the JavaScript peers, shared by peers.js (in-process
// timing) and whole_process.js (whole processes). A peer "accepts" a filter when its function returns a
// parse of the whole text; a parse of a prefix, an error object or an exception is a rejection.
'use strict';

function makeF5() {
  const parts = [];
  for (let i = 0; i < 40; ++i) parts.push(`f${i} eq 'value${i}'`);
  return parts.join(' and ');
}

const FILTERS = [
  ['F1', "category eq 'news' and published_date ge '2025-01-01'"],
  ['F2', "name eq 'ci-token'"],
  ['F3', "role eq 'ADMIN' and created_at ge 2025-01-01T00:00:00Z and expires_at ge 2026-01-01T00:00:00.000Z"],
  ['F4', "(name eq 'a' or name eq 'b') and not (role eq 'MEMBER') and created_at lt 2024-12-31T23:59:59Z"],
  ['F5', makeF5()],
  ['F6', "contains(name,'prod') and length(name) gt 3"],
];

// Each peer: its npm name and a function that parses a filter or throws.
const PEERS = [
  ['odata-v4-parser', (m) => (f) => {
    const t = m.filter(f);
    if (!t || t.raw !== f) throw new Error('parsed only a prefix: ' + (t && t.raw));
    return t;
  }],
  ['@odata/parser', (m) => (f) => {
    const t = m.defaultParser.filter(f);
    if (!t || t.raw !== f) throw new Error('parsed only a prefix: ' + (t && t.raw));
    return t;
  }],
  ['odata-parser', (m) => (f) => {
    const r = m.parse('$filter=' + f);
    if (!r || r.error || !r.$filter) throw new Error((r && r.error) || 'no $filter in the result');
    return r;
  }],
  ['odata-filter-to-ast', (m) => (f) => {
    const t = m.parseFilter(f);
    if (!t) throw new Error('no result');
    return t;
  }],
];

module.exports = { FILTERS, PEERS };
