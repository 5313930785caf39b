// @ts-check
// Reads a zip file (a .vsix) without unzip: its entries from the central directory, and the
// bytes of one entry (stored or deflated).
'use strict';
const zlib = require('zlib');

/**
 * @typedef {object} ZipEntry
 * @property {string} name
 * @property {number} method 0 stored, 8 deflated
 * @property {number} compressedSize
 * @property {number} mode the Unix mode (permission bits included) the zip records, 0 if none
 * @property {number} localHeaderOffset
 */

/** @param {Buffer} zip @returns {ZipEntry[]} */
function entries(zip) {
    const EOCD = 0x06054b50, CENTRAL = 0x02014b50;
    let end = zip.length - 22;
    while (end >= 0 && zip.readUInt32LE(end) !== EOCD) end--;
    if (end < 0) throw new Error('not a zip file: no end of central directory');
    const count = zip.readUInt16LE(end + 10);
    let offset = zip.readUInt32LE(end + 16);
    const found = [];
    for (let i = 0; i < count; i++) {
        if (zip.readUInt32LE(offset) !== CENTRAL) throw new Error(`bad central directory entry ${i}`);
        const nameLength = zip.readUInt16LE(offset + 28);
        const extraLength = zip.readUInt16LE(offset + 30);
        const commentLength = zip.readUInt16LE(offset + 32);
        found.push({
            name: zip.toString('utf8', offset + 46, offset + 46 + nameLength),
            method: zip.readUInt16LE(offset + 10),
            compressedSize: zip.readUInt32LE(offset + 20),
            mode: zip.readUInt32LE(offset + 38) >>> 16,
            localHeaderOffset: zip.readUInt32LE(offset + 42),
        });
        offset += 46 + nameLength + extraLength + commentLength;
    }
    return found;
}

/** @param {Buffer} zip @param {ZipEntry} entry @returns {Buffer} */
function contents(zip, entry) {
    const LOCAL = 0x04034b50;
    const header = entry.localHeaderOffset;
    if (zip.readUInt32LE(header) !== LOCAL) throw new Error(`bad local header for ${entry.name}`);
    const start = header + 30 + zip.readUInt16LE(header + 26) + zip.readUInt16LE(header + 28);
    const data = zip.subarray(start, start + entry.compressedSize);
    switch (entry.method) {
        case 0: return Buffer.from(data);
        case 8: return zlib.inflateRawSync(data);
        default: throw new Error(`${entry.name}: unsupported compression method ${entry.method}`);
    }
}

module.exports = { entries, contents };
