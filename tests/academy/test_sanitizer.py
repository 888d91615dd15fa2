"""The one HTML sanitizer: a corpus of XSS payloads, allowed rich text, idempotency, Japanese."""

import re
import threading
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from academy import sanitizer
from academy.sanitizer import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, LINK_REL, clean_html

# OWASP filter-evasion cheat sheet style payloads, plus the mutation-XSS cases of bleach's
# past advisories (GHSA-m6xf-fq7q-8743 noscript, GHSA-vv2x-vrpj-qqpq math/svg + style, …).
XSS_PAYLOADS = [
    # script tags in many casings and shapes
    "<script>alert(1)</script>",
    "<SCRIPT>alert(1)</SCRIPT>",
    "<ScRiPt>alert(1)</sCrIpT>",
    "<script src=//evil.example/x.js></script>",
    "<SCRIPT SRC=http://evil.example/xss.js?< B >",
    "<script/xss src=//evil.example/x.js></script>",
    '<<SCRIPT>alert("XSS");//<</SCRIPT>',
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<script\x00>alert(1)</script>",
    "<script\n>alert(1)</script\n>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "</TITLE><SCRIPT>alert(1);</SCRIPT>",
    "<!--><script>alert(1)</script>-->",
    "<!-- --!><script>alert(1)</script> -->",
    "<![CDATA[<script>alert(1)</script>]]>",
    "<!--[if gte IE 4]><SCRIPT>alert(1);</SCRIPT><![endif]-->",
    "<? echo('<SCR)';echo('IPT>alert(1)</SCRIPT>'); ?>",
    # javascript: / data: / vbscript: URLs, encoded and split
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href=" javascript:alert(1)">x</a>',
    '<a href="jav\tascript:alert(1)">x</a>',
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    '<a href="jav&#x0A;ascript:alert(1)">x</a>',
    '<a href="jav&#x0D;ascript:alert(1)">x</a>',
    '<a href="&#x01;javascript:alert(1)">x</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
    '<a href="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1)">x</a>',
    '<a href="&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A;alert(1)">x</a>',
    '<a href="javascript&colon;alert(1)">x</a>',
    '<a href="java\x00script:alert(1)">x</a>',
    "<a href=`javascript:alert(1)`>x</a>",
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<a href="DATA:text/html,<script>alert(1)</script>">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="VBScript:msgbox(1)">x</a>',
    '<a href="livescript:alert(1)">x</a>',
    '<a href="javascript://%0Aalert(1)">x</a>',
    # images and event handlers
    '<IMG SRC="javascript:alert(1);">',
    "<IMG SRC=JaVaScRiPt:alert(1)>",
    "<IMG SRC=`javascript:alert(1)`>",
    '<IMG """><SCRIPT>alert(1)</SCRIPT>">',
    "<img src=x onerror=alert(1)>",
    "<img src=x OnErRoR=alert(1)>",
    '<img src="x" onerror="&#97;lert(1)">',
    "<img src=x onerror\x0b=alert(1)>",
    '<img srcset="javascript:alert(1) 1x">',
    "<body onload=alert(1)>",
    '<p onclick="alert(1)">click</p>',
    '<a href="https://example.com" onmouseover="alert(1)">x</a>',
    "<a/onmouseover=alert(1)>x</a>",
    '<div onpointerenter="alert(1)">x</div>',
    "<details open ontoggle=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "<video><source onerror=alert(1)></video>",
    "<audio src=x onerror=alert(1)>",
    "<marquee onstart=alert(1)>x</marquee>",
    "<BGSOUND SRC=\"javascript:alert('XSS');\">",
    '<LINK REL="stylesheet" HREF="javascript:alert(1);">',
    # style attributes and expressions
    '<p style="background:url(javascript:alert(1))">x</p>',
    '<div style="width: expression(alert(1));">x</div>',
    '<span style="behavior: url(xss.htc);">x</span>',
    "<style>@import 'javascript:alert(1)';</style>",
    "<STYLE>li {list-style-image: url(\"javascript:alert('XSS')\");}</STYLE><UL><LI>XSS</br>",
    "<DIV STYLE=\"background-image:\\0075\\0072\\006C\\0028'\\006a\\0061\\0076\\0061\\0073\\0063\\0072\\0069\\0070\\0074\\003a\\0061\\006c\\0065\\0072\\0074\\0028.1027\\0058.1053\\0053\\0027\\0029'\\0029\">",
    # svg, math and mutation XSS (bleach advisories and DOMPurify bypasses)
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">x</text></a></svg>',
    "<svg><p><style><img src=x onerror=alert(1)></style></p></svg>",
    '<svg></p><style><a id="</style><img src=1 onerror=alert(1)>">',
    '<math><mi//xlink:href="data:x,<script>alert(1)</script>">',
    "<math><style><img src=x onerror=alert(1)></style></math>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<math><mtext><h1><a><h6></a></h6><mglyph><svg><mtext><style><a title="</style><img src onerror=alert(1)>"></style></h1>',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "<noscript><style></noscript><img src=x onerror=alert(1)>",
    "<template><script>alert(1)</script></template>",
    "<template><img src=x onerror=alert(1)></template>",
    "<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>",
    '<xmp><p title="</xmp><img src=x onerror=alert(1)>">',
    '<textarea><p title="</textarea><img src=x onerror=alert(1)>">',
    '<title><p title="</title><img src=x onerror=alert(1)>">',
    '<noembed><p title="</noembed><img src=x onerror=alert(1)>">',
    '<iframe><p title="</iframe><img src=x onerror=alert(1)>">',
    # frames, objects, base, meta, forms
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
    '<object data="javascript:alert(1)"></object>',
    '<object type="text/x-scriptlet" data="http://evil.example/scriptlet.html"></object>',
    '<embed src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
    '<base href="javascript:alert(1)//">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<meta http-equiv="refresh" content="0;url=data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg">',
    '<form action="javascript:alert(1)"><input type="submit"></form>',
    '<form><button formaction="javascript:alert(1)">x</button></form>',
    "<isindex type=image src=1 onerror=alert(1)>",
    '<a href="https://example.com" target="_blank" id="x" class="evil" name="n">x</a>',
    '<table background="javascript:alert(1)"><tr><td>x</td></tr></table>',
    '<td background="javascript:alert(1)">x</td>',
    '<p><a href="java\nscript:alert(1)">x</a></p>',
]

