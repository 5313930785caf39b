#!/usr/bin/env node
// Validates a speedscope file against the schema shipped in the speedscope npm package, then
// checks what speedscope's importer requires beyond the schema: for evented profiles, events in
// time order and every close matching the innermost open frame; for sampled profiles, one
// non-negative weight per sample, frames that exist, and weights within startValue..endValue.
// Usage: node validate-speedscope.js FILE.speedscope.json   (exit 0 = valid; errors on stderr)
'use strict';
const fs = require('fs');
const path = require('path');
const Ajv = require('ajv');

const file = process.argv[2];
if (!file) {
  console.error('usage: validate-speedscope.js FILE');
  process.exit(2);
}
const schemaPath = path.join(path.dirname(require.resolve('speedscope/package.json')), 'dist', 'release', 'file-format-schema.json');
const schema = JSON.parse(fs.readFileSync(schemaPath, 'utf8'));
const profile = JSON.parse(fs.readFileSync(file, 'utf8'));

const ajv = new Ajv({ allErrors: true, strict: false });
const validate = ajv.compile(schema);
const errors = [];
if (!validate(profile)) {
  errors.push(...validate.errors.map(e => `schema: ${e.instancePath || '/'} ${e.message}`));
}

for (const [p, prof] of (profile.profiles || []).entries()) {
  if (prof.type !== 'sampled' || !Array.isArray(prof.samples) || !Array.isArray(prof.weights) || !Array.isArray(profile.shared?.frames)) {
    continue;
  }
  if (prof.samples.length !== prof.weights.length) errors.push(`profiles[${p}]: ${prof.samples.length} samples but ${prof.weights.length} weights`);
  for (const [i, stack] of prof.samples.entries()) {
    for (const frame of stack) {
      if (frame >= profile.shared.frames.length) errors.push(`profiles[${p}].samples[${i}]: frame ${frame} does not exist`);
    }
  }
  if (prof.weights.some(w => w < 0)) errors.push(`profiles[${p}]: negative weight`);
  const total = prof.weights.reduce((a, b) => a + b, 0);
  if (total > prof.endValue - prof.startValue) errors.push(`profiles[${p}]: weights add up to ${total}, more than endValue - startValue`);
}

for (const [p, prof] of (profile.profiles || []).entries()) {
  if (prof.type !== 'evented' || !Array.isArray(prof.events) || !Array.isArray(profile.shared?.frames)) {
    continue;
  }
  const open = [];
  let last = prof.startValue;
  for (const [i, event] of prof.events.entries()) {
    const where = `profiles[${p}].events[${i}]`;
    if (event.at < last) errors.push(`${where}: at ${event.at} is before the previous event (${last})`);
    if (event.at > prof.endValue) errors.push(`${where}: at ${event.at} is after endValue ${prof.endValue}`);
    last = event.at;
    if (event.frame >= profile.shared.frames.length) errors.push(`${where}: frame ${event.frame} does not exist`);
    if (event.type === 'O') {
      open.push(event.frame);
    } else if (open.pop() !== event.frame) {
      errors.push(`${where}: closes frame ${event.frame}, which is not the innermost open frame`);
    }
  }
  if (open.length > 0) errors.push(`profiles[${p}]: ${open.length} frames never closed`);
}

if (errors.length > 0) {
  console.error(`${file}: invalid speedscope file`);
  for (const error of errors) console.error('  ' + error);
  process.exit(1);
}
console.log(`${file}: valid speedscope file (schema ${path.relative(process.cwd(), schemaPath)})`);
