/**
 * What the CodeDeploy agent reads on EC2/on-premises instances besides the hooks: `os`, the
 * `files` to copy (absolute destinations), `file_exists_behavior`, and `permissions` (Linux
 * only). `mode` is read from the source text: the agent's YAML 1.1 parser takes an unquoted
 * `0644` as octal 420, which it then applies as mode 420, while YAML 1.2 tools show 644.
 */
import { isMap, isScalar, isSeq, Scalar } from 'yaml';
import type { ReportFn, Rule } from '../../lint/rule.js';
import { closestName } from '../../util/closest-name.js';
import {
  describe,
  entry,
  plainText,
  scalarString,
  sourceOf,
  startOf,
  valueOrKey,
  type AppspecView,
  type MappingEntry,
} from './appspec-view.js';

const OS_VALUES = ['linux', 'windows'];
const FILE_EXISTS_BEHAVIORS = ['DISALLOW', 'OVERWRITE', 'RETAIN'];
const PERMISSION_TYPES = ['file', 'directory'];
const WINDOWS_ABSOLUTE = /^[A-Za-z]:[\\/]/;

export const osRule: Rule<AppspecView> = {
  id: 'appspec/os',
  severity: 'error',
  summary: 'os missing from an EC2/on-premises appspec, or not linux / windows.',
  check(view, report) {
    if (view.platform !== 'ec2') return;
    const os = entry(view.root, 'os');
    if (!os) {
      report(
        startOf(view),
        'No "os" key: an EC2/on-premises appspec must say the instances\' operating system. Add "os: linux" or "os: windows".',
      );
      return;
    }
    const value = scalarString(os.value);
    if (value !== undefined && OS_VALUES.includes(value)) return;
    const hint =
      value && OS_VALUES.includes(value.toLowerCase())
        ? ` Write it in lower case: "os: ${value.toLowerCase()}".`
        : ' Use "os: linux" (Amazon Linux, Ubuntu, RHEL) or "os: windows" (Windows Server).';
    report(
      valueOrKey(os),
      `os is ${describe(os.value)}: CodeDeploy accepts linux or windows.${hint}`,
    );
  },
};

export const filesRule: Rule<AppspecView> = {
  id: 'appspec/files',
  severity: 'error',
  summary:
    'files not a list, an entry without source or destination, or a destination that is not an absolute path (a drive letter path on Windows).',
  check(view, report) {
    if (view.platform !== 'ec2') return;
    const files = entry(view.root, 'files');
    if (!files || files.value === null || files.value === undefined) return;
    if (!isSeq(files.value)) {
      report(
        valueOrKey(files),
        `files is ${describe(files.value)}: CodeDeploy expects a list of "- source: ... destination: ..." entries.`,
      );
      return;
    }
    files.value.items.forEach((item, index) => {
      const where = `files[${index}]`;
      if (!isMap(item)) {
        report(
          item as Scalar,
          `${where} is ${describe(item)}: each entry is a mapping with "source" (in the revision) and "destination" (on the instance).`,
        );
        return;
      }
      for (const key of ['source', 'destination']) {
        const found = entry(item, key);
        if (!found || scalarString(found.value) === undefined || scalarString(found.value) === '')
          report(
            found ? valueOrKey(found) : item,
            `${where} has no "${key}": CodeDeploy needs both "source" (a path in the revision, "/" for all of it) and "destination" (an absolute path on the instance).`,
          );
      }
      const destination = entry(item, 'destination');
      const path = scalarString(destination?.value);
      if (!destination || !path) return;
      const windows = view.os === 'windows';
      const absolute = windows ? WINDOWS_ABSOLUTE.test(path) : path.startsWith('/');
      if (absolute) return;
      report(
        destination.value as Scalar,
        windows
          ? `${where}.destination "${path}" is not an absolute Windows path: CodeDeploy copies to a path with a drive letter, such as "C:\\inetpub\\wwwroot".`
          : `${where}.destination "${path}" is not an absolute path: CodeDeploy copies to an absolute path on the instance, such as "/var/www/html".`,
      );
    });
  },
};

export const fileExistsBehaviorRule: Rule<AppspecView> = {
  id: 'appspec/file-exists-behavior',
  severity: 'error',
  summary: 'file_exists_behavior not DISALLOW, OVERWRITE or RETAIN (lower case is a warning).',
  check(view, report) {
    const behavior = entry(view.root, 'file_exists_behavior');
    if (!behavior) return;
    const value = scalarString(behavior.value);
    if (value !== undefined && FILE_EXISTS_BEHAVIORS.includes(value)) return;
    if (value !== undefined && FILE_EXISTS_BEHAVIORS.includes(value.toUpperCase())) {
      report(
        behavior.value as Scalar,
        `file_exists_behavior is "${value}": CodeDeploy documents the upper-case values. Write "file_exists_behavior: ${value.toUpperCase()}".`,
        'warning',
      );
      return;
    }
    report(
      valueOrKey(behavior),
      `file_exists_behavior is ${describe(behavior.value)}: CodeDeploy accepts DISALLOW (the default: fail), OVERWRITE or RETAIN.`,
    );
  },
};

