/**
 * Hooks: which lifecycle events a platform runs hooks for, and what a hook entry holds. On
 * EC2/on-premises `hooks` maps an event to a list of scripts (`location`, `timeout`, `runas`);
 * on ECS and Lambda `Hooks` is a list of `- Event: function` entries naming Lambda functions.
 */
import { isMap, isScalar, isSeq, type Scalar } from 'yaml';
import type { ReportFn, Rule } from '../../lint/rule.js';
import { closestName } from '../../util/closest-name.js';
import {
  EC2_HOOK_EVENTS,
  ECS_HOOK_EVENTS,
  hookEvents,
  LAMBDA_HOOK_EVENTS,
  MAX_EVENT_SECONDS,
  reservedEvents,
} from './appspec-events.js';
import {
  describe,
  entries,
  entry,
  plainText,
  scalarString,
  valueOrKey,
  type AppspecPlatform,
  type AppspecView,
  type MappingEntry,
} from './appspec-view.js';

type KnownPlatform = Exclude<AppspecPlatform, 'unknown'>;

const PLATFORM_TITLES: Readonly<Record<KnownPlatform, string>> = {
  ec2: 'EC2/on-premises',
  ecs: 'ECS',
  lambda: 'Lambda',
};

/** AWS's pattern for a function name, partial ARN or ARN, with an optional version or alias. */
const FUNCTION_NAME =
  /^(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\d:)?(\d{12}:)?(function:)?([a-zA-Z0-9-_.]+)(:(\$LATEST|[a-zA-Z0-9-_]+))?$/;
