export const id = 572;
export const ids = [572,524,987];
export const modules = {

/***/ 1592:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Q3: () => (/* binding */ trimmedMessage),
/* harmony export */   TM: () => (/* binding */ firstLine),
/* harmony export */   XF: () => (/* binding */ testTitle),
/* harmony export */   mh: () => (/* binding */ ANSI),
/* harmony export */   yN: () => (/* binding */ placesIn)
/* harmony export */ });
/* unused harmony exports STACK_FRAMES_KEPT, MESSAGE_CHARS, FIRST_LINE_CHARS, plainMessage */
/** How many stack frames a trimmed message keeps. */
const STACK_FRAMES_KEPT = 8;
/** Characters of a message shown in a collapsed block. */
const MESSAGE_CHARS = 2_000;
/** Characters of a message's first line in a table. */
const FIRST_LINE_CHARS = 160;
/** Terminal escapes (CSI, OSC, two-character), which test runners (Jest, pytest) colour with. */
const ANSI = 
// eslint-disable-next-line no-control-regex -- matching control characters is the point
/\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[@-Z\\-_])/g;
/** How much of a message is searched for the places it names. */
const PLACES_SEARCHED = 8_192;
/** The message without terminal codes. */
function plainMessage(message) {
    return message.replace(ANSI, '');
}
const FRAME = /^\s+(at |File ")|^\s*\.\.\. \d+ more$/;
/** The first non-empty line, clipped to `max` characters. */
function firstLine(message, max = FIRST_LINE_CHARS) {
    const line = plainMessage(message)
        .split(/\r\n?|\n/)
        .map((text) => text.trim())
        .find((text) => text !== '') ?? '';
    return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
/**
 * The message with at most `frames` stack frames (Java/JS `at ...`, Python `File "..."`), a line
 * saying how many were left out, and at most `max` characters.
 */
function trimmedMessage(message, frames = STACK_FRAMES_KEPT, max = MESSAGE_CHARS) {
    const kept = [];
    let framesSeen = 0;
    let framesLeft = 0;
    for (const line of plainMessage(message).replace(/\r\n?/g, '\n').trimEnd().split('\n')) {
        if (FRAME.test(line)) {
            framesSeen += 1;
            if (framesSeen > frames) {
                framesLeft += 1;
                continue;
            }
        }
        kept.push(line);
    }
    if (framesLeft > 0)
        kept.push(`    … ${framesLeft} more stack frame${framesLeft === 1 ? '' : 's'}`);
    const text = kept.join('\n');
    return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
/** "suite › name", or the name alone when the suite is empty or already its prefix. */
function testTitle(test) {
    if (!test.suite || test.name.startsWith(`${test.suite}.`) || test.name === test.suite)
        return test.name;
    return `${test.suite} › ${test.name}`;
}
const PLACE = /(?:^|[\s("'`[])((?:[A-Za-z]:)?[\w.@~+/\\-]+\.[A-Za-z]\w{0,7}):(\d+)(?::\d+)?/g;
/**
 * The places the start of a failure message names: `src/x.test.ts:12:5` and `(/abs/path/x.py:3)`
 * in order, then Python's `File "tests/t.py", line 7`. The caller decides which of them are
 * files of the repository. A path is one token (no spaces or brackets), so the search is linear.
 */
function placesIn(text) {
    const message = plainMessage(text.slice(0, PLACES_SEARCHED));
    const places = [];
    for (const match of message.matchAll(PLACE)) {
        const path = match[1] ?? '';
        const line = Number(match[2]);
        if (path && line > 0 && !path.includes('://'))
            places.push({ path, line });
    }
    for (const match of message.matchAll(/File "([^"]+)", line (\d+)/g)) {
        const line = Number(match[2]);
        if (match[1] && line > 0)
            places.push({ path: match[1], line });
    }
    return places;
}
//# sourceMappingURL=test-message.js.map

/***/ }),

/***/ 524:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  annotationTarget: () => (/* binding */ annotationTarget),
  checkRunAnnotations: () => (/* binding */ checkRunAnnotations),
  fallbackPlace: () => (/* binding */ fallbackPlace),
  workflowFile: () => (/* binding */ workflowFile)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./build/codebuild/build-outcome.js
var build_outcome = __webpack_require__(9189);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
// EXTERNAL MODULE: ./build/util/errors.js
var errors = __webpack_require__(4478);
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
var commit_status = __webpack_require__(1669);
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
/**
 * Where an annotation goes that has no better place: the buildspec's first line, or the
 * workflow file's.
 */
function fallbackPlace(where) {
    return { path: 'workflowPath' in where ? where.workflowPath : where.buildspecPath, line: 1 };
}
/** Finds lines in the buildspec once parsed; every phase is line 1 of the workflow file. */
function lineFinder(where) {
    if ('workflowPath' in where)
        return () => fallbackPlace(where);
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

/***/ }),

/***/ 7572:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  CheckRunPublisher: () => (/* binding */ CheckRunPublisher),
  MAX_ANNOTATIONS_PER_REQUEST: () => (/* binding */ MAX_ANNOTATIONS_PER_REQUEST),
  MAX_SUMMARY_BYTES: () => (/* binding */ MAX_SUMMARY_BYTES),
  checkRunConclusion: () => (/* binding */ checkRunConclusion),
  fitSummary: () => (/* binding */ fitSummary)
});

