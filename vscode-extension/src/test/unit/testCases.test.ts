import * as assert from 'assert';
import * as path from 'path';
import { DEBUG_TYPE } from '../../debugConfiguration';
import {
    byFile, debugConfiguration, listArguments, parseCaseList, parseRunReport, reportOf, runArguments, StoffelCase, testCommand,
} from '../../testCases';

const FILE = path.resolve('/work/tests/sum.stfa');
const SCRIPT = { name: 'tests/sum.stfa', path: FILE, file: 'tests/sum.stfa', line: 4, kind: 'script', function: null, entry: 'sum', args: ['20', '"two"'], skipReason: null };
const FUNCTION = { name: 'tests/sum.stfa::test_it', path: FILE, file: 'tests/sum.stfa', line: 9, kind: 'function', function: 'test_it', entry: 'test_it', args: [], skipReason: 'later' };

describe('testCommand', () => {
    it('runs stoffel test with the program that runs the debug adapter', () => {
        assert.deepStrictEqual(
            testCommand({ command: 'dotnet', args: ['/ext/adapter/stoffel.dll', 'dap'] }, listArguments(['/work'])),
            { command: 'dotnet', args: ['/ext/adapter/stoffel.dll', 'test', '/work', '--list', '--reporter', 'json'] });
        assert.deepStrictEqual(
            testCommand({ command: '/ext/adapter/linux-x64/stoffel', args: ['dap'] }, runArguments(FILE)),
            { command: '/ext/adapter/linux-x64/stoffel', args: ['test', FILE, '--reporter', 'json'] });
    });

    it('refuses a command that is not the debug adapter', () => {
        assert.throws(() => testCommand({ command: 'stoffel', args: ['run'] }, []), /not a debug adapter command/);
    });
});

describe('reportOf', () => {
    it('reads the JSON of a run that passed or had failures', () => {
        assert.deepStrictEqual(reportOf(0, '{"cases": []}', ''), { cases: [] });
        assert.deepStrictEqual(reportOf(1, '{"cases": []}', '1 passed, 1 failed, 0 skipped'), { cases: [] });
    });

    it('turns a usage or load error into the CLI message', () => {
        assert.throws(() => reportOf(2, '', 'tests/bad.stfa:3:5: unknown instruction FROB\n'), /^Error: tests\/bad.stfa:3:5: unknown instruction FROB$/);
        assert.throws(() => reportOf(134, '', ''), /exited with code 134/);
    });
});

describe('parseCaseList', () => {
    it('reads each case with what the view shows, runs and debugs', () => {
        const cases = parseCaseList({ cases: [SCRIPT, FUNCTION] });
        assert.deepStrictEqual(cases.map(c => [c.name, c.kind, c.line, c.entry, c.args, c.skipReason]), [
            ['tests/sum.stfa', 'script', 4, 'sum', ['20', '"two"'], null],
            ['tests/sum.stfa::test_it', 'function', 9, 'test_it', [], 'later'],
        ]);
    });

    it('rejects a document that is not a case list', () => {
        assert.throws(() => parseCaseList({ summary: {} }), /no 'cases' list/);
        assert.throws(() => parseCaseList({ cases: [{ ...SCRIPT, line: '4' }] }), /'line' must be a number, got "4"/);
        assert.throws(() => parseCaseList({ cases: [{ ...SCRIPT, kind: 'suite' }] }), /unknown case kind 'suite'/);
        assert.throws(() => parseCaseList({ cases: [{ ...SCRIPT, args: [20] }] }), /'args' must be a list of literals/);
    });
});

describe('parseRunReport', () => {
    it('reads outcomes, failures with their place and values, and output', () => {
        const results = parseRunReport({
            summary: { passed: 1, failed: 1, skipped: 0 },
            cases: [
                { ...SCRIPT, outcome: 'failed', durationMs: 2.5, failure: { message: 'result: expected "22", got "21"', at: 'tests/sum.stfa:3', path: FILE, line: 3, expected: '22', actual: '21' }, output: 'hi\n' },
                { ...FUNCTION, outcome: 'passed', durationMs: 0.1, output: '' },
            ],
        });
        assert.deepStrictEqual(results, [
            { name: 'tests/sum.stfa', outcome: 'failed', durationMs: 2.5, failure: { message: 'result: expected "22", got "21"', path: FILE, line: 3, expected: '22', actual: '21' }, output: 'hi\n' },
            { name: 'tests/sum.stfa::test_it', outcome: 'passed', durationMs: 0.1, failure: null, output: '' },
        ]);
    });

    it('rejects an unknown outcome', () => {
        assert.throws(() => parseRunReport({ cases: [{ ...SCRIPT, outcome: 'flaky', durationMs: 1, output: '' }] }), /unknown outcome 'flaky'/);
    });
});

describe('debugConfiguration', () => {
    it('launches the case entry with its arguments', () => {
        const [script] = parseCaseList({ cases: [SCRIPT] });
        assert.deepStrictEqual(debugConfiguration(script), {
            type: DEBUG_TYPE, request: 'launch', name: 'Debug tests/sum.stfa', program: FILE, entry: 'sum', args: ['20', '"two"'], stopOnEntry: false,
        });
    });
});

describe('byFile', () => {
    it('groups cases by program file in list order', () => {
        const other = { ...FUNCTION, name: 'other.stfa::test_x', path: path.resolve('/work/other.stfa') } as StoffelCase;
        const [script, fn] = parseCaseList({ cases: [SCRIPT, FUNCTION] });
        const files = byFile([script, other, fn]);
        assert.deepStrictEqual([...files.keys()], [FILE, other.path]);
        assert.deepStrictEqual(files.get(FILE)!.map(c => c.name), ['tests/sum.stfa', 'tests/sum.stfa::test_it']);
    });
});
