/** Every file kind the linter knows, in the order they are tried. */
import { appspecFileKind } from './appspec-file-kind.js';
import type { FileKind } from './file-kind.js';
import { buildspecFileKind } from '../buildspec/lint/buildspec-file-kind.js';

export const fileKinds: readonly FileKind[] = [buildspecFileKind, appspecFileKind];