DANGEROUS_SCHEMES = ("javascript:", "data:", "vbscript:", "livescript:")
FORBIDDEN_TAGS = {"script", "svg", "math", "style", "iframe", "object", "embed", "img", "base"}


class _Collector(HTMLParser):
    """Every start tag of a fragment with its (unescaped) attributes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    handle_startendtag = handle_starttag


def parsed_tags(html):
    collector = _Collector()
    collector.feed(html)
    collector.close()
    return collector.tags


def _scheme_of(url):
    """The scheme a browser would see: control characters and whitespace are ignored."""
    return re.sub(r"[\x00-\x20\x7f]+", "", url or "").lower()


def assert_harmless(output):
    lowered = output.lower()
    assert "<script" not in lowered
    # Attribute names come from a real parser: "onerror=" inside a quoted title is only text.
    for tag, attrs in parsed_tags(output):
        assert tag in ALLOWED_TAGS, tag
        assert tag not in FORBIDDEN_TAGS
        allowed = ALLOWED_ATTRIBUTES.get(tag, [])
        for name, value in attrs:
            assert name in allowed, (tag, name)
            assert not name.startswith("on")
            if name in ("href", "src"):
                assert not _scheme_of(value).startswith(DANGEROUS_SCHEMES), value
        if tag == "a":
            assert dict(attrs).get("rel") == LINK_REL


def test_the_corpus_is_large_enough():
    assert len(XSS_PAYLOADS) >= 40
    assert len(set(XSS_PAYLOADS)) == len(XSS_PAYLOADS)


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_no_payload_survives(payload):
    output = clean_html(payload)
    assert_harmless(output)
    # cleaning the output again changes nothing and stays harmless
    assert clean_html(output) == output


@pytest.mark.parametrize(
    "payload",
    ["<svg><p>x</p></svg>", "<math><mi>x</mi></math>", "<iframe>x</iframe>", "<style>p{}</style>"],
)
def test_svg_math_and_raw_text_tags_are_never_kept(payload):
    output = clean_html(payload)
    assert not re.search(r"<\s*/?\s*(svg|math|iframe|style)", output, re.IGNORECASE)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("<p>段落です。</p>", "<p>段落です。</p>"),
        ("<p>1行目<br>2行目</p>", "<p>1行目<br>2行目</p>"),
        ("<ul><li>一</li><li>二</li></ul>", "<ul><li>一</li><li>二</li></ul>"),
        ('<ol start="3"><li>三</li></ol>', '<ol start="3"><li>三</li></ol>'),
        (
            "<p><strong>強調</strong> <em>斜体</em> <b>b</b> <i>i</i> <u>u</u> <s>s</s></p>",
            "<p><strong>強調</strong> <em>斜体</em> <b>b</b> <i>i</i> <u>u</u> <s>s</s></p>",
        ),
        ("<h2>見出し</h2><h3>小見出し</h3>", "<h2>見出し</h2><h3>小見出し</h3>"),
        ("<blockquote><p>引用</p></blockquote>", "<blockquote><p>引用</p></blockquote>"),
        ("<pre><code>print('x')</code></pre>", "<pre><code>print('x')</code></pre>"),
        ("<p>a &lt; b &amp;&amp; c &gt; d</p>", "<p>a &lt; b &amp;&amp; c &gt; d</p>"),
        (
            '<a href="https://example.com/a?b=1&amp;c=2">リンク</a>',
            '<a href="https://example.com/a?b=1&amp;c=2" rel="noopener nofollow">リンク</a>',
        ),
        (
            '<a href="mailto:office@example.com" rel="opener">メール</a>',
            '<a href="mailto:office@example.com" rel="noopener nofollow">メール</a>',
        ),
        (
            '<a href="/lessons/1/">相対</a>',
            '<a href="/lessons/1/" rel="noopener nofollow">相対</a>',
        ),
        ('<abbr title="事業承継">承継</abbr>', '<abbr title="事業承継">承継</abbr>'),
        (
            '<table><tr><th scope="col">項目</th></tr><tr><td colspan="2">値</td></tr></table>',
            '<table><tbody><tr><th scope="col">項目</th></tr>'
            '<tr><td colspan="2">値</td></tr></tbody></table>',
        ),
    ],
)
def test_allowed_rich_text_survives(source, expected):
    assert clean_html(source) == expected


def test_unknown_tags_are_removed_but_their_text_is_kept():
    assert clean_html("<h1>題</h1><custom-tag>中身</custom-tag>") == "題中身"
    assert clean_html('<p class="x" id="y" style="color:red">色</p>') == "<p>色</p>"


def test_empty_and_none_give_an_empty_string():
    assert clean_html(None) == ""
    assert clean_html("") == ""


JAPANESE_TEXTS = [
    "本日の講義「事業承継の基礎」について、質問があります。",
    "・後継者の役割\n・先代との対話\n・従業員への説明",
    "ＡＢＣ株式会社（代表取締役：山田　太郎）　全角スペースと全角英数字１２３",
    "コーヒー、ラーメン、ヴァイオリン。〜ー—―…‥",
    "絵文字も使えます 🙇‍♂️👨‍👩‍👧✨🎉 ご確認ください。",
    "㈱ ㍻ ① ② ㊤ 髙橋 﨑 𠮷野家 葛󠄀城",
    "第1期\n\n2026年4月1日（水）10:00〜12:00\n会場：本社3F会議室",
    "＜注意＞ ＝＋－＠ 全角記号はそのまま",
    "半角ｶﾀｶﾅもそのまま ﾃｽﾄ",
]


@pytest.mark.parametrize("text", JAPANESE_TEXTS)
def test_ordinary_japanese_text_survives_byte_for_byte(text):
    cleaned = clean_html(text)
    assert cleaned.encode("utf-8") == text.encode("utf-8")


def test_japanese_inside_allowed_markup_survives():
    source = "<p>「後継者」とは、次の世代の経営者です。</p>\n<ul><li>①決算書の読み方</li></ul>"
    assert clean_html(source) == source


def test_windows_line_breaks_become_unix_line_breaks():
    # the HTML parser normalises CR LF (what browsers submit from a textarea) to LF
    assert clean_html("一行目\r\n二行目") == "一行目\n二行目"


def test_markup_that_never_settles_falls_back_to_escaped_text(monkeypatch):
    monkeypatch.setattr(sanitizer, "MAX_PASSES", 0)
    assert clean_html('<p>段落 <a href="https://example.com">x</a> &amp; y</p>') == "段落 x &amp; y"


@pytest.mark.slow
def test_the_cleaner_is_safe_to_share_between_threads():
    source = "<p>" + "<strong>並行</strong>" * 200 + "</p>"
    expected = clean_html(source)
    results, errors = [], []

    def work():
        try:
            results.extend(clean_html(source) for _ in range(20))
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert results == [expected] * 160


# Property: cleaning is idempotent, over arbitrary text and over HTML-ish soup.
FRAGMENTS = [
    *(f"<{tag}>" for tag in sorted(ALLOWED_TAGS)),
    *(f"</{tag}>" for tag in sorted(ALLOWED_TAGS)),
    "<script>", "</script>", "<style>", "</style>", "<svg>", "</svg>", "<math>", "</math>",
    "<noscript>", "</noscript>", "<template>", "</template>", "<iframe>", "</iframe>",
    "<textarea>", "</textarea>", "<title>", "</title>", "<xmp>", "</xmp>", "<plaintext>",
    "<img src=x onerror=alert(1)>", "<mglyph>", "<mtext>", "<h1>", "</h1>", "<form>", "</form>",
    "<table>", "<tr>", "<td>", "<select>", "<option>", "<frameset>", "<body>", "<html>",
    '<a href="javascript:alert(1)">', '<a href="https://example.com/?a=1&b=2">', '<a href="',
    '<ol start="2">', '<td colspan="2">', '<abbr title="', '<p title="', '<p class=x>',
    "<!--", "-->", "<!-->", "--!>", "<!", "<![CDATA[", "]]>", "<?", "?>", "</", "<", ">", "/>",
    "&", "&amp;", "&lt;", "&gt;", "&quot;", "&#x3C;", "&#60;", "&#0;", "&nbsp;", "&copy", "&#",
    '"', "'", "=", "`", " ", "\n", "\r", "\t", "\x00", "\x0c", "\u3000",
    "テキスト", "「引用」", "、", "。", "🎉", "javascript:", "data:", "onerror=",
]  # fmt: skip

html_soup = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=5)), max_size=30).map(
    "".join
)


@pytest.mark.slow
@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_cleaning_arbitrary_text_is_idempotent(text):
    once = clean_html(text)
    assert clean_html(once) == once


@pytest.mark.slow
@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(html_soup)
def test_cleaning_html_soup_is_idempotent_and_harmless(source):
    once = clean_html(source)
    assert clean_html(once) == once
    assert_harmless(once)
