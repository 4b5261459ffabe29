// The one DOMPurify instance of a process (over a jsdom window, renewed every couple of thousand
// documents) and the two configurations sanitize.ts runs it with.
import createDOMPurify from 'dompurify';
import type { Config, DOMPurify, UponSanitizeAttributeHookEvent, WindowLike } from 'dompurify';
import type { DOMWindow } from 'jsdom';
import {
  ALL_ATTRIBUTES,
  FORMATTER_TAGS,
  LINK_REL,
  SAFE_URL,
  URL_ATTRIBUTES,
  USER_TAGS,
  isAttributeAllowed,
  permittedUrl,
} from './allowed.ts';
import { jsdom } from './jsdom.ts';

/** A jsdom window keeps growing with every document parsed in it. */
const DOCUMENTS_PER_WINDOW = 2_000;

const COMMON_CONFIG = {
  ALLOWED_ATTR: [...ALL_ATTRIBUTES],
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  // A custom ALLOWED_URI_REGEXP applies to every attribute not listed as URI-safe.
  ADD_URI_SAFE_ATTR: ['datetime'],
  ALLOWED_URI_REGEXP: SAFE_URL,
  KEEP_CONTENT: true,
} satisfies Config;

/**
 * The contributor's markup: the 13 tags, as the parsed `<body>` the formatter
 * reads. (RETURN_DOM_FRAGMENT moves every node once more, ~0.4 s on 20 KB of
 * markup in jsdom.)
 */
export const INPUT_CONFIG = {
  ...COMMON_CONFIG,
  ALLOWED_TAGS: [...USER_TAGS],
  RETURN_DOM: true,
} satisfies Config;

/** The formatted result, parsed again and checked before it is stored. */
export const OUTPUT_CONFIG = {
  ...COMMON_CONFIG,
  ALLOWED_TAGS: [...USER_TAGS, ...FORMATTER_TAGS],
} satisfies Config;

interface Purifier {
  window: DOMWindow;
  purify: DOMPurify;
  documents: number;
}

let current: Purifier | undefined;

function createPurifier(): Purifier {
  const { JSDOM } = jsdom();
  const { window } = new JSDOM('');
  const purify = createDOMPurify(window as unknown as WindowLike);

  // ALLOWED_ATTR is global: `title` on <b> or `cite` on <a> must still go.
  purify.addHook('uponSanitizeAttribute', keepPermittedAttribute);
  // Every link, typed or autolinked, must carry our rel whatever the input said.
  purify.addHook('afterSanitizeAttributes', (element) => {
    if (element.nodeName.toLowerCase() === 'a') element.setAttribute('rel', LINK_REL);
  });

  return { window, purify, documents: 0 };
}

function keepPermittedAttribute(element: Element, event: UponSanitizeAttributeHookEvent): void {
  const tag = element.nodeName.toLowerCase();
  if (!isAttributeAllowed(tag, event.attrName)) {
    event.keepAttr = false;
  } else if (URL_ATTRIBUTES.has(event.attrName)) {
    // Reduced here, not in the output string: DOMPurify validates and writes back what we set.
    const url = permittedUrl(event.attrValue);
    if (url === null) event.keepAttr = false;
    else event.attrValue = url;
  }
}

/** The shared instance, replaced after DOCUMENTS_PER_WINDOW documents. Calls are synchronous, so never re-entered. */
export function acquirePurifier(documents: number): DOMPurify {
  if (current && current.documents >= DOCUMENTS_PER_WINDOW) discardPurifier();
  current ??= createPurifier();
  current.documents += documents;
  return current.purify;
}

/** After a failure (a stack overflow mid-mutation) the window's state cannot be trusted. */
export function discardPurifier(): void {
  current?.window.close();
  current = undefined;
}
