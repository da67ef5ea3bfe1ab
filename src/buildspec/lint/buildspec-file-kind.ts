/**
 * Buildspecs as a lint file kind: recognised by name (buildspec*.yml / .yaml) or by content (a
 * YAML mapping with top-level version and phases, or version and batch: a batch-only buildspec
 * needs no phases), checked by the buildspec rules.
 */
import { isMap } from 'yaml';
import type { FileKind } from '../../lint/file-kind.js';
import { otherToolReason } from '../../lint/other-tool.js';
import { buildspecRules } from './buildspec-rules.js';
import { buildspecView } from './buildspec-view.js';

const BUILDSPEC_NAME = /^buildspec[^/]*\.ya?ml$/i;
const TOP_LEVEL_VERSION = /^version\s*:/m;
const TOP_LEVEL_PHASES = /^(phases|batch)\s*:/m;

export const buildspecFileKind: FileKind = {
  name: 'buildspec',
  title: 'CodeBuild buildspec',
  rejection: 'CodeBuild rejects the buildspec (YAML_FILE_ERROR)',
  matchesName: (fileName) => BUILDSPEC_NAME.test(fileName),
  mayMatchText: (text) => TOP_LEVEL_VERSION.test(text) && TOP_LEVEL_PHASES.test(text),
  matchesDocument: (source) => {
    const root = source.document.contents;
    return isMap(root) && root.has('version') && (root.has('phases') || root.has('batch'));
  },
  mismatch: (source) => otherToolReason(source, ['version', 'phases', 'batch']),
  rules: buildspecRules,
  lint: (source, findings) => findings.run(buildspecRules, buildspecView(source)),
};