// EXTERNAL MODULE: ./build/github/octokit.js
var octokit = __webpack_require__(987);
// EXTERNAL MODULE: ./build/github/check-run-annotations.js + 2 modules
var check_run_annotations = __webpack_require__(524);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./build/codebuild/test-message.js
var test_message = __webpack_require__(1592);
// EXTERNAL MODULE: ./build/status/commit-status.js
var commit_status = __webpack_require__(1669);
;// CONCATENATED MODULE: ./build/github/test-annotations.js
/**
 * The check run's annotations for failed tests: one per failed or errored test a member's
 * CodeBuild reports list, placed at the test's own file and line when the report gives them,
 * else at the first place its message names that is a file of the repository, else at a fallback
 * (the buildspec's first line, or the workflow file). A place is a file of the repository when it
 * exists in the checked-out workspace: a relative path as it is, an absolute path (CodeBuild
 * checks sources out under /codebuild/output/src<digits>/src/...) by its longest tail that
 * exists there. Nothing outside the workspace is ever pointed at. Titles and messages come from
 * the build: they are redacted and clipped, shown as text, never obeyed.
 */




/**
 * At most this many test annotations per check run. GitHub shows a check run's annotations in
 * one list and takes them 50 to a request: 200 keeps that list readable and the updates few.
 * The rest are counted (`notAnnotated`) and left to the job summary.
 */
const MAX_TEST_ANNOTATIONS = 200;
/** GitHub's limits: 255 characters for a title; messages are kept to 4,000 like the phases'. */
const MAX_TITLE = 255;
const MAX_MESSAGE = 4_000;
/** Where CodeBuild checks a primary source out: `/codebuild/output/src123/src/`. */
const CODEBUILD_SOURCE = /^\/codebuild\/output\/src\d+\/src\//;
/** Installed dependencies are not the repository's code, even when checked out beside it. */
const DEPENDENCY_SEGMENTS = new Set(['node_modules', 'site-packages', 'dist-packages', '.venv']);
function testAnnotations(report, where, redact, cap = MAX_TEST_ANNOTATIONS) {
    const place = placeFinder(where);
    const annotations = [];
    let notAnnotated = 0;
    for (const member of report.members) {
        const level = member.ignoreFailure ? 'warning' : 'failure';
        const prefix = member.identifier ? `${member.identifier}: ` : '';
        for (const testReport of member.tests?.reports ?? []) {
            notAnnotated += testReport.failedNotListed;
            for (const test of testReport.failed) {
                if (annotations.length >= cap) {
                    notAnnotated += 1;
                    continue;
                }
                const at = place(test);
                // Redacted before trimming too, so that a cut never leaves half a secret behind.
                const message = redact((0,test_message/* trimmedMessage */.Q3)(redact(test.message))).trim();
                annotations.push({
                    path: at.path,
                    start_line: at.line,
                    end_line: at.line,
                    annotation_level: level,
                    title: (0,commit_status/* clip */.$Q)(redact(`${prefix}${(0,test_message/* testTitle */.XF)(test)}`), MAX_TITLE),
                    message: message === ''
                        ? `The test ${test.status === 'ERROR' ? 'errored' : 'failed'}.`
                        : (0,commit_status/* clip */.$Q)(message, MAX_MESSAGE),
                });
            }
        }
    }
    return { annotations, notAnnotated };
}
function placeFinder(where) {
    const { workspace, fallback } = where;
    if (workspace === undefined)
        return () => ({ ...fallback });
    const inRepository = repositoryFiles(workspace);
    return (test) => {
        const named = (0,test_message/* placesIn */.yN)(test.message);
        const own = test.file ? inRepository(test.file) : undefined;
        if (own !== undefined) {
            const line = positive(test.line) ?? named.find((entry) => inRepository(entry.path) === own)?.line ?? 1;
            return { path: own, line };
        }
        for (const entry of named) {
            const path = inRepository(entry.path);
            if (path !== undefined)
                return { path, line: entry.line };
        }
        return { ...fallback };
    };
}
function positive(line) {
    return line !== undefined && Number.isInteger(line) && line > 0 ? line : undefined;
}
/**
 * Maps a path as a report or a stack trace writes it to the repository-relative path of a file
 * in the workspace, or undefined. Each file is looked up once.
 */
