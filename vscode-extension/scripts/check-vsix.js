// @ts-check
// Checks a packaged .vsix: it holds the manifest, the bundled extension and both bundled
// adapters and nothing it should not; the Native AOT adapter for this platform is marked
// executable (VS Code keeps the mode when it installs) and, taken out alone, runs a program.
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { nativeAdapterPath } = require('../out/adapterCommand');
const zip = require('./zip');

const native = nativeAdapterPath(process.platform, process.arch);
const nativeEntry = native === undefined ? undefined : `extension/${native.split(path.sep).join('/')}`;
const REQUIRED = [
    'extension/package.json',
    'extension/dist/extension.js',
    'extension/adapter/stoffel.dll',
    'extension/adapter/stoffel.runtimeconfig.json',
    ...(nativeEntry === undefined ? [] : [nativeEntry]),
    'extension/syntaxes/stoffel-asm.tmLanguage.json',
    'extension/LICENSE.txt',
];
const FORBIDDEN = [/^extension\/src\//, /^extension\/node_modules\//, /^extension\/out\//, /\.dbg$/];
const HELLO = path.resolve(__dirname, '..', '..', 'examples', 'hello.stfa');

/** @param {string} message @returns {never} */
function fail(message) {
    console.error(`check-vsix: ${message}`);
    process.exit(1);
}

/**
 * Writes the native adapter alone into an empty folder, with the mode VS Code gives it when it
 * installs the extension, and runs hello.stfa with it.
 * @param {Buffer} bytes the .vsix
 * @param {import('./zip').ZipEntry} entry the adapter's entry
 */
function runNativeAdapter(bytes, entry) {
    if ((entry.mode & 0o111) === 0) {
        fail(`${entry.name} is not marked executable (mode ${entry.mode.toString(8)})`);
    }
    const executable = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'stoffel-vsix-')), path.basename(entry.name));
    fs.writeFileSync(executable, zip.contents(bytes, entry), { mode: entry.mode & 0o777 });
    const run = spawnSync(executable, ['run', HELLO], { encoding: 'utf8', timeout: 60000 });
    if (run.error || run.status !== 0 || run.stdout !== 'Hello, Stoffel!\n') {
        fail(`the bundled ${entry.name} did not run ${HELLO} on its own: ` +
            `${run.error?.message ?? `exit ${run.status}`}\nstdout: ${run.stdout}\nstderr: ${run.stderr}`);
    }
    console.log(`check-vsix: ${entry.name} (${entry.compressedSize} bytes compressed) runs on its own`);
}

const file = process.argv[2];
if (!file || !fs.existsSync(file)) {
    fail(`no such file: ${file}`);
}
const bytes = fs.readFileSync(file);
const entries = zip.entries(bytes);
const names = entries.map(entry => entry.name);
const missing = REQUIRED.filter(name => !names.includes(name));
const unwanted = names.filter(name => FORBIDDEN.some(pattern => pattern.test(name)));
console.log(`${file}: ${bytes.length} bytes, ${names.length} entries`);
for (const name of names) console.log(`  ${name}`);
if (missing.length || unwanted.length) {
    if (missing.length) console.error(`check-vsix: missing ${missing.join(', ')}`);
    if (unwanted.length) console.error(`check-vsix: should not ship ${unwanted.join(', ')}`);
    process.exit(1);
}
const adapter = entries.find(entry => entry.name === nativeEntry);
if (adapter !== undefined) {
    runNativeAdapter(bytes, adapter);
}
console.log('check-vsix: ok');
