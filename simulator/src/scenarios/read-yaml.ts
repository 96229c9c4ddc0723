import {
  Composer,
  isAlias,
  isMap,
  isNode,
  isScalar,
  isSeq,
  Lexer,
  LineCounter,
  Parser,
  YAMLParseError,
  type Document,
  type Node,
} from 'yaml';
import { capIssues, fileIssue, ScenarioError } from './error';
import {
  MAX_SCENARIO_BYTES,
  MAX_SCENARIO_NUMBER,
  MAX_YAML_ALIASES,
  MAX_YAML_DEPTH,
  MAX_YAML_ITEMS,
} from './limits';
import { fieldName, type ScenarioIssue } from './validate';

type Path = (string | number)[];

/** A scenario's YAML: the document (to locate fields), its lines, and its data. */
export interface ScenarioYaml {
  readonly doc: Document.Parsed;
  readonly lines: LineCounter;
  readonly data: unknown;
}

/**
 * Reads scenario text as YAML data, or throws a ScenarioError naming each problem's line: the text
 * is too large, the YAML is malformed or nests too deeply, a key repeats, aliases are excessive or
 * circular, or a number is not finite or absurdly large.
 */
export function readScenarioYaml(text: string, file: string): ScenarioYaml {
  if (tooLarge(text))
    throw new ScenarioError(file, [
      fileIssue(`the scenario is larger than ${MAX_SCENARIO_BYTES} bytes (256 kB), the limit for a scenario`),
    ]);
  const lines = new LineCounter();
  const doc = compose(text, lines, file);
  if (doc.errors.length > 0)
    throw new ScenarioError(
      file,
      capIssues(doc.errors.map((e) => yamlIssue(lines, e.pos[0], e.message.split('\n')[0]))),
    );
  const walk = walkNodes(doc, lines);
  if (walk.issues.length > 0) throw new ScenarioError(file, capIssues(walk.issues));
  return { doc, lines, data: toData(doc, file, walk.firstAlias) };
}

/** UTF-8 size above the limit; a string longer than the limit in UTF-16 units is, without counting. */
function tooLarge(text: string): boolean {
  return text.length > MAX_SCENARIO_BYTES || Buffer.byteLength(text, 'utf8') > MAX_SCENARIO_BYTES;
}

function yamlIssue(lines: LineCounter, offset: number, message: string, path: Path = []): ScenarioIssue {
  const { line, col } = lines.linePos(offset);
  return { line, column: col, field: fieldName(path), path, message: `YAML: ${message}` };
}

/** Thrown from the token stream when the parser's stack or its innermost collection grows too large. */
class TooLarge {
  constructor(
    readonly offset: number,
    readonly message: string,
  ) {}
}

/** The parser's open collections, checked after each token against MAX_YAML_DEPTH and MAX_YAML_ITEMS. */
function checkSize(parser: Parser): void {
  const depth = parser.stack.length;
  if (depth > MAX_YAML_DEPTH)
    throw new TooLarge(
      parser.offset,
      `nested more than ${MAX_YAML_DEPTH} levels deep; a scenario needs about 8`,
    );
  // Entries are added to the innermost collection, so checking it alone bounds them all.
  const innermost = parser.stack[depth - 1] as { items?: unknown[] } | undefined;
  if ((innermost?.items?.length ?? 0) > MAX_YAML_ITEMS)
    throw new TooLarge(
      parser.offset,
      `a list or mapping of more than ${MAX_YAML_ITEMS} entries; a scenario needs tens at most`,
    );
}

/**
 * parseDocument, with the parser watched token by token: the composer that follows recurses once per
 * level, so the depth is bounded before it runs, and a 40,000-key mapping is refused after its
 * first thousand keys. Duplicate keys are checked by walkNodes, in linear time (the yaml package's
 * own check compares each key with every earlier one: 40,000 keys took seconds).
 */
function compose(text: string, lines: LineCounter, file: string): Document.Parsed {
  const parser = new Parser(lines.addNewLine);
  function* tokens() {
    lines.addNewLine(0); // as Parser.parse does
    for (const lexeme of new Lexer().lex(text)) {
      yield* parser.next(lexeme);
      checkSize(parser);
    }
    yield* parser.end();
  }
  try {
    let doc: Document.Parsed | undefined;
    for (const next of new Composer({ uniqueKeys: false }).compose(tokens(), true, text.length)) {
      if (doc) {
        const at: [number, number] = [next.range[0], next.range[0]];
        doc.errors.push(
          new YAMLParseError(at, 'MULTIPLE_DOCS', 'expected one document; a second one starts here'),
        );
        break;
      }
      doc = next;
    }
    return doc!; // compose(…, forceDoc) always yields one
  } catch (e) {
    if (e instanceof TooLarge) throw new ScenarioError(file, [yamlIssue(lines, e.offset, e.message)]);
    throw new ScenarioError(file, [fileIssue(`YAML: cannot be read: ${(e as Error).message}`)]);
  }
}

