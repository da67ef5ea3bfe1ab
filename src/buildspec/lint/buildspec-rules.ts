/** Every buildspec rule, in the order they run; each lives in the module of its rule family. */
import type { Rule } from '../../lint/rule.js';
import { bashSyntaxRule } from './bash-syntax-rule.js';
import {
  batchCycleRule,
  batchDependOnRule,
  batchEnvVariablesRule,
  batchFastFailRule,
  batchIdentifierRule,
  batchMissingPhasesRule,
  batchMultipleKindsRule,
  batchUnknownKeyRule,
  batchWrongTypeRule,
} from './batch-rules.js';
import type { BuildspecView } from './buildspec-view.js';
import { cacheActionRule, cacheFallbackKeysRule } from './cache-rules.js';
import { commentInCommandRule } from './command-comment-rule.js';
import { colonSpaceRule, commandTypeRule, indicatorStartRule } from './command-shape-rules.js';
import { dockerLoginPasswordRule, ecrGetLoginRule } from './docker-ecr-rules.js';
import { envShellRule, plaintextSecretRule, reservedEnvNameRule } from './env-rules.js';
import { foldedBlockRule } from './folded-block-rule.js';
import { literalBlockRule } from './literal-block-rule.js';
import { outsideSourcePathRule, powershellEnvPathRule } from './path-rules.js';
import { emptyCommandsRule, finallyWithoutCommandsRule, onFailureRule } from './phase-rules.js';
import { reportFormatRule } from './report-format-rule.js';
import { runtimeVersionRule } from './runtime-version-rule.js';
import {
  misplacedKeyRule,
  missingKeyRule,
  runtimeVersionsPlacementRule,
  unknownKeyRule,
  unknownPhaseRule,
  wrongTypeRule,
} from './schema-rules.js';
import { interactiveShellRule, unclosedShellRule } from './shell-mistake-rules.js';
import { version01Rule, versionRule } from './version-rules.js';
import { yamlBooleanRule, yamlNumberRule } from './yaml-scalar-rules.js';

export const buildspecRules: readonly Rule<BuildspecView>[] = [
  versionRule,
  version01Rule,
  unknownKeyRule,
  unknownPhaseRule,
  misplacedKeyRule,
  runtimeVersionsPlacementRule,
  runtimeVersionRule,
  wrongTypeRule,
  missingKeyRule,
  batchMultipleKindsRule,
  batchWrongTypeRule,
  batchUnknownKeyRule,
  batchEnvVariablesRule,
  batchIdentifierRule,
  batchDependOnRule,
  batchCycleRule,
  batchMissingPhasesRule,
  batchFastFailRule,
  emptyCommandsRule,
  finallyWithoutCommandsRule,
  onFailureRule,
  colonSpaceRule,
  indicatorStartRule,
  commandTypeRule,
  commentInCommandRule,
  foldedBlockRule,
  yamlBooleanRule,
  yamlNumberRule,
  literalBlockRule,
  bashSyntaxRule,
  unclosedShellRule,
  interactiveShellRule,
  ecrGetLoginRule,
  dockerLoginPasswordRule,
  plaintextSecretRule,
  reservedEnvNameRule,
  envShellRule,
  reportFormatRule,
  outsideSourcePathRule,
  powershellEnvPathRule,
  cacheActionRule,
  cacheFallbackKeysRule,
];
