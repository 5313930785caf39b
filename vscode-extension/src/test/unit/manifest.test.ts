// package.json contributions agree with the code and the files they name.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { DEBUG_TYPE, DEFAULT_ATTACH_HOST, DEFAULT_ENTRY, LANGUAGE_ID } from '../../debugConfiguration';
import { extensionRoot } from '../support/repoPaths';

interface Property { type: string; default?: unknown; items?: { type: string } }
interface Debugger {
    type: string;
    languages: string[];
    configurationAttributes: Record<'launch' | 'attach', { required: string[]; properties: Record<string, Property> }>;
    initialConfigurations: Array<Record<string, unknown>>;
    configurationSnippets: Array<{ label: string; body: Record<string, unknown> }>;
}
interface Manifest {
    main: string;
    publisher: string;
    license: string;
    engines: { vscode: string };
    activationEvents: string[];
    devDependencies: Record<string, string>;
    dependencies: Record<string, string>;
    contributes: {
        languages: Array<{ id: string; extensions: string[]; configuration: string }>;
        grammars: Array<{ language: string; scopeName: string; path: string }>;
        snippets: Array<{ language: string; path: string }>;
        breakpoints: Array<{ language: string }>;
        debuggers: Debugger[];
        configuration: { properties: Record<string, Property & { scope?: string }> };
    };
}

const root = extensionRoot();
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Manifest;
const debuggerContribution = manifest.contributes.debuggers[0];
const readJson = (file: string): unknown => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));

describe('package.json', () => {
    it('names the bundled entry point of src/extension.ts', () => {
        assert.strictEqual(manifest.main, './dist/extension.js');
        assert.ok(fs.existsSync(path.join(root, 'src', 'extension.ts')));
    });

    it('has what vsce needs to package without asking', () => {
        assert.ok(manifest.publisher);
        assert.strictEqual(manifest.license, 'MIT');
        assert.ok(fs.existsSync(path.join(root, 'LICENSE')));
        assert.ok(fs.existsSync(path.join(root, 'README.md')));
        const typesVersion = manifest.devDependencies['@types/vscode'].replace(/^[\^~]/, '');
        assert.strictEqual(manifest.engines.vscode, `^${typesVersion}`, '@types/vscode must not be newer than engines.vscode');
    });

    it('contributes the stoffel-asm language for .stfa with its grammar, configuration, snippets and breakpoints', () => {
        const language = manifest.contributes.languages.find(l => l.id === LANGUAGE_ID);
        assert.deepStrictEqual(language?.extensions, ['.stfa']);
        const grammar = manifest.contributes.grammars.find(g => g.language === LANGUAGE_ID);
        assert.strictEqual((readJson(grammar!.path) as { scopeName: string }).scopeName, grammar!.scopeName);
        const config = readJson(language!.configuration) as { comments: { lineComment: string }; autoClosingPairs: Array<{ open: string }> };
        assert.strictEqual(config.comments.lineComment, ';');
        assert.ok(config.autoClosingPairs.some(p => p.open === '"'), 'quotes auto-close');
        const snippets = manifest.contributes.snippets.find(s => s.language === LANGUAGE_ID);
        assert.ok(Object.keys(readJson(snippets!.path) as object).length >= 3);
        assert.deepStrictEqual(manifest.contributes.breakpoints, [{ language: LANGUAGE_ID }]);
    });

    it('declares the stoffel debug type with launch and attach attributes matching the code\'s defaults', () => {
        assert.strictEqual(debuggerContribution.type, DEBUG_TYPE);
        assert.deepStrictEqual(debuggerContribution.languages, [LANGUAGE_ID]);
        const launch = debuggerContribution.configurationAttributes.launch;
        assert.deepStrictEqual(Object.keys(launch.properties).sort(), ['args', 'cwd', 'entry', 'localStore', 'maxInstructions', 'maxMemory', 'program', 'record', 'stopOnEntry', 'timeout', 'trace']);
        assert.strictEqual(launch.properties.record.default, true, 'a launch records (step back) unless told not to');
        assert.deepStrictEqual(launch.required, ['program']);
        assert.strictEqual(launch.properties.entry.default, DEFAULT_ENTRY);
        assert.deepStrictEqual(launch.properties.args.items, { type: 'string' });
        const attach = debuggerContribution.configurationAttributes.attach;
        assert.deepStrictEqual(Object.keys(attach.properties).sort(), ['host', 'pathMappings', 'port', 'record']);
        assert.strictEqual(attach.properties.record.default, undefined, 'an attach records as the host chose unless the configuration says');
        assert.strictEqual(attach.properties.host.default, DEFAULT_ATTACH_HOST);
        assert.deepStrictEqual(attach.required, ['port']);
    });

    it('offers initial configurations and snippets for launch and attach', () => {
        assert.ok(debuggerContribution.initialConfigurations.every(c => c.type === DEBUG_TYPE));
        const requests = debuggerContribution.configurationSnippets.map(s => s.body.request).sort();
        assert.deepStrictEqual([...new Set(requests)], ['attach', 'launch']);
    });

    it('depends at run time on vscode-languageclient alone, whose engine it satisfies', () => {
        assert.deepStrictEqual(Object.keys(manifest.dependencies), ['vscode-languageclient']);
        const client = JSON.parse(fs.readFileSync(path.join(root, 'node_modules', 'vscode-languageclient', 'package.json'), 'utf8')) as Manifest;
        assert.strictEqual(manifest.engines.vscode, client.engines.vscode);
    });

    it('activates for the debug type and the language', () => {
        assert.ok(manifest.activationEvents.includes(`onDebugResolve:${DEBUG_TYPE}`));
        assert.ok(manifest.activationEvents.includes(`onLanguage:${LANGUAGE_ID}`));
    });

    it('has the stoffel.adapterPath setting, restricted in untrusted workspaces', () => {
        const setting = manifest.contributes.configuration.properties['stoffel.adapterPath'];
        assert.strictEqual(setting.type, 'string');
        assert.strictEqual(setting.scope, 'machine-overridable');
    });
});
