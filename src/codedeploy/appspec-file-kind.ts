/**
 * CodeDeploy AppSpec files as a lint file kind: recognised by name (appspec.yml, appspec.yaml,
 * appspec.json) or by content (see lint/appspec-detection.ts), checked by the AppSpec rules for
 * the platform the file is written for. Hook scripts are looked up through a RevisionFiles port,
 * so the front end that assembles the kinds says where linted paths are relative to.
 */
import type { FileKind } from '../lint/file-kind.js';
import { otherToolReason } from '../lint/other-tool.js';
import { mayMatchAppspecText, matchesAppspecDocument } from './lint/appspec-detection.js';
import { appspecRules } from './lint/appspec-rules.js';
import { appspecView } from './lint/appspec-view.js';
import { nodeRevisionFiles, type RevisionFiles } from './lint/revision-files.js';

const APPSPEC_NAME = /^appspec\.(ya?ml|json)$/i;

export interface AppspecKindOptions {
  /** Where hook scripts are looked up; without it, script files are not checked. */
  readonly revisionFiles?: RevisionFiles;
}

export function createAppspecFileKind(options: AppspecKindOptions = {}): FileKind {
  return {
    name: 'appspec',
    title: 'CodeDeploy appspec',
    rejection: 'CodeDeploy rejects the appspec and the deployment fails',
    matchesName: (fileName) => APPSPEC_NAME.test(fileName),
    mayMatchText: mayMatchAppspecText,
    matchesDocument: matchesAppspecDocument,
    mismatch: (source) =>
      otherToolReason(source, ['version', 'os', 'files', 'permissions', 'hooks', 'Resources']),
    rules: appspecRules,
    lint: (source, findings) =>
      findings.run(appspecRules, appspecView(source, options.revisionFiles)),
  };
}

/** The kind the front ends use: scripts looked up from the working directory of the process. */
export const appspecFileKind: FileKind = createAppspecFileKind({
  revisionFiles: nodeRevisionFiles(process.cwd()),
});