function repositoryFiles(workspace) {
    const root = (0,external_node_path_.resolve)(workspace);
    const seen = new Map();
    const exists = (path) => {
        let found = seen.get(path);
        if (found === undefined) {
            try {
                found = (0,external_node_fs_.statSync)((0,external_node_path_.resolve)(root, path)).isFile();
            }
            catch {
                found = false;
            }
            seen.set(path, found);
        }
        return found;
    };
    /** The repository-relative form of `path`, when it stays inside the workspace. */
    const inside = (path) => {
        const rel = (0,external_node_path_.relative)(root, (0,external_node_path_.resolve)(root, path));
        if (rel === '' || rel === '..' || rel.startsWith(`..${external_node_path_.sep}`) || (0,external_node_path_.isAbsolute)(rel))
            return undefined;
        const posix = rel.split(external_node_path_.sep).join('/');
        if (posix.split('/').some((segment) => DEPENDENCY_SEGMENTS.has(segment)))
            return undefined;
        return exists(posix) ? posix : undefined;
    };
    return (written) => {
        const path = written.trim().replace(/\\/g, '/');
        if (path === '')
            return undefined;
        const absolute = path.startsWith('/') || /^[A-Za-z]:\//.test(path);
        if (!absolute)
            return inside(path);
        const underRoot = (0,external_node_path_.relative)(root, path);
        if ((0,external_node_path_.isAbsolute)(path) &&
            underRoot !== '' &&
            !underRoot.startsWith('..') &&
            !(0,external_node_path_.isAbsolute)(underRoot))
            return inside(underRoot);
        // The longest tail that is a file of the repository: after CodeBuild's source directory
        // come the host, owner and repository (`github.com/octo/app/`), or the repository itself.
        const rest = path.replace(CODEBUILD_SOURCE, '').replace(/^[A-Za-z]:\//, '');
        const segments = rest.split('/').filter((segment) => segment !== '' && segment !== '.');
        if (segments.includes('..'))
            return undefined;
        for (let start = 0; start < segments.length; start++) {
            const found = inside(segments.slice(start).join('/'));
            if (found !== undefined)
                return found;
        }
        return undefined;
    };
}
//# sourceMappingURL=test-annotations.js.map
// EXTERNAL MODULE: ./build/util/errors.js
var errors = __webpack_require__(4478);
// EXTERNAL MODULE: ./build/util/network-errors.js
var network_errors = __webpack_require__(7403);
;// CONCATENATED MODULE: ./build/github/check-run.js






/** GitHub's limits on a check run's output. */
const MAX_ANNOTATIONS_PER_REQUEST = 50;
const MAX_SUMMARY_BYTES = 65_535;
const check_run_MAX_TITLE = 255;
const CONCLUSIONS = {
    SUCCEEDED: 'success',
    FAILED: 'failure',
    FAULT: 'failure',
    TIMED_OUT: 'timed_out',
    STOPPED: 'cancelled',
};
const CUT_NOTE = "\n\n---\n_This summary was cut to fit GitHub's limit of 65,535 characters; the workflow run's job summary has all of it._\n";
/** The build's (or the batch's) final CodeBuild status as a conclusion; a run not ended was cancelled. */
function checkRunConclusion(report) {
    const status = report.kind === 'batch'
        ? report.batch?.buildBatchStatus
        : report.members[0]?.build?.buildStatus;
    return CONCLUSIONS[status ?? ''] ?? 'cancelled';
}
/**
 * The summary within GitHub's 65,535 bytes (UTF-8, so also characters). When it must be cut it is
 * cut at the last line break that fits (inside a line only when that line alone is most of what
 * fits), never inside a character; a code block or `<details>`
 * section the cut falls inside is closed, so the rest of the check run's page reads as Markdown,
 * and a note says the summary was cut. `tail` (a closing line of our own) is kept after the cut.
 */
function fitSummary(markdown, tail = '') {
    const whole = `${markdown}${tail}`;
    if (Buffer.byteLength(whole, 'utf8') <= MAX_SUMMARY_BYTES)
        return whole;
    let budget = MAX_SUMMARY_BYTES - Buffer.byteLength(CUT_NOTE, 'utf8') - Buffer.byteLength(tail, 'utf8');
    for (;;) {
        const end = cutAt(markdown, budget);
        const kept = markdown.slice(0, end);
        const closers = openBlockClosers(kept);
        const size = Buffer.byteLength(kept, 'utf8') + Buffer.byteLength(closers, 'utf8');
        if (size <= budget || budget <= 0)
            return `${kept}${closers}${CUT_NOTE}${tail}`;
        budget -= Buffer.byteLength(closers, 'utf8');
    }
}
/**
 * Where to cut `text` to keep it within `budget` bytes: after its last line break that fits,
 * unless that would drop most of what fits (one very long line), then on a character boundary.
 */
function cutAt(text, budget) {
    let used = 0;
    let end = 0;
    // for...of walks code points, so a surrogate pair is kept or dropped whole.
    for (const char of text) {
        const size = Buffer.byteLength(char, 'utf8');
        if (used + size > budget)
            break;
        used += size;
        end += char.length;
    }
    const lineBreak = text.lastIndexOf('\n', end - 1);
    return lineBreak >= 0 && lineBreak + 1 >= end * 0.75 ? lineBreak + 1 : end;
}
const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;
/** What closes the code block and the `<details>` sections left open at the end of `text`. */
function openBlockClosers(text) {
    let fence;
    let details = 0;
    for (const line of text.split('\n')) {
        const match = FENCE.exec(line);
        const marker = match?.[1] ?? '';
        const info = match?.[2] ?? '';
        if (fence !== undefined) {
            // A closing fence: the same character, at least as long, nothing after it.
            if (marker[0] === fence[0] && marker.length >= fence.length && info.trim() === '')
                fence = undefined;
            continue;
        }
        // A backtick fence's info string has no backtick (else it is inline code).
        if (marker !== '' && !(marker.startsWith('`') && info.includes('`'))) {
            fence = marker;
            continue;
        }
        details += (line.match(/<details[\s>]/gi) ?? []).length;
        details = Math.max(0, details - (line.match(/<\/details\s*>/gi) ?? []).length);
    }
    const closers = [];
    if (fence !== undefined)
        closers.push(fence);
    for (let index = 0; index < details; index++)
        closers.push('</details>');
    if (closers.length === 0)
        return '';
    return `${text.endsWith('\n') ? '' : '\n'}${closers.join('\n\n')}\n`;
}
class CheckRunPublisher {
    octokit;
    commit;
    apiUrl;
    logger;
    options;
    target = 'GitHub check run';
    queue = Promise.resolve();
    id;
    name;
    startedAt;
    refused = false;
    constructor(octokit, commit, apiUrl, logger, options) {
        this.octokit = octokit;
        this.commit = commit;
        this.apiUrl = apiUrl;
        this.logger = logger;
        this.options = options;
    }
    start(run) {
        return this.enqueue(async () => {
            this.name = (0,commit_status/* clip */.$Q)(run.statusContext, check_run_MAX_TITLE);
            this.startedAt = this.timestamp();
            const created = await this.send('POST', 'create the check run', {
                ...this.identity(),
                status: 'in_progress',
                started_at: this.startedAt,
                ...this.links(run.url),
            });
            if (created.ok)
                this.id = created.id;
        });
    }
    finish(report) {
        return this.enqueue(async () => {
            if (this.refused)
                return;
            this.name ??= (0,commit_status/* clip */.$Q)(report.statusContext, check_run_MAX_TITLE);
            const conclusion = checkRunConclusion(report);
            const target = this.options.annotationTarget;
            const redact = (text) => this.logger.redact(text);
            const annotations = [];
            let notAnnotated = 0;
            if (target) {
                annotations.push(...(0,check_run_annotations.checkRunAnnotations)(report, target, redact));
                const tests = testAnnotations(report, { workspace: this.options.workspace, fallback: (0,check_run_annotations.fallbackPlace)(target) }, redact);
                annotations.push(...tests.annotations);
                notAnnotated = tests.notAnnotated;
            }
            const title = (0,commit_status/* clip */.$Q)(this.logger.redact(report.headline), check_run_MAX_TITLE);
            const summary = fitSummary(report.summaryMarkdown, notAnnotated > 0
                ? `\n\n_${notAnnotated} more failed test${notAnnotated === 1 ? ' is' : 's are'} not annotated; see the job summary._\n`
                : '');
            const batches = chunks(annotations, MAX_ANNOTATIONS_PER_REQUEST);
            const completion = {
                status: 'completed',
                conclusion,
                completed_at: this.timestamp(),
                ...this.links(report.url),
            };
            const completed = await this.complete(completion, {
                title,
                summary,
                annotations: batches[0] ?? [],
            });
            if (!completed)
                return;
            for (const batch of batches.slice(1)) {
                // Each update appends its annotations to those already on the check run.
                const added = await this.send('PATCH', 'add annotations to the check run', {
                    output: { title, summary, annotations: batch },
                });
                if (!added.ok)
                    return;
            }
        });
    }
    /**
     * Completes the check run (creating it completed when start did not create it). Should GitHub
     * refuse the output, the conclusion still goes through without it: a run never stays in progress.
     */
    async complete(completion, output) {
        const firstTry = await this.send(this.id === undefined ? 'POST' : 'PATCH', 'complete the check run', this.id === undefined
            ? { ...this.identity(), started_at: this.startedAt, ...completion, output }
            : { ...completion, output });
        if (firstTry.ok) {
            this.id ??= firstTry.id;
            return true;
        }
        if (firstTry.status !== 422 || this.id === undefined)
            return false;
        const bare = await this.send('PATCH', 'complete the check run', {
            ...completion,
            output: { title: output.title, summary: 'See the workflow run for the details.' },
        });
        return bare.ok;
    }
    identity() {
        return {
            name: this.name,
            head_sha: this.commit.sha,
            ...(this.options.externalId ? { external_id: this.options.externalId } : {}),
        };
    }
    links(url) {
        return url ? { details_url: url } : {};
    }
    timestamp() {
        return new Date(this.options.clock.now()).toISOString();
    }
    enqueue(step) {
        this.queue = this.queue.then(step);
        return this.queue;
    }
    /** One request; when it did not go through, a warning and GitHub's answer, if any. Never throws. */
    async send(method, what, body) {
        if (this.refused)
            return { ok: false, status: undefined };
        const { owner, repo, sha } = this.commit;
        const route = method === 'POST'
            ? `POST /repos/${owner}/${repo}/check-runs`
            : `PATCH /repos/${owner}/${repo}/check-runs/${this.id ?? '?'}`;
        try {
            const response = await this.octokit.request(method === 'POST'
                ? 'POST /repos/{owner}/{repo}/check-runs'
                : 'PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}', {
                owner,
                repo,
                ...(method === 'PATCH' ? { check_run_id: this.id } : {}),
                ...body,
                // A fresh request object per call: the retry plugin keeps its back-off count there.
                request: { retryCount: 0, signal: AbortSignal.timeout(octokit.REQUEST_TIMEOUT_MS) },
            });
            return { ok: true, id: response.data.id };
        }
        catch (error) {
            const answer = error?.response;
            if (!answer) {
                this.logger.warn(`Could not reach GitHub at ${this.apiUrl} to ${what} (${route}: ${(0,network_errors/* noAnswerReason */.G)(error) ?? (0,errors/* errorMessage */.gJ)(error)}). Check the network and GITHUB_API_URL. The build itself is unaffected.`);
                return { ok: false, status: undefined };
            }
            const code = (0,errors/* httpStatus */.nG)(error);
            if (code === 403 || code === 404) {
                // Further requests would be refused the same way: one warning is enough.
                this.refused = true;
                this.logger.warn(`GitHub refused the check run for ${owner}/${repo}@${sha.slice(0, 7)} (HTTP ${code}): the token needs "checks: write" (add "permissions: checks: write" to the job; on pull requests from forks GITHUB_TOKEN is read-only). Check runs can only be created with a GitHub App token, such as GITHUB_TOKEN; a personal access token cannot create them. The build itself is unaffected.`);
                return { ok: false, status: code };
            }
            this.logger.warn(`GitHub did not ${what} (${route}: HTTP ${code ?? '?'}: ${(0,errors/* errorMessage */.gJ)(error)}). The build itself is unaffected.`);
            return { ok: false, status: code };
        }
    }
}
function chunks(items, size) {
    const out = [];
    for (let index = 0; index < items.length; index += size)
        out.push(items.slice(index, index + size));
    return out;
}
//# sourceMappingURL=check-run.js.map

/***/ }),

