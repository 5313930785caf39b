// The launch and attach attribute `trace`: when true, every Debug Adapter Protocol message
// between VS Code and the adapter is logged to the "Stoffel Debug Protocol" output channel, one
// line each. Pure: no `vscode` import, so the rules are unit-tested without an editor; the
// tracker that feeds them is protocolTraceTracker.ts.

/** Which way a message went: from VS Code to the adapter, or back. */
export type TraceDirection = 'to adapter' | 'from adapter';

/** True when the session's configuration asks for protocol tracing (`"trace": true`). */
export function tracesProtocol(configuration: { readonly [key: string]: unknown }): boolean {
    return configuration.trace === true;
}

/**
 * One log line: a timestamp (ISO 8601, UTC), an arrow for the direction, the session's name and
 * the message as compact JSON. A message that cannot be serialised (a cycle) is logged by its
 * text form rather than dropped.
 */
export function traceLine(direction: TraceDirection, sessionName: string, message: unknown, now: Date): string {
    let body: string;
    try {
        body = JSON.stringify(message) ?? String(message);
    } catch {
        body = String(message);
    }
    return `${now.toISOString()} ${direction === 'to adapter' ? '->' : '<-'} [${sessionName}] ${body}`;
}
