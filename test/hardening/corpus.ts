/**
 * A hostile-input corpus for the hardening tests: markup that would run script if it were ever
 * parsed as HTML, URL schemes, template syntaxes, Unicode that breaks layout or reading order,
 * control characters, oversized text and prototype keys.
 *
 * Every payload that could execute sets the same canary, so one check covers them all:
 * `window.__lingerCanary` stays undefined unless something ran.
 */

export interface Payload {
  group: string;
  text: string;
}

/** The statement every executable payload runs. */
export const CANARY = 'window.__lingerCanary=1';

export function canaryFired(): boolean {
  return (window as unknown as { __lingerCanary?: unknown }).__lingerCanary !== undefined;
}

export function resetCanary(): void {
  delete (window as unknown as { __lingerCanary?: unknown }).__lingerCanary;
}

const C = CANARY;

const scriptTags = [
  `<script>${C}</script>`,
  `<SCRIPT>${C}</SCRIPT>`,
  `<ScRiPt>${C}</sCrIpT>`,
  `<script type="module">${C}</script>`,
  `<script src="data:text/javascript,${C}"></script>`,
  `<script/x>${C}</script>`,
  `<script\n>${C}</script\n>`,
  `<<script>${C}//<</script>`,
  `<scr<script>ipt>${C}</scr</script>ipt>`,
  `"><script>${C}</script>`,
  `'><script>${C}</script>`,
  `</title><script>${C}</script>`,
  `<!--<script>${C}</script>-->`,
  `<script>/*</script><script>*/${C}</script>`,
  `&lt;script&gt;${C}&lt;/script&gt;`,
  `%3Cscript%3E${C}%3C/script%3E`,
  `\\u003cscript\\u003e${C}\\u003c/script\\u003e`,
  `<script>${C}</script >`,
];

/** Tag + the handler that fires on it without a user gesture (or on a likely one). */
const handlerHosts: Array<[string, string]> = [
  ['img src=x', 'onerror'],
  ['image src=x', 'onerror'],
  ['video src=x', 'onerror'],
  ['audio src=x', 'onerror'],
  ['source src=x', 'onerror'],
  ['svg', 'onload'],
  ['body', 'onload'],
  ['iframe', 'onload'],
  ['details open', 'ontoggle'],
  ['input autofocus', 'onfocus'],
  ['select autofocus', 'onfocus'],
  ['textarea autofocus', 'onfocus'],
  ['marquee', 'onstart'],
  ['object data=x', 'onerror'],
  ['div style="animation-name:spin"', 'onanimationstart'],
  ['a href=#', 'onmouseover'],
  ['link rel=stylesheet href=x', 'onerror'],
  ['style', 'onload'],
];
const handlerSpellings = (event: string) => [
  `${event}=${C}`,
  `${event}="${C}"`,
  `${event}='${C}'`,
  `${event.toUpperCase()}=${C}`,
  `/${event}=${C}`,
];
const eventHandlers = handlerHosts.flatMap(([tag, event], index) =>
  // All spellings on the first hosts, one per host after that: enough variety, bounded size.
  (index < 4 ? handlerSpellings(event) : [`${event}=${C}`]).map((handler) => `<${tag} ${handler}>`),
);

const schemes = [
  `javascript:${C}`,
  `JaVaScRiPt:${C}`,
  ` javascript:${C}`,
  `java\tscript:${C}`,
  `java&#x09;script:${C}`,
  `&#106;avascript:${C}`,
  `\u0001javascript:${C}`,
  `javascript&colon;${C}`,
  `data:text/html,<script>${C}</script>`,
  `data:text/html;base64,${btoa(`<script>${C}</script>`)}`,
  `vbscript:msgbox(1)`,
];
const urlContexts = [
  (url: string) => url,
  (url: string) => `<a href="${url}">win a prize</a>`,
  (url: string) => `<iframe src="${url}"></iframe>`,
  (url: string) => `<form action="${url}"><button>go</button></form>`,
  (url: string) => `<embed src="${url}">`,
];
const urls = schemes.flatMap((scheme) => urlContexts.map((wrap) => wrap(scheme)));

