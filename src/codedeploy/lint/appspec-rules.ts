/** Every AppSpec rule, in the order they run; each lives in the module of its rule family. */
import type { Rule } from '../../lint/rule.js';
import type { AppspecView } from './appspec-view.js';
import {
  fileExistsBehaviorRule,
  filesRule,
  osRule,
  permissionModeRule,
  permissionsRule,
} from './ec2-rules.js';
import {
  hookFunctionRule,
  hookLocationRule,
  hookNameRule,
  hookRunasRule,
  hooksRule,
  hookTimeoutRule,
} from './hook-rules.js';
import { hookScriptRule } from './hook-script-rule.js';
import { placeholderRule, platformRule, unknownKeyRule } from './key-rules.js';
import { ecsPropertiesRule, lambdaPropertiesRule, resourcesRule } from './resource-rules.js';
import { versionRule } from './version-rule.js';

export const appspecRules: readonly Rule<AppspecView>[] = [
  versionRule,
  platformRule,
  unknownKeyRule,
  osRule,
  filesRule,
  fileExistsBehaviorRule,
  permissionsRule,
  permissionModeRule,
  hooksRule,
  hookNameRule,
  hookLocationRule,
  hookTimeoutRule,
  hookRunasRule,
  hookScriptRule,
  resourcesRule,
  ecsPropertiesRule,
  lambdaPropertiesRule,
  hookFunctionRule,
  placeholderRule,
];
