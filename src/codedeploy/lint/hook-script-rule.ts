/**
 * Hook scripts must be in the revision: CodeDeploy runs `location` relative to the bundle's
 * root, the folder of appspec.yml. Checked only when the appspec was found on disk. When the
 * root is not certain (a file with another name, copied into place by a build; a scripts folder
 * the build may create), a missing script is a warning that says so.
 */
import { basename, dirname, join, posix, sep } from 'node:path';
import type { Rule } from '../../lint/rule.js';
import { closestName } from '../../util/closest-name.js';
import { entry, scalarString, type AppspecView } from './appspec-view.js';
import { ec2Scripts } from './hook-rules.js';
import type { Scalar } from 'yaml';

export const hookScriptRule: Rule<AppspecView> = {
  id: 'appspec/hook-script',
  severity: 'error',
  summary:
    "A hook script not found in the revision, relative to the appspec's folder (a warning when the revision root is not certain), or not executable (warning).",
  check(view, report) {
    const revision = view.revision;
    if (!revision) return;
    for (const { event, index, script } of ec2Scripts(view)) {
      const location = entry(script, 'location');
      const path = scalarString(location?.value);
      if (!location || !path || /\{\{|<[A-Z]/.test(path)) continue;
      // The Windows agent takes backslashes (scripts\\Install.ps1, .\\scripts\\x.ps1) as separators.
      const portable = view.os === 'windows' ? path.replace(/\\/g, '/').replace(/^\.\//, '') : path;
      const relativePath = portable.replace(/^[/\\]+/, '');
      const absolute = join(revision.root, relativePath);
      const where = `hooks.${event.name}[${index}].location`;
      const info = revision.files.stat(absolute);
      if (info?.isFile) {
        if (view.os !== 'windows' && (info.mode & 0o111) === 0)
          report(
            location.value as Scalar,
            `${where} "${path}" is not executable (mode ${info.mode.toString(8)}): the agent makes it executable before running it and logs a warning. Run "chmod +x ${relativePath}" (and "git update-index --chmod=+x ${relativePath}" so the repository keeps it).`,
            'warning',
          );
        continue;
      }
      const folder = dirname(absolute);
      const folderExists = revision.files.stat(folder) !== undefined;
      const nearby = folderExists
        ? closestName(basename(absolute), revision.files.list(folder))
        : undefined;
      const shownRoot = posix.dirname(view.source.path);
      const hint = nearby
        ? ` Did you mean "${join(dirname(relativePath), nearby).split(sep).join('/')}"?`
        : '';
      const certain = revision.certain && folderExists;
      const context = !revision.certain
        ? ` This file is not named appspec.yml, so the revision root depends on how it is packaged; the check assumed its folder (${shownRoot}).`
        : !folderExists
          ? ` Its folder is not there either: fine only if the build creates it before the revision is bundled.`
          : '';
      report(
        location.value as Scalar,
        `${where} "${path}" is not in the revision (looked for ${relativePath} next to the appspec, in ${shownRoot}): the deployment fails at ${event.name} with "script does not exist".${hint}${context}`,
        certain ? 'error' : 'warning',
      );
    }
  },
};
