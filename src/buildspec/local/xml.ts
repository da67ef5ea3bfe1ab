/**
 * A small, strict XML reader for report files: it refuses what CodeBuild's report parser would
 * refuse (unclosed or mismatched tags, bad entities, text outside the root, several roots) and
 * returns the element tree with attributes and each element's own text (entities decoded,
 * CDATA included), kept up to TEXT_MAX characters so a huge text costs no more than that.
 */
export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  /** The text and CDATA directly inside the element, not its children's; at most TEXT_MAX. */
  readonly text: string;
}

/** Characters of text kept per element; a failure's stack trace fits, a log dump is cut. */
export const TEXT_MAX = 64 * 1024;

export class XmlSyntaxError extends Error {
  override readonly name = 'XmlSyntaxError';
}

const NAME = /[A-Za-z_:][-A-Za-z0-9_:.]*/y;
const ATTRIBUTE = /\s+([A-Za-z_:][-A-Za-z0-9_:.]*)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/y;
const ENTITY = /&(?:[A-Za-z_][-A-Za-z0-9_.]*|#[0-9]+|#x[0-9A-Fa-f]+);/y;

export function parseXml(text: string): XmlElement {
  const source = text.replace(/^\uFEFF/, '');
  const stack: Array<{
    name: string;
    attributes: Record<string, string>;
    children: XmlElement[];
    text: string;
  }> = [];
  let root: XmlElement | undefined;
  let i = 0;
  const fail: (message: string, at?: number) => never = (message, at = i) => {
    const line = source.slice(0, at).split('\n').length;
    throw new XmlSyntaxError(`line ${line}: ${message}`);
  };
  const skipPast = (terminator: string, what: string) => {
    const end = source.indexOf(terminator, i);
    if (end === -1) fail(`${what} is not closed with ${terminator}`);
    i = end + terminator.length;
  };

  while (i < source.length) {
    const lt = source.indexOf('<', i);
    const textEnd = lt === -1 ? source.length : lt;
    checkText(source, i, textEnd, stack.length > 0, fail);
    const parent = stack[stack.length - 1];
    if (parent && textEnd > i && parent.text.length < TEXT_MAX)
      keepText(parent, decodeEntities(source.slice(i, textEnd)));
    if (lt === -1) break;
    i = lt;
    if (source.startsWith('<!--', i)) skipPast('-->', 'a comment');
    else if (source.startsWith('<![CDATA[', i)) {
      const holder = stack[stack.length - 1] ?? fail('CDATA outside the root element');
      const start = i + '<![CDATA['.length;
      skipPast(']]>', 'a CDATA section');
      keepText(holder, source.slice(start, i - ']]>'.length));
    } else if (source.startsWith('<?', i)) skipPast('?>', 'a processing instruction');
    else if (source.startsWith('<!DOCTYPE', i)) {
      const subset = source.indexOf('[', i);
      const close = source.indexOf('>', i);
      if (subset !== -1 && subset < close) skipPast(']', 'the DOCTYPE');
      skipPast('>', 'the DOCTYPE');
    } else if (source.startsWith('</', i)) {
      NAME.lastIndex = i + 2;
      const name = NAME.exec(source)?.[0] ?? fail('a closing tag without a name');
      const open = stack.pop();
      if (!open) fail(`</${name}> closes nothing`);
      if (open.name !== name) fail(`</${name}> closes <${open.name}>`);
      i = NAME.lastIndex;
      const close = /\s*>/y;
      close.lastIndex = i;
      if (!close.test(source)) fail(`</${name}> is not closed with >`);
      i = close.lastIndex;
      if (stack.length === 0) root = open;
      else stack[stack.length - 1]?.children.push(open);
    } else {
      NAME.lastIndex = i + 1;
      const name = NAME.exec(source)?.[0] ?? fail('"<" that starts no tag (write &lt; in text)');
      if (stack.length === 0 && root !== undefined) fail(`a second root element <${name}>`);
      i = NAME.lastIndex;
      const attributes: Record<string, string> = {};
      for (;;) {
        ATTRIBUTE.lastIndex = i;
        const match = ATTRIBUTE.exec(source);
        if (!match) break;
        const attribute = match[1] as string;
        if (attribute in attributes) fail(`attribute ${attribute} appears twice in <${name}>`);
        attributes[attribute] = decodeEntities(match[2] ?? match[3] ?? '');
        i = ATTRIBUTE.lastIndex;
      }
      const end = /\s*(\/?)>/y;
      end.lastIndex = i;
      const closing =
        end.exec(source) ?? fail(`<${name}> has a malformed attribute or is not closed with >`);
      i = end.lastIndex;
      const element = { name, attributes, children: [] as XmlElement[], text: '' };
      if (closing[1] === '/') {
        if (stack.length === 0) root = element;
        else stack[stack.length - 1]?.children.push(element);
      } else stack.push(element);
    }
  }
  const open = stack.pop();
  if (open) fail(`<${open.name}> is never closed`, source.length);
  return root ?? fail('there is no root element', source.length);
}

function keepText(element: { text: string }, text: string): void {
  if (element.text.length < TEXT_MAX) element.text = (element.text + text).slice(0, TEXT_MAX);
}

function checkText(
  source: string,
  from: number,
  to: number,
  insideRoot: boolean,
  fail: (message: string, at?: number) => never,
): void {
  for (let at = source.indexOf('&', from); at !== -1 && at < to; at = source.indexOf('&', at + 1)) {
    ENTITY.lastIndex = at;
    if (!ENTITY.test(source)) fail('"&" that starts no entity (write &amp;)', at);
  }
  if (!insideRoot && source.slice(from, to).trim() !== '')
    fail('text outside the root element', from);
}

function decodeEntities(value: string): string {
  return value.replace(/&(lt|gt|amp|quot|apos|#[0-9]+|#x[0-9A-Fa-f]+);/g, (_, entity: string) => {
    if (entity.startsWith('#x')) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(parseInt(entity.slice(1), 10));
    return (
      ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" } as Record<string, string>)[entity] ?? ''
    );
  });
}

/** Every element below `element` (itself included) with this name. */
export function findAll(element: XmlElement, name: string): XmlElement[] {
  const found: XmlElement[] = [];
  const visit = (node: XmlElement) => {
    if (node.name === name) found.push(node);
    node.children.forEach(visit);
  };
  visit(element);
  return found;
}
