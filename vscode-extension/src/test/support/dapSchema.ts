// Validates Debug Adapter Protocol messages against the official JSON schema
// (tests/dap/debugProtocol.json) with ajv.
import * as fs from 'fs';
import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import { DebugProtocol } from '@vscode/debugprotocol';

const SCHEMA_ID = 'dap';

/** The schema's integer formats, enforced as ranges (the protocol's int32 rule). */
const INTEGER_FORMATS: Record<string, [number, number]> = {
    int32: [-(2 ** 31), 2 ** 31 - 1],
    uint32: [0, 2 ** 32 - 1],
    int64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
    uint64: [0, Number.MAX_SAFE_INTEGER],
};

export interface SchemaVerdict {
    /** The `#/definitions/...` entry the message was checked against. */
    readonly definition: string;
    /** Empty when the message is valid. */
    readonly errors: readonly string[];
}

export class DapSchema {
    private readonly ajv: Ajv;
    private readonly definitions: ReadonlySet<string>;
    private readonly compiled = new Map<string, ValidateFunction>();

    constructor(schema: { definitions: Record<string, unknown> }) {
        // The file declares draft-04, but its definitions use nothing draft-07 reads differently.
        const { $schema: _ignored, ...body } = schema as Record<string, unknown>;
        this.ajv = new Ajv({ allErrors: true, strict: false });
        for (const [name, [min, max]] of Object.entries(INTEGER_FORMATS)) {
            this.ajv.addFormat(name, { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= min && n <= max });
        }
        this.ajv.addSchema(body, SCHEMA_ID);
        this.definitions = new Set(Object.keys(schema.definitions));
    }

    static fromFile(file: string): DapSchema {
        return new DapSchema(JSON.parse(fs.readFileSync(file, 'utf8')));
    }

    /** The most specific definition for a message: `StackTraceResponse`, `StoppedEvent`, … */
    definitionFor(message: Partial<DebugProtocol.ProtocolMessage> & Record<string, unknown>): string {
        const specific = (name: unknown, suffix: string, fallback: string): string => {
            const candidate = typeof name === 'string' ? capitalize(name) + suffix : '';
            return this.definitions.has(candidate) ? candidate : fallback;
        };
        switch (message.type) {
            case 'response':
                return message.success === false ? 'ErrorResponse' : specific(message.command, 'Response', 'Response');
            case 'event':
                return specific(message.event, 'Event', 'Event');
            case 'request':
                return specific(message.command, 'Request', 'Request');
            default:
                return 'ProtocolMessage';
        }
    }

    validate(message: unknown): SchemaVerdict {
        if (typeof message !== 'object' || message === null || Array.isArray(message)) {
            return { definition: 'ProtocolMessage', errors: ['a message must be a JSON object'] };
        }
        const definition = this.definitionFor(message as Record<string, unknown>);
        const check = this.validator(definition);
        return { definition, errors: check(message) ? [] : (check.errors ?? []).map(describe) };
    }

    private validator(definition: string): ValidateFunction {
        let check = this.compiled.get(definition);
        if (!check) {
            check = this.ajv.getSchema(`${SCHEMA_ID}#/definitions/${definition}`);
            if (!check) {
                throw new Error(`The DAP schema has no definition ${definition}`);
            }
            this.compiled.set(definition, check);
        }
        return check;
    }
}

function capitalize(name: string): string {
    return name.charAt(0).toUpperCase() + name.slice(1);
}

function describe(error: ErrorObject): string {
    return `${error.instancePath || '/'} ${error.message ?? error.keyword} ${JSON.stringify(error.params)}`;
}
