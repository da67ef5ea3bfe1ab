export const id = 37;
export const ids = [37];
export const modules = {

/***/ 2037:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  annotationTarget: () => (/* binding */ annotationTarget),
  checkRunAnnotations: () => (/* binding */ checkRunAnnotations),
  workflowFile: () => (/* binding */ workflowFile)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./build/codebuild/build-outcome.js
var build_outcome = __webpack_require__(9983);
// EXTERNAL MODULE: ../main/node_modules/yaml/dist/index.js
var dist = __webpack_require__(3439);
// EXTERNAL MODULE: ./build/util/errors.js
var errors = __webpack_require__(4792);
;// CONCATENATED MODULE: ./build/buildspec/yaml-reader.js
/**
 * Typed reads from a parsed YAML document for the buildspec model: every wrong shape fails with
 * the file, the line and column from the source, the key path and what is accepted. Strings are
 * taken as written: under YAML 1.1 a plain `0755` or `1.10` would otherwise turn into a number
 * and lose its text, and a command or a variable is text.
 */


class YamlReader {
    fileName;
    document;
    lines;
    source;
    warnings = [];
    constructor(fileName, document, lines, source) {
        this.fileName = fileName;
        this.document = document;
        this.lines = lines;
        this.source = source;
    }
    position(node) {
        const offset = node?.range?.[0] ?? 0;
        const { line, col } = this.lines.linePos(offset);
        return { line, column: col };
    }
    where(node) {
        const { line, column } = this.position(node);
        return `${this.fileName}:${line}:${column}`;
    }
    fail(node, message) {
        throw new errors/* UserError */.yo(`${this.where(node)}: ${message}`);
    }
    warn(node, message) {
        this.warnings.push(`${this.where(node)}: ${message}`);
    }
    /** Follows `*alias` references, so anchors work as they do for CodeBuild. */
    resolve(node) {
        if (node === null || node === undefined)
            return null;
        if ((0,dist/* isAlias */.Vj)(node))
            return node.resolve(this.document) ?? null;
        return node;
    }
    /** A mapping, or undefined for an absent or empty (`key:`) value. */
    map(node, path) {
        const resolved = this.resolve(node);
        if (resolved === null || ((0,dist/* isScalar */.jn)(resolved) && resolved.value === null))
            return undefined;
        if (!(0,dist/* isMap */.jh)(resolved))
            this.fail(resolved, `${path} must be a mapping of keys to values, got ${describeNode(resolved)}.`);
        return resolved;
    }
    /** The pairs of a mapping with their keys as text; duplicate keys were already refused by the parser. */
    entries(map, path) {
        if (!map)
            return [];
        return map.items.map((pair) => {
            const keyNode = this.resolve(pair.key);
            if (!(0,dist/* isScalar */.jn)(keyNode) || keyNode.value === null || typeof keyNode.value === 'object') {
                this.fail(keyNode, `${path} has a key that is not a plain name.`);
            }
            return { key: scalarText(keyNode), keyNode, value: this.resolve(pair.value), pair };
        });
    }
    /** Warns about keys CodeBuild does not know; CodeBuild itself only warns about them too. */
    checkKeys(map, path, known) {
        for (const { key, keyNode } of this.entries(map, path)) {
            if (!known.includes(key))
                this.warn(keyNode, `unknown key "${key}" in ${path}; known keys: ${known.join(', ')}.`);
        }
    }
    string(node, path) {
        const resolved = this.resolve(node);
        if (resolved === null)
            return undefined;
        if (!(0,dist/* isScalar */.jn)(resolved))
            this.fail(resolved, `${path} must be a single value, got ${describeNode(resolved)}.`);
        if (resolved.value === null)
            return undefined;
        return scalarText(resolved);
    }
    /** yes/no/true/false/on/off (YAML 1.1 booleans, as CodeBuild reads them). */
    boolean(node, path) {
        const resolved = this.resolve(node);
        if (resolved === null || ((0,dist/* isScalar */.jn)(resolved) && resolved.value === null))
            return undefined;
        if ((0,dist/* isScalar */.jn)(resolved)) {
            if (typeof resolved.value === 'boolean')
                return resolved.value;
            const text = String(resolved.value).toLowerCase();
            if (['yes', 'true', 'on'].includes(text))
                return true;
            if (['no', 'false', 'off'].includes(text))
                return false;
        }
        this.fail(resolved, `${path} must be yes or no, got ${describeNode(resolved)}.`);
    }
    /** A list of single values; a lone value is refused because CodeBuild refuses it too. */
    list(node, path) {
        const resolved = this.resolve(node);
        if (resolved === null || ((0,dist/* isScalar */.jn)(resolved) && resolved.value === null))
            return [];
        if (!(0,dist/* isSeq */.oP)(resolved)) {
            this.fail(resolved, `${path} must be a list (lines starting with "- "), got ${describeNode(resolved)}.`);
        }
        return resolved.items.map((item, index) => {
            const entry = this.resolve(item);
            const itemPath = `${path}[${index}]`;
            if ((0,dist/* isMap */.jh)(entry))
                this.fail(entry, `${itemPath} is a mapping, not a single value.${this.colonHint(entry)}`);
            if ((0,dist/* isSeq */.oP)(entry)) {
                this.fail(entry, `${itemPath} is a list, not a single value: a leading "[" starts a YAML list. Quote the whole command, e.g. - '[ -f x ] && ...'.`);
            }
            if (!(0,dist/* isScalar */.jn)(entry) || entry.value === null)
                this.fail(entry ?? resolved, `${itemPath} is empty or not a single value.`);
            return { text: scalarText(entry), line: this.position(entry).line };
        });
    }
    /** The most common buildspec trap: `- echo a: b` is a mapping because of the unquoted ": ". */
    colonHint(map) {
        const [start, end] = map.range ?? [0, 0];
        const written = this.source.slice(start, end).trim();
        if (written === '' || written.includes('\n'))
            return ' Quote the whole command, or write it as a | block.';
        return ` YAML reads an unquoted ": " as key: value. Quote the whole command: - '${written.replace(/'/g, "''")}'`;
    }
    /** NAME: value pairs whose values are text. */
    stringMap(node, path) {
        const out = {};
        for (const { key, value, keyNode } of this.entries(this.map(node, path), path)) {
            const text = this.string(value, `${path}.${key}`);
            out[key] = { text: text ?? '', line: this.position(value ?? keyNode).line };
        }
        return out;
    }
}
/** A scalar as text: quoted strings as parsed, plain scalars exactly as written. */
function scalarText(node) {
    if (!(0,dist/* isScalar */.jn)(node))
        return '';
    if (typeof node.value === 'string')
        return node.value;
    return node.source ?? String(node.value);
}
function describeNode(node) {
    if (node === null)
        return 'nothing';
    if ((0,dist/* isMap */.jh)(node))
        return 'a mapping';
    if ((0,dist/* isSeq */.oP)(node))
        return 'a list';
    if ((0,dist/* isScalar */.jn)(node))
        return node.value === null ? 'an empty value' : `"${scalarText(node)}"`;
    return 'an unsupported value';
}
//# sourceMappingURL=yaml-reader.js.map
;// CONCATENATED MODULE: ./build/lint/yaml-source.js
/**
 * A YAML file parsed once for every rule that reads it, with the line counter that turns node
 * ranges into lines and columns. Parsed as YAML 1.1, the dialect of CodeBuild's and the
 * CodeDeploy agent's parsers, so `yes` is a boolean here exactly when it is one for them.
 */

function parseYamlSource(path, text, rejection = 'the tool that reads it rejects it') {
    const lineCounter = new dist/* LineCounter */.HN();
    const document = (0,dist/* parseDocument */.Tp)(text, {
        lineCounter,
        version: '1.1',
        // Duplicate keys are reported by their own rule, naming both lines.
        uniqueKeys: false,
        prettyErrors: false,
    });
    return { path, text, document, lineCounter, rejection };
}
function positionAt(source, offset) {
    const { line, col } = source.lineCounter.linePos(Math.max(0, Math.min(offset, source.text.length)));
    return { line, column: col };
}
//# sourceMappingURL=yaml-source.js.map
// EXTERNAL MODULE: ./build/status/commit-status.js
var commit_status = __webpack_require__(3223);
;// CONCATENATED MODULE: ./build/github/check-run-annotations.js
/**
 * The check run's annotations: one per failed phase of each failed build (for a batch, of each
 * failed member), pointing at the line that failed. When the buildspec is a file in the
 * repository that is the failing command's line (matched from CodeBuild's "Error while executing
 * command: X" context) or else the phase's key; phases the buildspec does not write
 * (PROVISIONING, DOWNLOAD_SOURCE, ...) point at its first line. When it is not in the repository
 * (inline YAML, S3, the project's own), annotations point at the workflow file.
 */






/** GitHub's limits: 255 characters for a title, 64 KB for a message. */
const MAX_TITLE = 255;
const MAX_MESSAGE = 4_000;
const FAILED = new Set(['FAILED', 'FAULT', 'TIMED_OUT']);
const COMMAND_CONTEXT = /Error while executing command: (.*?)\. Reason: /s;
function checkRunAnnotations(report, where, redact) {
    const lines = lineFinder(where);
    const annotations = [];
    const annotate = (label, phase, level) => {
        const phaseType = phase.phaseType ?? 'UNKNOWN';
        const context = phase.contexts?.find((entry) => entry.message)?.message;
        const line = lines(phaseType, context);
        annotations.push({
            path: line.path,
            start_line: line.line,
            end_line: line.line,
            annotation_level: level,
            title: (0,commit_status/* clip */.$Q)(redact(`${label ? `${label}: ` : ''}${phaseType} failed`), MAX_TITLE),
            message: (0,commit_status/* clip */.$Q)(redact((0,build_outcome/* failureReason */.Hr)({ contexts: phase.contexts }) ??
                phase.contexts?.find((entry) => entry.statusCode)?.statusCode ??
                `The ${phaseType} phase ended ${phase.phaseStatus ?? 'without a status'}.`), MAX_MESSAGE),
        });
    };
    // A batch that failed before its members started (e.g. its buildspec did not parse).
    for (const phase of report.kind === 'batch' ? (report.batch?.phases ?? []) : []) {
        if (FAILED.has(phase.phaseStatus ?? ''))
            annotate('batch', phase, 'failure');
    }
    for (const member of report.members) {
        if (!member.build || !FAILED.has(member.build.buildStatus ?? ''))
            continue;
        const level = member.ignoreFailure ? 'warning' : 'failure';
        const failed = failedPhases(member.build);
        if (failed.length === 0) {
            annotate(member.identifier, { phaseType: 'BUILD', phaseStatus: member.build.buildStatus }, level);
        }
        for (const phase of failed)
            annotate(member.identifier, phase, level);
    }
    return annotations;
}
function failedPhases(build) {
    return (build.phases ?? []).filter((phase) => FAILED.has(phase.phaseStatus ?? ''));
}
/** Finds lines in the buildspec once parsed; every phase is line 1 of the workflow file. */
function lineFinder(where) {
    if ('workflowPath' in where)
        return () => ({ path: where.workflowPath, line: 1 });
    const phases = buildspecPhases(where.buildspecPath, where.buildspecText);
    return (phaseType, context) => {
        const phase = phases.get(phaseType.toLowerCase());
        const command = context === undefined ? undefined : COMMAND_CONTEXT.exec(context)?.[1];
        const found = command === undefined
            ? undefined
            : phase?.commands.find((entry) => sameCommand(entry.text, command));
        return { path: where.buildspecPath, line: found?.line ?? phase?.line ?? 1 };
    };
}
/** CodeBuild quotes the command as the buildspec wrote it; a block's lines may be re-joined. */
function sameCommand(written, quoted) {
    const squash = (text) => text.replace(/\s+/g, ' ').trim();
    return squash(written) === squash(quoted);
}
/**
 * Each phase's line and commands, read leniently: a buildspec that does not parse (it may be the
 * reason the build failed) has no phases, so its annotations point at line 1.
 */
function buildspecPhases(fileName, text) {
    const phases = new Map();
    const { document, lineCounter } = parseYamlSource(fileName, text);
    if (document.errors.length > 0)
        return phases;
    const reader = new YamlReader(fileName, document, lineCounter, text);
    try {
        const root = reader.map(document.contents, 'the buildspec');
        const phasesMap = reader.map(root?.get('phases', true), 'phases');
        for (const { key, keyNode, value } of reader.entries(phasesMap, 'phases')) {
            phases.set(key, {
                line: reader.position(keyNode).line,
                commands: phaseCommands(reader, value, `phases.${key}`),
            });
        }
    }
    catch {
        // A wrong shape is CodeBuild's to report; the lines found so far still count.
    }
    return phases;
}
function phaseCommands(reader, node, path) {
    let phase;
    try {
        phase = reader.map(node, path);
    }
    catch {
        return [];
    }
    return ['commands', 'finally'].flatMap((block) => {
        try {
            return reader.list(phase?.get(block, true), `${path}.${block}`);
        }
        catch {
            return [];
        }
    });
}
/**
 * Where annotations can point for this run: the buildspec when it is a file in the checked-out
 * repository (the override's path, else `buildspec.yml`), else the workflow file named by
 * GITHUB_WORKFLOW_REF; undefined when neither is known (outside GitHub Actions).
 */
async function annotationTarget(env, buildspecOverride, workspace) {
    const buildspecPath = repositoryPath(buildspecOverride ?? 'buildspec.yml', workspace);
    if (buildspecPath !== undefined) {
        const buildspecText = await (0,promises_.readFile)((0,external_node_path_.resolve)(workspace, buildspecPath), 'utf8').catch(() => undefined);
        if (buildspecText !== undefined)
            return { buildspecPath, buildspecText };
    }
    const workflowPath = workflowFile(env.GITHUB_WORKFLOW_REF);
    return workflowPath === undefined ? undefined : { workflowPath };
}
/** The override as a repository-relative path; undefined for inline YAML, an S3 ARN or a path outside. */
function repositoryPath(override, workspace) {
    const value = override.trim();
    const inlineYaml = value.includes('\n') || /:\s|^[{[]/.test(value);
    if (value === '' || inlineYaml || /^arn:/i.test(value) || /^\w+:\/\//.test(value))
        return undefined;
    const inside = (0,external_node_path_.relative)((0,external_node_path_.resolve)(workspace), (0,external_node_path_.resolve)(workspace, value));
    if (inside === '' || inside.startsWith('..') || (0,external_node_path_.isAbsolute)(inside))
        return undefined;
    return inside.split(external_node_path_.sep).join('/');
}
/** `owner/repo/.github/workflows/ci.yml@refs/heads/main` → `.github/workflows/ci.yml`. */
function workflowFile(workflowRef) {
    const at = workflowRef?.lastIndexOf('@') ?? -1;
    const path = (at >= 0 ? workflowRef.slice(0, at) : (workflowRef ?? ''))
        .split('/')
        .slice(2)
        .join('/');
    return path === '' ? undefined : path;
}
//# sourceMappingURL=check-run-annotations.js.map

/***/ })

};

//# sourceMappingURL=37.index.js.map