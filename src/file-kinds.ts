/**
 * Every file kind the linter knows, in the order they are tried, assembled here for the front
 * ends (the lint Action and the CLI): the lint engine knows no kind of its own.
 */
import { buildspecFileKind } from './buildspec/lint/buildspec-file-kind.js';
import { appspecFileKind } from './codedeploy/appspec-file-kind.js';
import type { FileKind } from './lint/file-kind.js';

export const fileKinds: readonly FileKind[] = [buildspecFileKind, appspecFileKind];
