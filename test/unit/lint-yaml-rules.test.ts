import { findings, positions } from './lint-test-helpers.js';

describe('YAML every file must get right', () => {
  it('reports tabs used for indentation, one finding per line, and nothing else', () => {
    const text = 'version: 0.2\nphases:\n\tbuild:\n    commands:\n      - make\n';
    expect(positions(findings('yaml/tab-indent', text))).toEqual([[3, 1]]);
    expect(findings('yaml/syntax', text)).toEqual([]);
    expect(findings('buildspec/unknown-key', text)).toEqual([]);
  });

  it('does not report a tab inside a command or a block', () => {
    const text =
      'version: 0.2\nphases:\n  build:\n    commands:\n      - |\n        cat <<EOF\n        \tindented\n        EOF\n      - "printf \'a\\tb\'"\n';
    expect(findings('yaml/tab-indent', text)).toEqual([]);
  });

  it('explains a command starting with a character YAML reserves, and still runs the other rules', () => {
    const text =
      'version: 0.2\nphases:\n  build:\n    commands:\n      - `date` > stamp\n      - echo a: b\n';
    const found = findings('yaml/syntax', text);
    expect(positions(found)).toEqual([[5, 9]]);
    expect(found[0]?.message).toContain("Quote the whole value: '`date` > stamp'");
    expect(findings('buildspec/yaml-colon-space', text)).toHaveLength(1);
  });

  it('explains "|" followed by a command on the same line', () => {
    const found = findings(
      'yaml/syntax',
      'version: 0.2\nphases:\n  build:\n    commands:\n      - | grep x file\n',
    );
    expect(found[0]?.message).toContain('starts a literal block');
    expect(found[0]?.message).toContain("'| grep x file'");
  });

  it('reports the first fatal error only and skips the buildspec rules', () => {
    const text =
      'version: 0.2\nphases:\n  build:\n    commands:\n      - "unclosed\n  bogus-key: 1\n';
    const all = findings('yaml/syntax', text);
    expect(all).toHaveLength(1);
    expect(all[0]?.message).toContain('Later checks are skipped until this parses.');
  });

  it('reports a duplicate key at its second occurrence, naming the first line', () => {
    const found = findings(
      'yaml/duplicate-key',
      'version: 0.2\nphases:\n  build:\n    commands: [a]\n  build:\n    commands: [b]\n',
    );
    expect(positions(found)).toEqual([[5, 3]]);
    expect(found[0]?.message).toContain('(first on line 3)');
  });

  it('does not report the same key in different mappings', () => {
    expect(
      findings(
        'yaml/duplicate-key',
        'version: 0.2\nphases:\n  build:\n    commands: [a]\n  post_build:\n    commands: [b]\n',
      ),
    ).toEqual([]);
  });
});

describe('YAML errors speak of the tool that reads the file', () => {
  it('says CodeDeploy for an appspec and CodeBuild for a buildspec, and points at the open quote', async () => {
    const { appspecFileKind } = await import('../../src/codedeploy/appspec-file-kind.js');
    const { buildspecFileKind } = await import('../../src/buildspec/lint/buildspec-file-kind.js');
    const { lintText } = await import('../../src/lint/lint-engine.js');
    const text = 'version: 0.0\nos: linux\nfiles:\n  - source: /\n    destination: "/var/www\n';
    const [appspec] = lintText('appspec.yml', text, appspecFileKind);
    expect(appspec).toMatchObject({ rule: 'yaml/syntax', line: 5, column: 18, endColumn: 19 });
    expect(appspec!.message).toContain('CodeDeploy rejects the appspec');
    expect(appspec!.message).not.toContain('CodeBuild');
    const [buildspec] = lintText('buildspec.yml', text, buildspecFileKind);
    expect(buildspec!.message).toContain('CodeBuild rejects the buildspec (YAML_FILE_ERROR)');
  });
});