const svgMath = [
  `<svg/onload=${C}>`,
  `<svg><script>${C}</script></svg>`,
  `<svg><animate onbegin=${C} attributeName=x dur=1s>`,
  `<svg><set onbegin=${C} attributeName=x to=1>`,
  `<svg><a xlink:href="javascript:${C}"><text y=20>x</text></a></svg>`,
  `<svg><foreignObject><img src=x onerror=${C}></foreignObject></svg>`,
  `<svg><style><img src=x onerror=${C}></style></svg>`,
  `<svg><use href="data:image/svg+xml,<svg id='x' xmlns='http://www.w3.org/2000/svg'><image href='x' onerror='${C}'/></svg>#x"/></svg>`,
  `<math><mtext><table><mglyph><style><img src=x onerror=${C}>`,
  `<math><mtext><table><mglyph><style><!--</style><img title="--&gt;&lt;/mglyph&gt;&lt;img src=1 onerror=${C}&gt;">`,
  `<math><maction actiontype=statusline xlink:href="javascript:${C}">x</maction></math>`,
  `<form><math><mtext></form><form><mglyph><style></math><img src=x onerror=${C}>`,
  `<noscript><p title="</noscript><img src=x onerror=${C}>">`,
  `<svg></p><style><a id="</style><img src=1 onerror=${C}>">`,
  `<template><img src=x onerror=${C}></template>`,
  `<xmp><p title="</xmp><img src=x onerror=${C}>">`,
];

const frames = [
  `<iframe srcdoc="<script>parent.${C}</script>"></iframe>`,
  `<iframe srcdoc="&lt;img src=x onerror=parent.${C}&gt;"></iframe>`,
  `<iframe src="javascript:parent.${C}"></iframe>`,
  `<object data="javascript:${C}"></object>`,
  `<embed type=text/html src="javascript:${C}">`,
  `<meta http-equiv="refresh" content="0;url=javascript:${C}">`,
  `<base href="javascript:${C}//">`,
  `<portal src="javascript:${C}"></portal>`,
];

const css = [
  `<style>@import 'javascript:${C}';</style>`,
  `<div style="background:url(javascript:${C})">x</div>`,
  `<div style="width:expression(${C})">x</div>`,
  `<div style="x:\\65xpression(${C})">x</div>`,
  `<style>*{x:expression(${C})}</style>`,
  `<style>\\3c script\\3e ${C}\\3c/script\\3e</style>`,
  `<link rel=stylesheet href="data:text/css,*{}" onload=${C}>`,
  `<style>body{background:red}</style>`,
  `<div style="position:fixed;inset:0;z-index:2147483647;background:red">overlay</div>`,
  `x" style="position:fixed;inset:0" x="`,
];

const breakouts = [
  `</style><script>${C}</script>`,
  `</textarea><script>${C}</script>`,
  `</title><img src=x onerror=${C}>`,
  `</noscript><img src=x onerror=${C}>`,
  `</xmp><img src=x onerror=${C}>`,
  `</template><img src=x onerror=${C}>`,
  `--><img src=x onerror=${C}>`,
  `]]><img src=x onerror=${C}>`,
  `<![CDATA[<img src=x onerror=${C}>]]>`,
  `"/><img src=x onerror=${C}>`,
  `'/><img src=x onerror=${C}>`,
  `\`><img src=x onerror=${C}>`,
  `</span></li></ol><img src=x onerror=${C}>`,
];

const templates = [
  `\${${C}}`,
  `{{constructor.constructor('${C}')()}}`,
  `{{$on.constructor('${C}')()}}`,
  `{{{${C}}}}`,
  `<%= ${C} %>`,
  `#{${C}}`,
  `[[${C}]]`,
  `\`;${C};\``,
  `';${C};//`,
  `";${C};//`,
  `<!--?lit$123456789$--><img src=x onerror=${C}>`,
  `lit$123456789$`,
  `{{7*7}}`,
  `\${7*7}`,
];

const bidiControls = ['\u202E', '\u202D', '\u202A', '\u202B', '\u2066', '\u2067', '\u2068', '\u2069', '\u200F', '\u061C'];
const bidi = [
  ...bidiControls.map((control) => `${control}evil name`),
  ...bidiControls.map((control) => `gnp.${control}exe.txt`),
  '\u202E\u2066\u202E\u2067deep\u2069',
  'عربي \u202Eenglish\u202C mixed',
  '\u202E'.repeat(100),
];

