/*
 * The lab's one body policy for JSON routes (serving, the exporter's ingest, the lab's control,
 * Alertmanager's webhook): each router parses its own bodies with its own size limit, and every
 * parser refuses nesting deeper than MAX_JSON_DEPTH before JSON.parse runs, so nothing deeper ever
 * reaches code that walks it (serialisers, validators, error messages).
 */

/** Deepest nesting of arrays and objects any lab route accepts; real bodies need at most 6. */
export const MAX_JSON_DEPTH = 16;

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Whether JSON text nests arrays and objects deeper than `max`, in one pass without parsing:
 * brackets inside strings do not count. Text that is not JSON gets an answer too (the parser
 * refuses it afterwards). Code units, so UTF-8 bytes and UTF-16 strings read alike.
 */
export function jsonNestsDeeperThan(text: string | Uint8Array, max: number): boolean {
  const at = typeof text === 'string' ? (i: number) => text.charCodeAt(i) : (i: number) => text[i];
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = at(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > max) return true;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) depth--;
  }
  return false;
}

/** What a body parser's verify step throws: a client error the hosts answer as JSON. */
export class JsonBodyError extends Error {
  readonly expose = true;
  constructor(
    message: string,
    readonly status: 400 | 415,
    readonly type: 'entity.too.deep' | 'charset.unsupported',
  ) {
    super(message);
    this.name = 'JsonBodyError';
  }
}

/**
 * express.json()'s `verify` step: refuses a body nested deeper than MAX_JSON_DEPTH. Non-UTF-8
 * charsets are decoded first, so the count is of characters, not bytes.
 */
export function refuseDeepJson(_req: unknown, _res: unknown, body: Uint8Array, encoding: string): void {
  let text: string | Uint8Array = body;
  if (!/^utf-?8$/i.test(encoding)) {
    try {
      text = new TextDecoder(encoding).decode(body);
    } catch {
      throw new JsonBodyError(
        `unsupported charset "${encoding}": send UTF-8 JSON`,
        415,
        'charset.unsupported',
      );
    }
  }
  if (jsonNestsDeeperThan(text, MAX_JSON_DEPTH))
    throw new JsonBodyError(
      `JSON nested deeper than ${MAX_JSON_DEPTH} levels; no request to this lab needs more`,
      400,
      'entity.too.deep',
    );
}

/** The options every JSON route's parser uses: its own size limit, the one depth check. */
export function jsonBodyOptions(limit: string): { limit: string; verify: typeof refuseDeepJson } {
  return { limit, verify: refuseDeepJson };
}