/***/ 987:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   REQUEST_TIMEOUT_MS: () => (/* binding */ REQUEST_TIMEOUT_MS),
/* harmony export */   createGitHubClient: () => (/* binding */ createGitHubClient),
/* harmony export */   gitHubApiUrl: () => (/* binding */ gitHubApiUrl)
/* harmony export */ });
/* harmony import */ var _octokit_core__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4730);
/* harmony import */ var bottleneck_light_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3251);
/* harmony import */ var _octokit_plugin_retry__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9735);
/* harmony import */ var _octokit_plugin_throttling__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6856);
/* harmony import */ var _version_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8508);
/**
 * Octokit with the retry (5xx) and throttling (rate limits) plugins, the ecosystem's way to ride
 * out GitHub's bad minutes, on Node's own fetch. The API URL comes from GITHUB_API_URL (GHES,
 * tests); each request gives up after REQUEST_TIMEOUT_MS, so a hanging host never stalls a run.
 */





const GitHubOctokit = _octokit_core__WEBPACK_IMPORTED_MODULE_1__/* .Octokit */ .E.plugin(_octokit_plugin_retry__WEBPACK_IMPORTED_MODULE_2__/* .retry */ .L, _octokit_plugin_throttling__WEBPACK_IMPORTED_MODULE_3__/* .throttling */ .A);
const REQUEST_TIMEOUT_MS = 10_000;
/**
 * GitHub asks for a second between writes, and the throttling plugin keeps to it. After a cancel
 * the runner sends SIGTERM 7.5 s after SIGINT: a batch's final statuses (one per member) must
 * all be out by then, so from the cancel on, writes are WRITE_SPACING_ON_CANCEL_MS apart.
 */