interface Visit {
  readonly node: unknown;
  readonly path: Path;
  /** A mapping key: not checked as a value. */
  readonly key?: boolean;
  /** Leaving `node`: it is no longer an ancestor. */
  readonly exit?: boolean;
}

interface Walk {
  readonly issues: ScenarioIssue[];
  /** Where the first alias is, to report alias errors of toJS at. */
  readonly firstAlias?: ScenarioIssue;
}

/**
 * One iterative walk over the document, in document order (the order aliases resolve in): repeated
 * keys, aliases (too many, or inside the collection they name, which would make the data circular)
 * and numbers out of range. Iterative, so no depth of document can exhaust the stack.
 */
function walkNodes(doc: Document.Parsed, lines: LineCounter): Walk {
  const issues: ScenarioIssue[] = [];
  const anchors = new Map<string, Node>();
  const ancestors = new Set<Node>();
  let aliases = 0;
  let firstAlias: ScenarioIssue | undefined;
  const stack: Visit[] = [{ node: doc.contents, path: [] }];
  const at = (node: Node, path: Path, message: string) =>
    yamlIssue(lines, node.range?.[0] ?? 0, message, path);
  while (stack.length > 0) {
    const { node, path, key, exit } = stack.pop()!;
    if (!isNode(node)) continue;
    if (exit) {
      ancestors.delete(node);
      continue;
    }
    if (isAlias(node)) {
      aliases++;
      firstAlias ??= at(node, path, '');
      const target = anchors.get(node.source);
      if (aliases === MAX_YAML_ALIASES + 1)
        issues.push(at(node, path, `more than ${MAX_YAML_ALIASES} aliases (*name); a scenario needs none`));
      if (target && ancestors.has(target))
        issues.push(at(node, path, `alias *${node.source} is inside the collection it names`));
      continue;
    }
    if (node.anchor) anchors.set(node.anchor, node);
    if (isScalar(node)) {
      const problem = key ? undefined : numberProblem(node.value, node.source);
      if (problem) issues.push({ ...at(node, path, ''), message: problem });
    } else if (isMap(node) || isSeq(node)) {
      ancestors.add(node);
      stack.push({ node, path, exit: true }, ...children(node, path, lines, issues).reverse());
    }
  }
  return { issues, firstAlias };
}

/** A collection's keys and values to visit, in order; repeated keys of a map are reported. */
function children(node: Node, path: Path, lines: LineCounter, issues: ScenarioIssue[]): Visit[] {
  if (isSeq(node)) return node.items.map((item, i) => ({ node: item, path: [...path, i] }));
  if (!isMap(node)) return [];
  const seen = new Map<unknown, Node>();
  const visits: Visit[] = [];
  for (const pair of node.items) {
    const key = pair.key;
    const name = isScalar(key) ? String(key.value) : '?';
    if (isScalar(key)) {
      const first = seen.get(key.value);
      if (first) {
        const { line } = lines.linePos(first.range?.[0] ?? 0);
        issues.push(
          yamlIssue(lines, key.range?.[0] ?? 0, `repeated key "${name}" (first on line ${line})`, [
            ...path,
            name,
          ]),
        );
      } else seen.set(key.value, key);
    }
    visits.push({ node: key, path, key: true }, { node: pair.value, path: [...path, name] });
  }
  return visits;
}

/** What is wrong with a scalar's value as a scenario number, if anything. */
function numberProblem(value: unknown, source: string | undefined): string | undefined {
  if (typeof value !== 'number' || (Number.isFinite(value) && Math.abs(value) <= MAX_SCENARIO_NUMBER))
    return undefined;
  const limit = MAX_SCENARIO_NUMBER.toExponential().replace('+', '');
  return `expected a finite number from -${limit} to ${limit}; got ${source ?? String(value)}`;
}

/**
 * The document's data. Alias expansion is capped: toJS throws a ReferenceError past
 * MAX_YAML_ALIASES copies (or for an alias to no anchor), reported where the first alias is.
 */
function toData(doc: Document.Parsed, file: string, firstAlias: ScenarioIssue | undefined): unknown {
  try {
    return doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (e) {
    const message = /excessive alias count/i.test((e as Error).message)
      ? `aliases expand to too much data (more than ${MAX_YAML_ALIASES} copies); a scenario needs none`
      : `cannot be read: ${(e as Error).message}`;
    throw new ScenarioError(file, [{ ...(firstAlias ?? fileIssue('')), message: `YAML: ${message}` }]);
  }
}
