// @ts-check
// Checks a packaged .vsix: it holds the manifest, the bundled extension and both bundled
// adapters and nothing it should not; the extension needs no module but VS Code's and Node's
// (the language client is bundled in, there is no node_modules); the Native AOT adapter for this
// platform is marked executable (VS Code keeps the mode when it installs) and, taken out alone,
// runs a program and answers the language server's initialize.
'use strict';
const { builtinModules } = require('module');
const { spawn, spawnSync } = require('child_process');
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
 * The modules the bundled extension loads at run time must be there without node_modules:
 * `vscode` and Node's own.
 * @param {Buffer} bytes the .vsix
 * @param {import('./zip').ZipEntry} entry the extension's entry
 */
function checkBundle(bytes, entry) {
    const required = new Set([...zip.contents(bytes, entry).toString('utf8').matchAll(/\brequire\("([^"]+)"\)/g)].map(m => m[1]));
    const foreign = [...required].filter(name => name !== 'vscode' && !builtinModules.includes(name.replace(/^node:/, '')));
    if (foreign.length) {
        fail(`${entry.name} loads modules the .vsix does not ship: ${foreign.join(', ')}`);
    }
    console.log(`check-vsix: ${entry.name} loads only ${[...required].sort().join(', ')}`);
}

/** One LSP message as the language client frames it. @param {object} message */
function lspFrame(message) {
    const body = JSON.stringify({ jsonrpc: '2.0', ...message });
    return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

/**
 * Writes the native adapter alone into an empty folder, with the mode VS Code gives it when it
 * installs the extension, runs hello.stfa with it, and starts its language server as the
 * extension does (`lsp --stdio`) for initialize, shutdown and exit.
 * @returns {Promise<void>}
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
    return answersInitialize(executable).then(
        () => console.log(`check-vsix: ${entry.name} (${entry.compressedSize} bytes compressed) runs on its own and serves LSP`),
        error => fail(`the bundled ${entry.name} did not serve LSP as 'lsp --stdio': ${error.message}`));
}

/**
 * Starts `executable lsp --stdio`, sends initialize and, once its answer names the server,
 * shutdown and exit; resolves when the server exits with 0. Input stays open until then, as a
 * language client keeps it.
 * @param {string} executable
 * @returns {Promise<void>}
 */
function answersInitialize(executable) {
    return new Promise((resolve, reject) => {
        const server = spawn(executable, ['lsp', '--stdio']);
        const timer = setTimeout(() => { server.kill(); reject(new Error(`no answer in 60 s; stdout: ${stdout}`)); }, 60000);
        let stdout = '';
        let stderr = '';
        let shutdownSent = false;
        server.stderr.on('data', chunk => { stderr += chunk; });
        server.stdout.on('data', chunk => {
            stdout += chunk;
            if (!shutdownSent && stdout.includes('"serverInfo":{"name":"stoffel"')) {
                shutdownSent = true;
                server.stdin.write(lspFrame({ id: 2, method: 'shutdown' }) + lspFrame({ method: 'exit' }));
            }
        });
        server.on('error', error => { clearTimeout(timer); reject(error); });
        server.on('exit', code => {
            clearTimeout(timer);
            code === 0 && stdout.includes('"id":2') ? resolve() : reject(new Error(`exit ${code}\nstdout: ${stdout}\nstderr: ${stderr}`));
        });
        server.stdin.write(lspFrame({ id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } }));
    });
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
checkBundle(bytes, entries.find(entry => entry.name === 'extension/dist/extension.js'));
const adapter = entries.find(entry => entry.name === nativeEntry);
void (adapter === undefined ? Promise.resolve() : runNativeAdapter(bytes, adapter)).then(() => console.log('check-vsix: ok'));
