export const id = 356;
export const ids = [356];
export const modules = {

/***/ 6975:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   annotationTarget: () => (/* binding */ annotationTarget),
/* harmony export */   checkRunAnnotations: () => (/* binding */ checkRunAnnotations),
/* harmony export */   workflowFile: () => (/* binding */ workflowFile)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var _codebuild_build_outcome_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9983);
/* harmony import */ var _buildspec_yaml_reader_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3451);
/* harmony import */ var _lint_yaml_source_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6677);
/* harmony import */ var _status_commit_status_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(3223);
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
            title: (0,_status_commit_status_js__WEBPACK_IMPORTED_MODULE_5__/* .clip */ .$Q)(redact(`${label ? `${label}: ` : ''}${phaseType} failed`), MAX_TITLE),
            message: (0,_status_commit_status_js__WEBPACK_IMPORTED_MODULE_5__/* .clip */ .$Q)(redact((0,_codebuild_build_outcome_js__WEBPACK_IMPORTED_MODULE_2__/* .failureReason */ .Hr)({ contexts: phase.contexts }) ??
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
    const { document, lineCounter } = (0,_lint_yaml_source_js__WEBPACK_IMPORTED_MODULE_4__/* .parseYamlSource */ .W)(fileName, text);
    if (document.errors.length > 0)
        return phases;
    const reader = new _buildspec_yaml_reader_js__WEBPACK_IMPORTED_MODULE_3__/* .YamlReader */ .nr(fileName, document, lineCounter, text);
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
        const buildspecText = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(workspace, buildspecPath), 'utf8').catch(() => undefined);
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
    const inside = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.relative)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(workspace), (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(workspace, value));
    if (inside === '' || inside.startsWith('..') || (0,node_path__WEBPACK_IMPORTED_MODULE_1__.isAbsolute)(inside))
        return undefined;
    return inside.split(node_path__WEBPACK_IMPORTED_MODULE_1__.sep).join('/');
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

//# sourceMappingURL=356.index.js.map