const zeroWidth = ['\u200B', '\u200C', '\u200D', '\uFEFF', '\u2060', '\u180E'];
const invisible = [
  ...zeroWidth.map((mark) => `admin${mark}`),
  zeroWidth.join('').repeat(10),
  `H${'\u200B'.repeat(200)}i`,
  '\u3164',
  '\u115F\u1160',
  '\u2800'.repeat(20),
];

const combining = [50, 150, 290].map((n) => `Z${'\u0301\u0336\u0489'.repeat(Math.floor(n / 3))}`).concat([
  'ẑ̶̧̛̺̺̪̖̳̹͍̲̈́̾̓̔͘a̷̧̛̙̙̞̺̬̖̭̓̉̎̀̔͘l̷̢̰̘̼̲̣̐̈́̽g̶̢̛̜̞̜̻̩̠͉̋͋̀̾͐͝ơ̸̡̻̠̪̼̖̈́̀̓',
  `a${'\u0E49'.repeat(100)}`,
]);

const emoji = [
  '👨‍👩‍👧‍👦',
  '🏳️‍🌈🏴‍☠️🇯🇵🇸🇦',
  '👩🏽‍💻👨🏿‍🚀🧑🏻‍🤝‍🧑🏾',
  '👨‍👩‍👧‍👦'.repeat(25),
  '🫶🏻'.repeat(60),
  '\u{1F600}'.repeat(150),
];

const surrogates = ['\uD800', '\uDC00', 'a\uD83Db', 'end\uD83D', '\uDE00start', '\uDBFF\uDBFF\uDFFF\uDFFF\uDC00'];

const controls = [
  '\u0000',
  'nul\u0000<script>' + C + '</script>',
  Array.from({ length: 31 }, (_, i) => String.fromCharCode(i + 1)).join(''),
  '\u007F\u0080\u0085\u009F',
  'line\u2028sep\u2029para',
  'crlf\r\nSet-Cookie: x=1',
  'bare\rcarriage',
  '\u001B[31mred\u001B[0m',
  '\b\b\b\bover',
  '\t\t\ttabs',
];

const longWords = [
  'A'.repeat(300),
  'W'.repeat(40),
  `https://example.com/${'a'.repeat(250)}`,
  'ｗ'.repeat(200),
  'กรุงเทพมหานครอมรรัตนโกสินทร์มหินทรายุธยามหาดิลกภพนพรัตน์ราชธานีบุรีรมย์อุดมราชนิเวศน์มหาสถาน',
  'ไม่มีช่องว่าง'.repeat(20),
  '長'.repeat(300),
  '-'.repeat(300),
];

const huge = ['x'.repeat(10 * 1024), 'y'.repeat(100 * 1024), 'ก'.repeat(10 * 1024), '😀'.repeat(5 * 1024)];

export const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__', '__lookupGetter__'];

const misc = [
  ' ',
  '   leading and trailing   ',
  '0',
  'null',
  'undefined',
  'NaN',
  '-1',
  '[object Object]',
  '\\',
  '%s%s%s%n',
  '../../../etc/passwd',
  `{"__proto__":{"polluted":1}}`,
  '&amp;&lt;&gt;&quot;&#39;',
];

const groups: Record<string, readonly string[]> = {
  script: scriptTags,
  handler: eventHandlers,
  url: urls,
  'svg-math': svgMath,
  frame: frames,
  css,
  breakout: breakouts,
  template: templates,
  bidi,
  invisible,
  combining,
  emoji,
  surrogate: surrogates,
  control: controls,
  'long-word': longWords,
  huge,
  'prototype-key': PROTOTYPE_KEYS,
  misc,
};

export const CORPUS: readonly Payload[] = Object.entries(groups).flatMap(([group, texts]) => texts.map((text) => ({ group, text })));

/** One payload per group, for the slower paths (danmaku flights). */
export const SAMPLE: readonly Payload[] = Object.keys(groups).map((group) => CORPUS.find((payload) => payload.group === group)!);

/** True when the text holds a high or low surrogate without its partner (shows as U+FFFD, breaks strict UTF-8). */
export function hasLoneSurrogate(text: string): boolean {
  return /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}
