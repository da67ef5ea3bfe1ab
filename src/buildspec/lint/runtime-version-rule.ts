/**
 * `phases.install.runtime-versions` against the runtimes CodeBuild's standard images carry
 * (codebuild-runtimes.ts). Which image a project uses is not in the buildspec, so a version
 * is reported only when no image has it: a warning that names the versions the images do
 * have, and which images would install it at build time instead of failing INSTALL.
 */
import { isMap, isScalar } from 'yaml';
import type { Rule } from '../../lint/rule.js';
import { closestName } from '../../util/closest-name.js';
import type { BuildspecView } from './buildspec-view.js';
import { CODEBUILD_IMAGES } from './codebuild-runtimes.js';

/** `20.x` matches any 20; `corretto17.x` matches corretto17; `3.x` any 3.*. */
function matches(wanted: string, available: string): boolean {
  if (wanted === available) return true;
  const family = /^(.*?)(\d+)\.x$/.exec(wanted);
  if (!family) return false;
  const [, prefix = '', major = ''] = family;
  return available === `${prefix}${major}` || available.startsWith(`${prefix}${major}.`);
}

function versionsOf(runtime: string): string[] {
  const all = CODEBUILD_IMAGES.flatMap((image) => image.runtimes[runtime] ?? []);
  return [...new Set(all)].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

export const runtimeVersionRule: Rule<BuildspecView> = {
  id: 'buildspec/runtime-version',
  severity: 'warning',
  summary:
    'A runtime-versions entry that no CodeBuild standard image carries: a retired or mistyped version or runtime name.',
  check(view, report) {
    const install = view.phases.find((phase) => phase.name === 'install')?.map;
    const runtimes = install?.get('runtime-versions', true);
    if (!isMap(runtimes)) return;
    const names = [...new Set(CODEBUILD_IMAGES.flatMap((image) => Object.keys(image.runtimes)))];
    for (const pair of runtimes.items) {
      if (!isScalar(pair.key) || !isScalar(pair.value)) continue;
      const runtime = String(pair.key.value);
      // As written, not as parsed: python: 3.10 is the number 3.1 to YAML.
      const range = pair.value.range;
      const written = range ? view.source.text.slice(range[0], range[1]) : String(pair.value.value);
      const version = written.trim().replace(/^(['"])(.*)\1$/, '$2');
      // A variable is resolved at build time; latest is always there.
      if (version.includes('$') || version === 'latest') continue;
      const known = versionsOf(runtime);
      if (known.length === 0) {
        const suggestion = closestName(runtime, names);
        report(
          pair.key,
          `phases.install.runtime-versions: CodeBuild's standard images have no runtime "${runtime}"${suggestion ? ` (did you mean ${suggestion}?)` : ''}: the INSTALL phase fails. Runtimes there: ${names.join(', ')}.`,
        );
        continue;
      }
      const carried = CODEBUILD_IMAGES.filter((image) =>
        (image.runtimes[runtime] ?? []).some((available) => matches(version, available)),
      );
      if (carried.length > 0) continue;
      const installers = CODEBUILD_IMAGES.filter((image) => image.installsOthers).map((image) =>
        image.name.replace('aws/codebuild/', ''),
      );
      report(
        pair.value,
        `phases.install.runtime-versions.${runtime} is ${version}, which no CodeBuild standard image carries (${runtime} there: ${known.join(', ')}). ${installers.join(', ')} install it at build time (slower, needs the network); other images fail the INSTALL phase. Use a version the project's image has.`,
      );
    }
  },
};