const WRITE_SPACING_MS = 1_000;
const WRITE_SPACING_ON_CANCEL_MS = 150;
const THROTTLE_ID = 'buildbridge';
let writes;
function writeLimiter() {
    if (writes)
        return writes;
    const group = new bottleneck_light_js__WEBPACK_IMPORTED_MODULE_0__.Group({
        id: 'buildbridge-write',
        maxConcurrent: 1,
        minTime: WRITE_SPACING_MS,
        timeout: 120_000,
    });
    const hurry = () => {
        void group.key(THROTTLE_ID).updateSettings({ minTime: WRITE_SPACING_ON_CANCEL_MS });
    };
    process.once('SIGINT', hurry);
    process.once('SIGTERM', hurry);
    writes = group;
    return group;
}
function gitHubApiUrl(env) {
    return (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, '');
}
function createGitHubClient(token, env, logger) {
    return new GitHubOctokit({
        auth: token,
        baseUrl: gitHubApiUrl(env),
        userAgent: `buildbridge/${_version_js__WEBPACK_IMPORTED_MODULE_4__/* .VERSION */ .x}`,
        retry: { retries: 2, retryAfterBaseValue: 500 },
        throttle: {
            id: THROTTLE_ID,
            write: writeLimiter(),
            onRateLimit: retryWithin('rate limit', logger),
            onSecondaryRateLimit: retryWithin('secondary rate limit', logger),
        },
    });
}
/**
 * Waits out a rate limit twice at most, and only when GitHub asks for 30 s or less: a status is
 * worth a short wait, not a stalled run.
 */
function retryWithin(kind, logger) {
    return (retryAfter, options, _octokit, retryCount) => {
        logger.warn(`GitHub ${kind} hit for ${options.method} ${options.url}; retrying in ${retryAfter}s.`);
        return retryCount < 2 && retryAfter <= 30;
    };
}
//# sourceMappingURL=octokit.js.map

/***/ })

};

//# sourceMappingURL=572.index.js.map