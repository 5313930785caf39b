// The Testing view's contract with the real CLI: `stoffel test --list --reporter json` and the
// JSON report, read by the same code the Test Controller uses.
import * as assert from 'assert';
import * as cp from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { resolveAdapterCommand } from '../../adapterCommand';
import { listArguments, parseCaseList, parseRunReport, reportOf, runArguments, testCommand } from '../../testCases';
import { adapterUnderTest, examplePath, extensionRoot, repoRoot } from '../support/repoPaths';

const TEST_TIMEOUT_MS = 60000;
const SCRIPTS = path.join(repoRoot(), 'tests', 'scripts');
const TEST_FUNCTIONS = path.join(SCRIPTS, 'test_functions.stfa');

function stoffelTest(args: string[]): unknown {
    const command = testCommand(
        resolveAdapterCommand({ extensionPath: extensionRoot(), adapterPath: adapterUnderTest(), fileExists: file => fs.existsSync(file) }),
        args);
    const result = cp.spawnSync(command.command, command.args, { cwd: repoRoot(), encoding: 'utf8' });
    return reportOf(result.status ?? -1, result.stdout, result.stderr);
}

describe('e2e: stoffel test for the Testing view', function () {
    this.timeout(TEST_TIMEOUT_MS);

    it('lists the cases of a folder with their files, lines and entries', () => {
        const cases = parseCaseList(stoffelTest(listArguments([path.dirname(examplePath('fib.stfa')), SCRIPTS])));
        const fib = cases.find(c => c.path === examplePath('fib.stfa'));
        assert.deepStrictEqual(fib && [fib.name, fib.kind, fib.entry, fib.line], ['examples/fib.stfa', 'script', 'main', 4]);
        const lines = fs.readFileSync(TEST_FUNCTIONS, 'utf8').split('\n');
        const addition = cases.find(c => c.name === 'tests/scripts/test_functions.stfa::test_addition');
        assert.strictEqual(lines[addition!.line - 1], '.function test_addition()');
        assert.ok(cases.some(c => c.skipReason !== null), 'the skipped case is listed with its reason');
    });

    it('runs a file and reports each case, a failure with its line and values', () => {
        const work = fs.mkdtempSync(path.join(__dirname, 'work-'));
        const broken = path.join(work, 'fib.stfa');
        fs.writeFileSync(broken, fs.readFileSync(examplePath('fib.stfa'), 'utf8').replace('; expect-result: 6765', '; expect-result: 6766'));

        const passing = parseRunReport(stoffelTest(runArguments(TEST_FUNCTIONS)));
        const failing = parseRunReport(stoffelTest(runArguments(broken)));

        fs.rmSync(work, { recursive: true });
        assert.deepStrictEqual(passing.map(r => r.outcome), ['passed', 'passed', 'skipped']);
        assert.deepStrictEqual(failing.map(r => [r.outcome, r.failure?.path, r.failure?.line, r.failure?.expected, r.failure?.actual]),
            [['failed', broken, 3, '6766', '6765']]);
    });
});
