#!/usr/bin/env node
// Reads a JUnit XML file with test-results-parser (the parser the testbeats CI reporter publishes
// results with), checks that every suite's counts agree with its test cases, and prints what it
// read as JSON: {total, passed, failed, skipped, suites: [{name, total, passed, failed, skipped,
// cases: [{name, status, failure}]}]}.
// Usage: node read-junit.js FILE.xml   (exit 0 = read and consistent; errors on stderr)
'use strict';
const { parse } = require('test-results-parser');

const file = process.argv[2];
if (!file) {
  console.error('usage: read-junit.js FILE.xml');
  process.exit(2);
}
const result = parse({ type: 'junit', files: [file] });
const errors = [];
const count = (cases, status) => cases.filter(c => c.status === status).length;
for (const suite of result.suites) {
  const read = { passed: count(suite.cases, 'PASS'), failed: count(suite.cases, 'FAIL'), skipped: count(suite.cases, 'SKIP') };
  for (const [key, value] of Object.entries(read)) {
    if (suite[key] !== value) errors.push(`suite ${suite.name}: ${key} says ${suite[key]}, its test cases ${value}`);
  }
}
if (errors.length > 0) {
  console.error(`${file}: inconsistent JUnit file`);
  for (const error of errors) console.error('  ' + error);
  process.exit(1);
}
console.log(JSON.stringify({
  total: result.total,
  passed: result.passed,
  failed: result.failed,
  skipped: result.skipped,
  suites: result.suites.map(s => ({
    name: s.name, total: s.total, passed: s.passed, failed: s.failed, skipped: s.skipped,
    cases: s.cases.map(c => ({ name: c.name, status: c.status, failure: c.failure })),
  })),
}));
