// Glue: the Testing view. Lists the `stoffel test` cases of each workspace folder (one item per
// program file, one child per case), runs a file's cases with `stoffel test FILE --reporter json`
// and shows failures on their line, and debugs one case under the Stoffel debugger.
import * as cp from 'child_process';
import * as path from 'path';
import * as vscode from 'vscode';
import { AdapterCommand, resolveAdapterCommand } from './adapterCommand';
import { stoffelInputs } from './stoffelSettings';
import {
    byFile, CaseResult, debugConfiguration, listArguments, parseCaseList, parseRunReport, reportOf, runArguments,
    StoffelCase, testCommand,
} from './testCases';

export function registerTestController(context: vscode.ExtensionContext): void {
    const controller = vscode.tests.createTestController('stoffel', 'Stoffel');
    const cases = new WeakMap<vscode.TestItem, StoffelCase>();
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.{stfa,stflb,expect}');

    const stoffel = (folder: vscode.WorkspaceFolder | undefined, args: string[]): AdapterCommand => {
        return testCommand(resolveAdapterCommand(stoffelInputs(context.extensionPath, folder)), args);
    };

    const refresh = async (): Promise<void> => {
        const items: vscode.TestItem[] = [];
        for (const folder of vscode.workspace.workspaceFolders ?? []) {
            try {
                const listed = parseCaseList(await runStoffel(stoffel(folder, listArguments([folder.uri.fsPath])), folder.uri.fsPath));
                for (const [file, fileCases] of byFile(listed)) {
                    const fileItem = controller.createTestItem(file, path.relative(folder.uri.fsPath, file), vscode.Uri.file(file));
                    for (const testCase of fileCases) {
                        const item = controller.createTestItem(testCase.name, testCase.kind === 'function' ? testCase.entry : `${path.basename(file)} (script)`, vscode.Uri.file(file));
                        item.range = testCase.line > 0 ? new vscode.Range(testCase.line - 1, 0, testCase.line - 1, 0) : undefined;
                        cases.set(item, testCase);
                        fileItem.children.add(item);
                    }
                    items.push(fileItem);
                }
            } catch (error) {
                const item = controller.createTestItem(folder.uri.toString(), folder.name);
                item.error = error instanceof Error ? error.message : String(error);
                items.push(item);
            }
        }
        controller.items.replace(items);
    };

    const run = async (request: vscode.TestRunRequest, token: vscode.CancellationToken): Promise<void> => {
        const testRun = controller.createTestRun(request);
        const requested = leaves(request, controller).filter(item => cases.has(item));
        for (const [file, items] of groupByFile(requested, cases)) {
            if (token.isCancellationRequested) {
                break;
            }
            items.forEach(item => testRun.started(item));
            const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(file));
            try {
                const cwd = folder?.uri.fsPath ?? path.dirname(file);
                const results = parseRunReport(await runStoffel(stoffel(folder, runArguments(file)), cwd));
                const byName = new Map(results.map(result => [result.name, result]));
                for (const item of items) {
                    report(testRun, item, byName.get(cases.get(item)!.name));
                }
            } catch (error) {
                const message = new vscode.TestMessage(error instanceof Error ? error.message : String(error));
                items.forEach(item => testRun.errored(item, message));
            }
        }
        testRun.end();
    };

    const debug = async (request: vscode.TestRunRequest): Promise<void> => {
        const item = leaves(request, controller).find(candidate => cases.has(candidate));
        if (item === undefined) {
            return;
        }
        const testCase = cases.get(item)!;
        await vscode.debug.startDebugging(vscode.workspace.getWorkspaceFolder(vscode.Uri.file(testCase.path)), debugConfiguration(testCase));
    };

    controller.resolveHandler = async item => {
        if (item === undefined) {
            await refresh();
        }
    };
    controller.refreshHandler = () => refresh();
    controller.createRunProfile('Run', vscode.TestRunProfileKind.Run, run, true);
    controller.createRunProfile('Debug', vscode.TestRunProfileKind.Debug, debug, true);
    watcher.onDidChange(() => void refresh());
    watcher.onDidCreate(() => void refresh());
    watcher.onDidDelete(() => void refresh());
    context.subscriptions.push(controller, watcher);
}

/** Marks one item with its result (a case the report lacks has errored). */
function report(testRun: vscode.TestRun, item: vscode.TestItem, result: CaseResult | undefined): void {
    if (result === undefined) {
        testRun.errored(item, new vscode.TestMessage('stoffel test did not report this case: refresh the Testing view'));
        return;
    }
    if (result.output) {
        testRun.appendOutput(result.output.replace(/\n/g, '\r\n'), undefined, item);
    }
    if (result.outcome === 'passed') {
        testRun.passed(item, result.durationMs);
    } else if (result.outcome === 'skipped') {
        testRun.skipped(item);
    } else {
        const failure = result.failure!;
        const message = failure.expected !== null && failure.actual !== null
            ? vscode.TestMessage.diff(failure.message, failure.expected, failure.actual)
            : new vscode.TestMessage(failure.message);
        if (failure.line > 0) {
            message.location = new vscode.Location(vscode.Uri.file(failure.path), new vscode.Position(failure.line - 1, 0));
        }
        testRun.failed(item, message, result.durationMs);
    }
}

/** The items a request runs: the included ones (all when none) and their descendants, less the excluded. */
function leaves(request: vscode.TestRunRequest, controller: vscode.TestController): vscode.TestItem[] {
    const excluded = new Set(request.exclude ?? []);
    const found: vscode.TestItem[] = [];
    const visit = (item: vscode.TestItem): void => {
        if (excluded.has(item)) {
            return;
        }
        if (item.children.size === 0) {
            found.push(item);
        }
        item.children.forEach(visit);
    };
    (request.include ?? collect(controller.items)).forEach(visit);
    return found;
}

function collect(items: vscode.TestItemCollection): vscode.TestItem[] {
    const all: vscode.TestItem[] = [];
    items.forEach(item => all.push(item));
    return all;
}

function groupByFile(items: readonly vscode.TestItem[], cases: WeakMap<vscode.TestItem, StoffelCase>): Map<string, vscode.TestItem[]> {
    const files = new Map<string, vscode.TestItem[]>();
    for (const item of items) {
        const file = cases.get(item)!.path;
        files.set(file, [...(files.get(file) ?? []), item]);
    }
    return files;
}

/** Runs `stoffel test …` and returns what its exit code and output mean (see reportOf). */
function runStoffel(command: AdapterCommand, cwd: string): Promise<unknown> {
    return new Promise((resolve, reject) => {
        cp.execFile(command.command, [...command.args], { cwd, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
            const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
            try {
                resolve(reportOf(code, stdout, stderr || (error?.message ?? '')));
            } catch (parseError) {
                reject(parseError);
            }
        });
    });
}
