/**
 * CodeDeploy AppSpec files, recognised by name (appspec.yml, appspec.yaml, appspec.json). For
 * now they get the YAML rules every file gets (syntax, tabs, duplicate keys); the AppSpec rules
 * plug in here as `rules` and `lint` without any change to the engine.
 */
import type { FileKind } from '../lint/file-kind.js';
import { otherToolReason } from '../lint/other-tool.js';

const APPSPEC_NAME = /^appspec\.(ya?ml|json)$/i;

export const appspecFileKind: FileKind = {
  name: 'appspec',
  title: 'CodeDeploy appspec',
  rejection: 'CodeDeploy rejects the appspec and the deployment fails',
  matchesName: (fileName) => APPSPEC_NAME.test(fileName),
  mayMatchText: () => false,
  matchesDocument: () => false,
  mismatch: (source) =>
    otherToolReason(source, ['version', 'os', 'files', 'permissions', 'hooks', 'Resources']),
  rules: [],
  lint: () => {},
};
