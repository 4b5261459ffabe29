/** Hostile markup a stranger might paste into the form; none of it may run in the browser. */
export const ATTACK_VECTORS: readonly string[] = [
  '<script>alert("script")</script>',
  '<img src=x onerror=alert("img")>',
  '<svg onload=alert("svg")>',
  '<svg><script>alert("svg-script")</script></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert("math")>',
  '<a href="javascript:alert(\'js-link\')">lien piégé</a>',
  '<a href="jav&#x09;ascript:alert(\'tab\')">tab</a>',
  '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(\'entities\')">entités</a>',
  '<a href="data:text/html,<script>alert(\'data\')</script>">data</a>',
  '<strong onmouseover=alert("hover")>survol</strong>',
  '<iframe src="javascript:alert(\'iframe\')"></iframe>',
  '<noscript><p title="</noscript><img src=x onerror=alert(\'mxss\')>">',
  '<details open ontoggle=alert("toggle")>',
  '<body onload=alert("body")>',
  '<style>@import "http://evil.example/x.css";</style>',
  '<form action="http://evil.example"><button>envoyer</button></form>',
  '<meta http-equiv="refresh" content="0;url=http://evil.example">',
  '<base href="http://evil.example/">',
  '<object data="javascript:alert(\'object\')"></object>',
  '<embed src="javascript:alert(\'embed\')">',
  '<video><source onerror=alert("video")></video>',
  '<input autofocus onfocus=alert("focus")>',
  '<q cite="javascript:alert(\'cite\')">citation</q>',
  '<del datetime="x" onclick=alert("del")>barré</del>',
  '"><script>alert("break-out")</script>',
  '<scr<script>ipt>alert("nested")</script>',
  '<img src="http://evil.example/track.png">',
  '<link rel=stylesheet href="http://evil.example/s.css">',
  '<template><script>alert("tpl")</script></template>',
  '<a href="https://exemple.org" onclick="alert(\'click\')" style="position:fixed;inset:0">plein écran</a>',
];

/** The allowed tags, which must render as elements. */
export const ALLOWED_SAMPLE =
  '<strong>fort</strong> <em>doux</em> <b>gras</b> <i>penché</i> <code>code</code> ' +
  '<abbr title="Boulevard">Bd</abbr> <del datetime="2015-11-13">ancien</del> <q cite="https://exemple.org">cité</q> ' +
  '<a href="https://exemple.org/concert" title="Concert">un lien</a>';