export const permissionsRule: Rule<AppspecView> = {
  id: 'appspec/permissions',
  severity: 'error',
  summary:
    'permissions with os windows, not a list, an entry without object, on "/", or a type other than file / directory.',
  check(view, report) {
    const permissions = entry(view.root, 'permissions');
    if (!permissions || permissions.value === null || permissions.value === undefined) return;
    if (view.os === 'windows') {
      report(
        permissions.key,
        'permissions with "os: windows": CodeDeploy applies permissions on Linux instances only. Remove the section, or set the rights in a hook script (icacls).',
      );
      return;
    }
    if (!isSeq(permissions.value)) {
      report(
        valueOrKey(permissions),
        `permissions is ${describe(permissions.value)}: CodeDeploy expects a list of "- object: ..." entries.`,
      );
      return;
    }
    permissions.value.items.forEach((item, index) =>
      checkPermission(item, `permissions[${index}]`, report),
    );
  },
};

function checkPermission(item: unknown, where: string, report: ReportFn): void {
  if (!isMap(item)) {
    report(
      item as Scalar,
      `${where} is ${describe(item)}: each entry is a mapping with at least "object" (a path on the instance).`,
    );
    return;
  }
  const object = entry(item, 'object');
  const path = scalarString(object?.value);
  if (!object || !path) {
    report(
      object ? valueOrKey(object) : item,
      `${where} has no "object": name the file or directory on the instance the permissions apply to.`,
    );
  } else if (path.replace(/\/+$/, '') === '') {
    report(
      object.value as Scalar,
      `${where}.object is "/": CodeDeploy does not change permissions of the root directory. Name the folder the files were copied to.`,
    );
  }
  const type = entry(item, 'type');
  if (!type) return;
  checkPermissionType(type, where, report);
}

function checkPermissionType(type: MappingEntry, where: string, report: ReportFn): void {
  const values = isSeq(type.value) ? type.value.items : [type.value];
  if (!isSeq(type.value) && isScalar(type.value)) {
    report(
      type.value,
      `${where}.type is a single value: CodeDeploy documents a list. Write "type: [${scalarString(type.value) ?? 'file'}]".`,
      'warning',
    );
  }
  for (const value of values) {
    const text = scalarString(value);
    if (text !== undefined && PERMISSION_TYPES.includes(text)) continue;
    const suggestion = text !== undefined ? closestName(text, PERMISSION_TYPES) : undefined;
    report(
      (value as Scalar | null) ?? type.key,
      `${where}.type has ${describe(value)}: CodeDeploy accepts file and directory.${suggestion ? ` Did you mean "${suggestion}"?` : ''}`,
    );
  }
}

export const permissionModeRule: Rule<AppspecView> = {
  id: 'appspec/permission-mode',
  severity: 'error',
  summary:
    'A permissions mode that is not 3-4 octal digits, or an unquoted 0644 that the agent reads as YAML 1.1 octal (420).',
  check(view, report) {
    const permissions = entry(view.root, 'permissions')?.value;
    if (!isSeq(permissions) || view.os === 'windows') return;
    permissions.items.forEach((item, index) => {
      const mode = entry(item, 'mode');
      if (!mode) return;
      const where = `permissions[${index}].mode`;
      const written = plainText(view.source, mode.value);
      const node = mode.value as Scalar | null;
      if (written !== undefined && /^0[0-7]+$/.test(written) && typeof node?.value === 'number') {
        const digits = written.replace(/^0+(?=\d{3})/, '');
        report(
          node,
          `${where} is ${written} unquoted: the CodeDeploy agent's YAML 1.1 parser reads a leading 0 as octal, the number ${String(node.value)}, and applies mode ${String(node.value)} instead of ${digits}. Write "mode: ${digits}" or quote it: "mode: '${written}'".`,
        );
        return;
      }
      const text = scalarString(mode.value);
      const shown = isScalar(mode.value) ? (sourceOf(view.source, mode.value)?.trim() ?? '') : '';
      if (text !== undefined && /^[0-7]{3,4}$/.test(text)) return;
      report(
        node ?? mode.key,
        `${where} is ${shown || describe(mode.value)}: CodeDeploy expects 3 or 4 octal digits (0-7), such as 644 or 755.`,
      );
    });
  },
};
