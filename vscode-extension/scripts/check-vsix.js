// @ts-check
// Checks a packaged .vsix (a zip) without unzip: lists its entries from the zip's central
// directory and requires the manifest, the compiled extension and the bundled adapter.
'use strict';
const fs = require('fs');

const REQUIRED = [
    'extension/package.json',
    'extension/out/extension.js',
    'extension/adapter/stoffel.dll',
    'extension/adapter/stoffel.runtimeconfig.json',
    'extension/syntaxes/stoffel-asm.tmLanguage.json',
    'extension/LICENSE.txt',
];
const FORBIDDEN = [/^extension\/src\//, /^extension\/node_modules\//, /^extension\/out\/test\//];

/** @param {Buffer} zip @returns {string[]} */
function entryNames(zip) {
    const EOCD = 0x06054b50, CENTRAL = 0x02014b50;
    let end = zip.length - 22;
    while (end >= 0 && zip.readUInt32LE(end) !== EOCD) end--;
    if (end < 0) throw new Error('not a zip file: no end of central directory');
    const count = zip.readUInt16LE(end + 10);
    let offset = zip.readUInt32LE(end + 16);
    const names = [];
    for (let i = 0; i < count; i++) {
        if (zip.readUInt32LE(offset) !== CENTRAL) throw new Error(`bad central directory entry ${i}`);
        const nameLength = zip.readUInt16LE(offset + 28);
        const extraLength = zip.readUInt16LE(offset + 30);
        const commentLength = zip.readUInt16LE(offset + 32);
        names.push(zip.toString('utf8', offset + 46, offset + 46 + nameLength));
        offset += 46 + nameLength + extraLength + commentLength;
    }
    return names;
}

const file = process.argv[2];
if (!file || !fs.existsSync(file)) {
    console.error(`check-vsix: no such file: ${file}`);
    process.exit(1);
}
const names = entryNames(fs.readFileSync(file));
const missing = REQUIRED.filter(name => !names.includes(name));
const unwanted = names.filter(name => FORBIDDEN.some(pattern => pattern.test(name)));
console.log(`${file}: ${fs.statSync(file).size} bytes, ${names.length} entries`);
for (const name of names) console.log(`  ${name}`);
if (missing.length || unwanted.length) {
    if (missing.length) console.error(`check-vsix: missing ${missing.join(', ')}`);
    if (unwanted.length) console.error(`check-vsix: should not ship ${unwanted.join(', ')}`);
    process.exit(1);
}
console.log('check-vsix: ok');
