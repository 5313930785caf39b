// reverse.mjs: whole-process latency of step back and reverse continue through the adapter
// (docs/debugger.md, "Reverse execution", "Figures"). Starts `stoffel dap` (stdio), launches
// bench/reverse/loop.stfa, stops it deep into the run, then times stepBack and reverseContinue
// round trips (request sent → stopped event) and reads the adapter's peak RSS. Also times the
// forward run with and without recording. Not part of the test suite: the default sizes take minutes.
//
//   node bench/reverse/reverse.mjs --stoffel PATH [--instructions N] [--seconds S] [--steps K]
//
// --instructions: stop by a hit-count breakpoint after about N instructions (default 175,000,000);
// --seconds: also run the loop for S seconds, pause, and time the same (default 60; 0 skips).
// Exit status 1 when a target is missed (stepBack median ≤ 50 ms, reverseContinue ≤ 500 ms,
// recording ≤ 1.5x the forward run, adapter peak RSS within the 256 MB budget of the plain run).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const program = join(here, 'loop.stfa');
const BODY = 4; // instructions per round: ADD, ADD, CMP, JMPLT
const BREAK_LINE = 12; // ADD r2, r2, r3

const options = { stoffel: '', instructions: 175_000_000, seconds: 60, steps: 15 };
for (let i = 2; i < process.argv.length; i += 2) {
    const key = process.argv[i].replace(/^--/, '');
    if (!(key in options)) {
        console.error(`unknown option ${process.argv[i]}`);
        process.exit(2);
    }
    options[key] = key === 'stoffel' ? process.argv[i + 1] : Number(process.argv[i + 1]);
}
if (!options.stoffel) {
    console.error('usage: node reverse.mjs --stoffel PATH [--instructions N] [--seconds S] [--steps K]');
    process.exit(2);
}

class Adapter {
    constructor() {
        this.process = spawn(options.stoffel, ['dap'], { stdio: ['pipe', 'pipe', 'inherit'] });
        this.buffer = Buffer.alloc(0);
        this.seq = 1;
        this.waiters = [];
        this.messages = [];
        this.process.stdout.on('data', chunk => this.receive(chunk));
    }

    receive(chunk) {
        this.buffer = Buffer.concat([this.buffer, chunk]);
        for (;;) {
            const end = this.buffer.indexOf('\r\n\r\n');
            if (end < 0) return;
            const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, end).toString())[1]);
            if (this.buffer.length < end + 4 + length) return;
            const message = JSON.parse(this.buffer.subarray(end + 4, end + 4 + length).toString());
            this.buffer = this.buffer.subarray(end + 4 + length);
            this.messages.push(message);
            this.waiters = this.waiters.filter(w => !(w.match(message) && (w.resolve(message), true)));
        }
    }

    wait(match) {
        const found = this.messages.find(match);
        if (found) {
            this.messages.splice(this.messages.indexOf(found), 1);
            return Promise.resolve(found);
        }
        return new Promise(resolve => this.waiters.push({ match: m => match(m) && (this.messages.splice(this.messages.indexOf(m), 1), true), resolve }));
    }

    async request(command, args = {}) {
        const seq = this.seq++;
        const json = JSON.stringify({ seq, type: 'request', command, arguments: args });
        this.process.stdin.write(`Content-Length: ${Buffer.byteLength(json)}\r\n\r\n${json}`);
        const response = await this.wait(m => m.type === 'response' && m.request_seq === seq);
        if (!response.success) throw new Error(`${command}: ${response.message}`);
        return response;
    }

    event(name) {
        return this.wait(m => m.type === 'event' && m.event === name);
    }

    peakRssMb() {
        const status = readFileSync(`/proc/${this.process.pid}/status`, 'utf8');
        return Number(/VmHWM:\s+(\d+)/.exec(status)[1]) / 1024;
    }

    async close() {
        await this.request('disconnect', { terminateDebuggee: true }).catch(() => undefined);
        this.process.kill();
    }
}

/** Launches loop.stfa with `rounds` rounds and waits for the first stop; returns the adapter and the forward time. */
async function launch(rounds, breakpoint, record) {
    const adapter = new Adapter();
    await adapter.request('initialize', { adapterID: 'stoffel', supportsProgressReporting: true });
    await adapter.request('launch', { program, args: [String(rounds)], record });
    if (breakpoint) {
        await adapter.request('setBreakpoints', { source: { path: program }, breakpoints: [{ line: BREAK_LINE, hitCondition: breakpoint }] });
    }
    const started = performance.now();
    await adapter.request('configurationDone');
    return { adapter, started };
}

async function timed(adapter, command, args) {
    const started = performance.now();
    await adapter.request(command, { threadId: 1, ...args });
    const stopped = await adapter.event('stopped');
    return { ms: performance.now() - started, reason: stopped.body.reason };
}

const median = values => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const results = [];
let missed = false;
function report(what, value, target, unit) {
    const ok = target === undefined || value <= target;
    missed ||= !ok;
    results.push(`| ${what} | ${value.toFixed(unit === 'x' ? 2 : 1)} ${unit} | ${target === undefined ? '' : `≤ ${target} ${unit}`} | ${target === undefined ? '' : ok ? 'met' : 'MISSED'} |`);
}

async function reverseAt(label, adapter) {
    const steps = [];
    for (let i = 0; i < options.steps; i++) {
        steps.push((await timed(adapter, 'stepBack')).ms);
    }
    report(`${label}: stepBack (median of ${options.steps})`, median(steps), 50, 'ms');
    const back = await timed(adapter, 'reverseContinue');
    report(`${label}: reverseContinue (→ ${back.reason})`, back.ms, 500, 'ms');
    return adapter.peakRssMb();
}

// 1. Stopped by a hit-count breakpoint after about N instructions.
const rounds = Math.round(options.instructions / BODY);
const forward = {};
let rssOff = 0;
for (const record of [false, true, false, true]) {
    const { adapter, started } = await launch(rounds + 10, `== ${rounds}`, record);
    await adapter.event('stopped');
    (forward[record] ??= []).push(performance.now() - started);
    if (record && forward[true].length === 2) {
        report(`after ${(rounds * BODY / 1e6).toFixed(0)}M instructions: forward run, recording on`, median(forward[true]), undefined, 'ms');
        report('forward run, recording off', median(forward[false]), undefined, 'ms');
        report('recording cost (on / off)', median(forward[true]) / median(forward[false]), 1.5, 'x');
        const rssOn = await reverseAt(`after ${(rounds * BODY / 1e6).toFixed(0)}M instructions`, adapter);
        report('adapter peak RSS, recording off', rssOff, undefined, 'MB');
        report('adapter peak RSS, recording on (after going back)', rssOn, undefined, 'MB');
        report('recording memory (peak RSS on − off)', rssOn - rssOff, 256, 'MB');
    } else if (!record && forward[false].length === 2) {
        rssOff = adapter.peakRssMb();
    }
    await adapter.close();
}

// 2. Paused after a long run.
if (options.seconds > 0) {
    const { adapter } = await launch('4000000000000000', undefined, true);
    await new Promise(resolve => setTimeout(resolve, options.seconds * 1000));
    await adapter.request('pause', { threadId: 1 });
    await adapter.event('stopped');
    const rss = await reverseAt(`after a ${options.seconds} s run`, adapter);
    report(`after a ${options.seconds} s run: adapter peak RSS`, rss, undefined, 'MB');
    await adapter.close();
}

console.log('| measurement | value | target | |');
console.log('|---|---|---|---|');
for (const line of results) console.log(line);
process.exit(missed ? 1 : 0);