const PLACEHOLDER = /\{\{|<[A-Z][A-Z0-9_]*>/;
const USER_NAME = /^[a-z_][a-z0-9_.-]*\$?$/i;

/** One hook as written: its event and, on ECS/Lambda, the function named. */
export interface HookEntry {
  readonly event: MappingEntry;
  readonly platform: KnownPlatform;
}

/** The hook events of the file, in source order, for the platform it is written for. */
export function hookEntries(view: AppspecView): HookEntry[] {
  if (view.platform === 'unknown') return [];
  const platform = view.platform;
  if (platform === 'ec2')
    return entries(entry(view.root, 'hooks')?.value).map((event) => ({ event, platform }));
  const hooks = entry(view.root, 'Hooks')?.value;
  if (!isSeq(hooks)) return [];
  return hooks.items.flatMap((item) => entries(item).map((event) => ({ event, platform })));
}

export const hooksRule: Rule<AppspecView> = {
  id: 'appspec/hooks',
  severity: 'error',
  summary:
    'A hooks section of the wrong shape: EC2 `hooks` not a mapping of events to lists of scripts, ECS/Lambda `Hooks` not a list of `- Event: function` entries.',
  check(view, report) {
    if (view.platform === 'ec2') {
      const hooks = entry(view.root, 'hooks');
      if (!hooks || hooks.value === null || hooks.value === undefined) return;
      if (!isMap(hooks.value)) {
        report(
          valueOrKey(hooks),
          `hooks is ${describe(hooks.value)}: CodeDeploy expects a mapping of lifecycle events to lists of scripts ("ApplicationStart:" then "- location: scripts/start.sh").`,
        );
        return;
      }
      for (const event of entries(hooks.value)) {
        if (isSeq(event.value) || event.value === null) continue;
        report(
          valueOrKey(event),
          `hooks.${event.name} is ${describe(event.value)}: CodeDeploy expects a list of scripts. Write "- location: ..." under ${event.name}.`,
        );
      }
      return;
    }
    if (view.platform !== 'ecs' && view.platform !== 'lambda') return;
    const hooks = entry(view.root, 'Hooks');
    if (!hooks || hooks.value === null || hooks.value === undefined) return;
    if (!isSeq(hooks.value)) {
      report(
        valueOrKey(hooks),
        `Hooks is ${describe(hooks.value)}: CodeDeploy expects a list of "- Event: FunctionName" entries.`,
      );
      return;
    }
    hooks.value.items.forEach((item, index) => {
      if (isMap(item) && item.items.length === 1) return;
      report(
        item as Scalar,
        `Hooks[${index}] is ${describe(item)}${isMap(item) ? ` with ${item.items.length} keys` : ''}: each entry is one "- Event: FunctionName" mapping.`,
      );
    });
  },
};

export const hookNameRule: Rule<AppspecView> = {
  id: 'appspec/hook-name',
  severity: 'error',
  summary:
    'A hook for an event the platform does not run hooks for: misspelt or wrong case (with "did you mean"), another platform\'s event, or a reserved event (DownloadBundle, Install, BlockTraffic, AllowTraffic, ...).',
  check(view, report) {
    for (const { event, platform } of hookEntries(view)) {
      const known = hookEvents(platform);
      if (known.includes(event.name)) continue;
      const title = PLATFORM_TITLES[platform];
      const list = known.join(', ');
      if (reservedEvents(platform).includes(event.name)) {
        report(
          event.key,
          `${event.name} is run by CodeDeploy itself: no hooks run there on ${title}, and CodeDeploy rejects the appspec. Hooks run at ${list}.`,
        );
        continue;
      }
      const suggestion = closestName(event.name, known);
      const elsewhere = otherPlatforms(platform, event.name);
      const hint = suggestion
        ? ` Did you mean ${suggestion}? (event names are case-sensitive)`
        : elsewhere
          ? ` ${event.name} is an event of ${elsewhere} deployments.`
          : '';
      report(
        event.key,
        `${event.name} is not a lifecycle event of ${title} deployments, so this hook would never run.${hint} Hooks run at ${list}.`,
      );
    }
  },
};

function otherPlatforms(platform: KnownPlatform, name: string): string | undefined {
  const lists: [KnownPlatform, readonly string[]][] = [
    ['ec2', EC2_HOOK_EVENTS],
    ['ecs', ECS_HOOK_EVENTS],
    ['lambda', LAMBDA_HOOK_EVENTS],
  ];
  const found = lists
    .filter(([other, events]) => other !== platform && events.includes(name))
    .map(([other]) => PLATFORM_TITLES[other]);
  return found.length > 0 ? found.join(' and ') : undefined;
}

/** Each EC2 script entry of a valid event, with its position in the list. */
export function ec2Scripts(
  view: AppspecView,
): { event: MappingEntry; index: number; script: unknown }[] {
  if (view.platform !== 'ec2') return [];
  return hookEntries(view).flatMap(({ event }) =>
    isSeq(event.value) ? event.value.items.map((script, index) => ({ event, index, script })) : [],
  );
}

export const hookLocationRule: Rule<AppspecView> = {
  id: 'appspec/hook-location',
  severity: 'error',
  summary: 'An EC2/on-premises hook script entry that is not a mapping or has no location.',
  check(view, report) {
    for (const { event, index, script } of ec2Scripts(view)) {
      const where = `hooks.${event.name}[${index}]`;
      if (!isMap(script)) {
        const text = scalarString(script);
        report(
          (script as Scalar | null) ?? event.key,
          `${where} is ${describe(script)}: each script is a mapping. Write "- location: ${text ?? 'scripts/run.sh'}" (with timeout and runas as needed).`,
        );
        continue;
      }
      const location = entry(script, 'location');
      if (location && scalarString(location.value)) continue;
      report(
        location ? valueOrKey(location) : script,
        `${where} has no "location": CodeDeploy needs the script's path in the revision, such as "location: scripts/start_server.sh".`,
      );
    }
  },
};

export const hookTimeoutRule: Rule<AppspecView> = {
  id: 'appspec/hook-timeout',
  severity: 'error',
  summary: `A hook timeout that is not whole seconds > 0, or scripts of one event whose timeouts add up to more than ${MAX_EVENT_SECONDS} seconds.`,
  check(view, report) {
    const totals = new Map<MappingEntry, number>();
    for (const { event, index, script } of ec2Scripts(view)) {
      const timeout = entry(script, 'timeout');
      if (!timeout) continue;
      const where = `hooks.${event.name}[${index}].timeout`;
      const node = timeout.value as Scalar | null;
      const value = isScalar(node) ? node.value : undefined;
      if (typeof value === 'number' && Number.isInteger(value) && value > 0) {
        const written = plainText(view.source, node);
        if (written !== undefined && !/^\d+$/.test(written)) {
          report(
            node as Scalar,
            `${where} is ${written}, which YAML reads as ${String(value)} seconds: write the seconds as plain digits, "timeout: ${String(value)}".`,
            'warning',
          );
        }
        totals.set(event, (totals.get(event) ?? 0) + value);
        continue;
      }
      if (typeof value === 'string' && /^\d+$/.test(value) && Number(value) > 0) {
        report(
          node as Scalar,
          `${where} is the string "${value}": CodeDeploy documents a number of seconds. Remove the quotes: "timeout: ${value}".`,
          'warning',
        );
        totals.set(event, (totals.get(event) ?? 0) + Number(value));
        continue;
      }
      report(
        node ?? timeout.key,
        `${where} is ${describe(node)}: CodeDeploy expects whole seconds greater than 0 (at most ${MAX_EVENT_SECONDS}), such as "timeout: 300".`,
      );
    }
    for (const [event, total] of totals) {
      if (total <= MAX_EVENT_SECONDS) continue;
      report(
        event.key,
        `The scripts of hooks.${event.name} have timeouts adding up to ${total} seconds: CodeDeploy allows at most ${MAX_EVENT_SECONDS} seconds (one hour) per lifecycle event. Lower the timeouts or move work to another event.`,
      );
    }
  },
};

export const hookRunasRule: Rule<AppspecView> = {
  id: 'appspec/hook-runas',
  severity: 'error',
  summary:
    'A hook runas that is not a user name (error), or runas with os windows (warning: it works on Linux instances only).',
  check(view, report) {
    for (const { event, index, script } of ec2Scripts(view)) {
      const runas = entry(script, 'runas');
      if (!runas) continue;
      const where = `hooks.${event.name}[${index}].runas`;
      const user = scalarString(runas.value);
      if (view.os === 'windows') {
        report(
          runas.key,
          `${where} with "os: windows": runas works on Linux instances only; on Windows Server the scripts run as the agent's account. Remove it.`,
          'warning',
        );
        continue;
      }
      if (user !== undefined && USER_NAME.test(user)) continue;
      report(
        valueOrKey(runas),
        `${where} is ${describe(runas.value)}: runas takes the name of one user on the instance, such as "runas: ec2-user" or "runas: root".`,
      );
    }
  },
};

export const hookFunctionRule: Rule<AppspecView> = {
  id: 'appspec/hook-function',
  severity: 'error',
  summary:
    'An ECS/Lambda hook whose value is not a Lambda function name or ARN (error), or an ECS hook function not named CodeDeployHook_* (warning: the managed policy AWSCodeDeployRoleForECS only invokes those).',
  check(view, report) {
    for (const { event, platform } of hookEntries(view)) {
      if (platform === 'ec2') continue;
      checkHookFunction(event, platform, report);
    }
  },
};

function checkHookFunction(event: MappingEntry, platform: KnownPlatform, report: ReportFn): void {
  const name =
    isScalar(event.value) && typeof event.value.value === 'string' ? event.value.value : undefined;
  if (name === undefined || name.trim() === '') {
    report(
      valueOrKey(event),
      `Hooks ${event.name} is ${describe(event.value)}: on ${PLATFORM_TITLES[platform]} a hook names the Lambda function CodeDeploy invokes, such as "- ${event.name}: CodeDeployHook_${event.name}".`,
    );
    return;
  }
  if (PLACEHOLDER.test(name)) return;
  if (!FUNCTION_NAME.test(name)) {
    report(
      event.value as Scalar,
      `Hooks ${event.name} is "${name}", which is not a Lambda function name or ARN (letters, digits, - and _, or arn:aws:lambda:region:account:function:name).`,
    );
    return;
  }
  const functionName = name.split(':function:').pop()?.split(':')[0] ?? name;
  if (platform !== 'ecs' || functionName.startsWith('CodeDeployHook_')) return;
  report(
    event.value as Scalar,
    `Hooks ${event.name} invokes "${functionName}": the managed policy AWSCodeDeployRoleForECS only lets CodeDeploy invoke functions named CodeDeployHook_*. Rename it (CodeDeployHook_${functionName}) unless the deployment group's service role has its own lambda:InvokeFunction permission for it.`,
    'warning',
  );
}
