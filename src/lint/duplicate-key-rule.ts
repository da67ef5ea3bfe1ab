/** Duplicate keys in one mapping: YAML parsers keep one value and lose the other, or reject the file. */
import { isScalar, visit, type Pair } from 'yaml';
import type { Rule } from './rule.js';
import { positionAt, type YamlSource } from './yaml-source.js';

export const duplicateKeyRule: Rule<YamlSource> = {
  id: 'yaml/duplicate-key',
  severity: 'error',
  summary: 'The same key appears twice in one mapping, so one of the two values is lost.',
  check(source, report) {
    visit(source.document, {
      Map(_, map) {
        const seen = new Map<string, Pair>();
        for (const pair of map.items) {
          if (!isScalar(pair.key) || pair.key.value === '<<') continue;
          const name = String(pair.key.value);
          const first = seen.get(name);
          if (!first) {
            seen.set(name, pair);
            continue;
          }
          const firstLine =
            isScalar(first.key) && first.key.range
              ? positionAt(source, first.key.range[0]).line
              : undefined;
          report(
            pair.key,
            `Key "${name}" appears twice in this mapping (first on line ${firstLine ?? '?'}): only one of the two values survives parsing (or the file is rejected), so the other's content is silently lost. Merge them into one "${name}".`,
          );
        }
      },
    });
  },
};
