"""Hostile strings, in the spirit of OWASP's XSS filter evasion cheat sheet.

Each one tries to run a script (``alert``, ``confirm``, ``prompt``, ``print`` or our own marker
``kerXss``) or to smuggle an active element or URL into the page. The browser tests put them in
every field a person can fill (article bodies, titles and summaries, talk messages, commons
fields, search queries) and fail if any script runs or if any dangerous element, event handler
or URL reaches the DOM.
"""

from __future__ import annotations

PAYLOADS: tuple[str, ...] = (
    # Script elements, plain and disguised
    "<script>alert('XSS-1')</script>",
    "<SCRIPT SRC=http://127.0.0.1:9/xss.js></SCRIPT>",
    "<ScRiPt>kerXss(3)</sCrIpT>",
    "<script/xss>alert(4)</script>",
    "<<script>alert(5);//<</script>",
    "<script>alert(String.fromCharCode(88,83,83))</script>",
    "<scr<script>ipt>alert(7)</scr</script>ipt>",
    '"><script>alert(8)</script>',
    "'><script>alert(9)</script>",
    "</textarea><script>alert(10)</script>",
    "</title><script>alert(11)</script>",
    "</script><script>alert(12)</script>",
    "<script\x20type='text/javascript'>alert(13)</script>",
    "<!--<script>alert(14)</script>-->",
    "<![CDATA[<script>alert(15)</script>]]>",
    # Images and media with event handlers
    "<img src=x onerror=alert(16)>",
    '<IMG SRC="javascript:alert(17);">',
    "<IMG SRC=JaVaScRiPt:alert(18)>",
    "<IMG SRC=`javascript:alert(19)`>",
    '<IMG """><SCRIPT>alert(20)</SCRIPT>">',
    '<img src=x:x onerror="kerXss(21)">',
    '<IMG SRC="jav&#x09;ascript:alert(22);">',
    "<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#50;&#51;&#41;>",  # noqa: E501
    "<IMG SRC=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61&#x6C&#x65&#x72&#x74&#x28&#x32&#x34&#x29>",  # noqa: E501
    '<img src="x" onerror="&#97;&#108;&#101;&#114;&#116;(25)">',
    "<img/src=x/onerror=alert(26)>",
    "<video><source onerror=alert(27)></video>",
    "<audio src=x onerror=alert(28)>",
    "<picture><img src=x onerror=alert(29)></picture>",
    # SVG and MathML
    "<svg onload=alert(30)>",
    "<svg/onload=kerXss(31)>",
    "<svg><script>alert(32)</script></svg>",
    '<svg><a xlink:href="javascript:alert(33)"><text x="20" y="20">XSS</text></a></svg>',
    "<svg><animate onbegin=alert(34) attributeName=x dur=1s>",
    '<math><mtext><table><mglyph><style><img src=x onerror="alert(35)">',
    # Links and URLs: javascript:, vbscript:, data:, mixed case, entities, percent-encoding
    '<a href="javascript:alert(36)">clic</a>',
    '<a href="JaVaScRiPt:alert(37)">clic</a>',
    '<a href="&#106;avascript:alert(38)">clic</a>',
    '<a href="java&#x0A;script:alert(39)">clic</a>',
    '<a href="%6A%61%76%61%73%63%72%69%70%74:alert(40)">clic</a>',
    '<a href="vbscript:msgbox(41)">clic</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCg0Mik8L3NjcmlwdD4=">clic</a>',
    '<a href=" javascript:alert(43)">clic</a>',
    "[lien](javascript:alert(44))",
    "[lien](JAVASCRIPT:alert(45))",
    "[lien](javascript&#58;alert(46))",
    "[lien](vbscript:msgbox(47))",
    "[lien](data:text/html;base64,PHNjcmlwdD5hbGVydCg0OCk8L3NjcmlwdD4=)",
    '[lien](x" onmouseover="alert(49))',
    "![image](javascript:alert(50))",
    '![image](x" onerror="alert(51))',
    "<javascript:alert(52)>",
    "<vbscript:msgbox(53)>",
    "[[javascript:alert(54)]]",
    "[[Le lavoir|<img src=x onerror=alert(55)>]]",
    "[lien][ref]\n\n[ref]: javascript:alert(56)",
    # Frames, objects, forms, meta, base
    '<iframe src="javascript:alert(57)"></iframe>',
    '<iframe srcdoc="<script>parent.kerXss(58)</script>"></iframe>',
    '<object data="javascript:alert(59)"></object>',
    '<embed src="data:text/html,<script>alert(60)</script>">',
    '<form action="javascript:alert(61)"><button>envoyer</button></form>',
    '<button formaction="javascript:alert(62)">envoyer</button>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(63)">',
    '<base href="javascript:alert(64)//">',
    '<isindex action="javascript:alert(65)" type=image>',
    # Styles and expressions
    '<div style="background-image: url(javascript:alert(66))">style</div>',
    '<div style="width: expression(alert(67));">expression</div>',
    "<style>@import 'javascript:alert(68)';</style>",
    '<style>body{background:url("javascript:alert(69)")}</style>',
    '<link rel="stylesheet" href="javascript:alert(70)">',
    # Event handlers on many tags
    "<body onload=alert(71)>",
    '<div onmouseover="alert(72)">survol</div>',
    "<details open ontoggle=alert(73)>",
    "<input autofocus onfocus=alert(74)>",
    "<select autofocus onfocus=alert(75)></select>",
    "<textarea autofocus onfocus=alert(76)></textarea>",
    "<marquee onstart=alert(77)>texte</marquee>",
    '<table background="javascript:alert(78)"><tr><td>x</td></tr></table>',
    "<p onclick=alert(79) style=position:fixed;inset:0>clic</p>",
    "<a onfocus=alert(80) autofocus href=#>focus</a>",
    # Broken, nested and obfuscated markup
    "<<img src=x onerror=alert(81)//<",
    '<img src="x"` `<script>alert(82)</script>"` `>',
    "<div><img src=x onerror=alert(83)</div>",
    '<a href="javascript&colon;alert(84)">colon</a>',
    '<img src=x onerror="javascript:alert(85)"',
    '<noscript><p title="</noscript><img src=x onerror=alert(86)>">',
    "<template><script>alert(87)</script></template>",
    '<a href="\\x01javascript:alert(88)">ctrl</a>',
    # Template injection and attribute breaking
    "ker{{7*7}}ker ker${7*7}ker ker#{7*7}ker ker<%= 7*7 %>ker {% debug %}",
    "{{constructor.constructor('alert(90)')()}}",
    '" autofocus onfocus="alert(91)',
    "' onmouseover='alert(92)",
    "javascript:alert(93)",
    # Unicode tricks
    "<scr\u200bipt>alert(94)</scr\u200bipt>",
    "\uff1cscript\uff1ealert(95)\uff1c/script\uff1e",
    "\u202e<script>alert(96)</script>",
    "<img src=x onerror=\u0061lert(97)>",
    '<a href="jav&#0;ascript:alert(98)">nul</a>',
    '<a href="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058&#0000097&#0000108&#0000101&#0000114&#0000116&#0000040&#0000057&#0000057&#0000041">longs</a>',  # noqa: E501
)


# A shorter list for parameters reflected in pages (query strings, form values): the ways out
# of an attribute, a text area or a title, a handler, a URL and a template expression.
REFLECTION_PAYLOADS: tuple[str, ...] = (
    '"><script>alert(8)</script>',
    "'><script>alert(9)</script>",
    "</textarea><script>alert(10)</script>",
    "</title><script>alert(11)</script>",
    '" autofocus onfocus="alert(91)',
    "' onmouseover='alert(92)",
    "<img src=x onerror=alert(16)>",
    "javascript:alert(93)",
    "ker{{7*7}}ker ker${7*7}ker ker#{7*7}ker ker<%= 7*7 %>ker {% debug %}",
)
assert set(REFLECTION_PAYLOADS) <= set(PAYLOADS)


def batches(payloads, max_length: int) -> list[str]:
    """Join payloads with spaces into strings of at most ``max_length`` characters."""
    joined: list[str] = []
    for payload in payloads:
        if joined and len(joined[-1]) + 1 + len(payload) <= max_length:
            joined[-1] += " " + payload
        else:
            joined.append(payload[:max_length])
    return joined


# What the template-injection payload shows if some template engine evaluated it.
EVALUATED_TEMPLATE_MARKER = "ker49ker"
