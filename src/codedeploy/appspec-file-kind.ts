/**
 * CodeDeploy AppSpec files, recognised by name (appspec.yml, appspec.yaml, appspec.json). For
 * now they get the YAML rules every file gets (syntax, tabs, duplicate keys); the AppSpec rules
 * plug in here as `rules` and `lint` without any change to the engine.
 */
import type { FileKind } from '../lint/file-kind.js';

const APPSPEC_NAME = /^appspec\.(ya?ml|json)$/i;

export const appspecFileKind: FileKind = {
  name: 'appspec',
  matchesName: (fileName) => APPSPEC_NAME.test(fileName),
  mayMatchText: () => false,
  matchesDocument: () => false,
  rules: [],
  lint: () => {},
};
