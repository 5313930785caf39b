// Splits a DAP byte stream (`Content-Length: N\r\n\r\n` + N bytes of JSON) into messages.

const SEPARATOR = Buffer.from('\r\n\r\n', 'ascii');

export class FrameReader {
    private buffer = Buffer.alloc(0);

    constructor(
        private readonly onMessage: (json: string) => void,
        private readonly onError: (problem: string) => void,
    ) {}

    push(chunk: Buffer): void {
        this.buffer = Buffer.concat([this.buffer, chunk]);
        for (;;) {
            const end = this.buffer.indexOf(SEPARATOR);
            if (end < 0) {
                return;
            }
            const header = this.buffer.subarray(0, end).toString('ascii');
            const match = /^Content-Length: *(\d+)$/im.exec(header);
            if (!match) {
                this.onError(`frame header without Content-Length: ${JSON.stringify(header)}`);
                this.buffer = this.buffer.subarray(end + SEPARATOR.length);
                continue;
            }
            const length = Number(match[1]);
            const start = end + SEPARATOR.length;
            if (this.buffer.length < start + length) {
                return;
            }
            this.onMessage(this.buffer.subarray(start, start + length).toString('utf8'));
            this.buffer = this.buffer.subarray(start + length);
        }
    }
}
