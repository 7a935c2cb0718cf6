"""HTML input: markup → lines, page metadata, declared charsets, and agreement with the text parsers."""
import gzip
import json

from parsers import parse_bytes
from parsers.evaluate import token_f1
from parsers.html import html_to_text, is_html, markup_fragments_as_lines, strip_site_suffix
from tests.conftest import ROOT, SAMPLES

PEER = ROOT / "tests" / "fixtures" / "html" / "peer-fundus"


def page(body: str, head: str = "") -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"


def test_markup_becomes_lines_without_scripts_menus_or_hidden_parts():
    html = page(
        "<nav><a>정치</a><a>경제</a></nav><script>var x = '숨은 글';</script><style>p{}</style>"
        "<article><h1>제목 <b>굵게</b></h1><p>첫 문단은 <a href='#'>링크</a>를 품는다.<br>줄바꿈 뒤.</p>"
        "<div style='display: none'>숨김</div><figure><img><figcaption>사진 설명</figcaption></figure></article>"
        "<footer>저작권</footer>"
    )
    text, _ = html_to_text(html)
    # As a browser's innerText: a paragraph is set off by blank lines, <br> breaks the line.
    assert text.split("\n") == ["제목 굵게", "", "첫 문단은 링크를 품는다.", "줄바꿈 뒤.", "", "사진 설명"]


def test_markup_inside_a_text_dump_becomes_lines_and_plain_lines_stay():
    text = ("<한겨레>는 <b>라고 썼다\n"
            '첫 문단이다.<br><br><span class="end_photo_org"><img src="x.jpg"><em class="img_desc">사진 '
            '설명</em></span>'
            '<br><br>둘째 문단이다. <p contents-hash="7913fa')
    lines = markup_fragments_as_lines(text).split("\n")
    assert lines[0] == "<한겨레>는 <b>라고 썼다"          # one tag is no markup: left as it is
    assert [line for line in lines[1:] if line] == ["첫 문단이다.", "![사진 설명]()", "둘째 문단이다."]


def test_deeply_nested_markup_does_not_hit_the_recursion_limit():
    text, _ = html_to_text(page("<div>" * 5000 + "<p>깊은 문단이다.</p>" + "</div>" * 5000))
    assert text == "깊은 문단이다."


def test_page_metadata_opengraph_and_json_ld():
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "JSON 제목",
          "datePublished": "2024-01-11T06:00:00Z", "dateModified": "2024-01-11T16:30:00+09:00",
          "author": [{"@type": "Person", "name": "홍길동 기자"}], "publisher": {"name": "뉴시스"}}
    head = ('<meta property="og:title" content="OG 제목 - 뉴시스"><meta property="og:site_name" content="뉴시스">'
            '<link rel="canonical" href="https://www.newsis.com/view/NISX1">'
            f'<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>')
    _, meta = html_to_text(page("<p>x</p>", head))
    assert meta.title == "OG 제목"
    assert meta.url == "https://www.newsis.com/view/NISX1"
    assert meta.published == "2024-01-11T15:00:00+09:00"      # 06:00 UTC is 15:00 KST
    assert meta.modified == "2024-01-11T16:30:00+09:00"
    assert meta.authors == ["홍길동 기자"] and meta.publisher == "뉴시스"


def test_site_suffix_is_stripped_from_markup_titles():
    assert strip_site_suffix("제목이다-정치ㅣ한국일보", "한국일보") == "제목이다"
    assert strip_site_suffix("A-B 합의", "뉴스1") == "A-B 합의"


def test_declared_euc_kr_is_read_as_cp949():
    html = page("<h1>제목</h1><p>똠양꿍 요리를 소개하는 기사를 오늘 아침 신문에 실었다고 밝혔다.</p>",
                '<meta charset="euc-kr">').encode("cp949")
    record = parse_bytes(html, source="page.html").record
    assert "똠양꿍" in record["body"]


def test_html_is_sniffed_without_an_extension():
    assert is_html(b"  <!doctype html><html>")
    assert not is_html("기사입력 : 2024년".encode())


def test_content_not_the_extension_decides_text_or_html():
    dump = (SAMPLES / "000_8cd87e7541eef3e1.txt").read_bytes()
    as_text = parse_bytes(dump, source="page.txt").record
    saved_as_html = parse_bytes(dump, source="page.html").record      # was rejected `no_content`
    assert saved_as_html["status"] == "ok" and saved_as_html["title"] == as_text["title"]
    assert saved_as_html["body"] == as_text["body"]
    fragment = "<div><h1>제목</h1><p>똠양꿍 요리를 소개하는 기사를 오늘 아침 신문에 실었다고 밝혔다.</p></div>".encode()
    assert is_html(fragment)
    assert "<p>" not in (parse_bytes(fragment, source="saved.txt").record["body"] or "")


def test_a_sample_as_html_parses_like_the_text_dump_and_uses_the_canonical_host():
    lines = (SAMPLES / "000_8cd87e7541eef3e1.txt").read_text(encoding="utf-8").split("\n")
    head = ('<link rel="canonical" href="https://www.newspim.com/news/view/20240111000123">'
            '<meta property="article:published_time" content="2024-01-11T15:00:00+09:00">')
    html = page("".join(f"<p>{line}</p>" for line in lines), head).encode()
    from_html = parse_bytes(html, source="a.html").record
    from_text = parse_bytes((SAMPLES / "000_8cd87e7541eef3e1.txt").read_bytes(), source="a.txt").record
    for field in ("outlet", "parser", "title", "subtitles", "published_at", "authors", "body", "captions"):
        assert from_html[field] == from_text[field], field
    assert from_html["warnings"] == []


def test_markup_that_disagrees_with_the_text_is_reported():
    lines = (SAMPLES / "000_8cd87e7541eef3e1.txt").read_text(encoding="utf-8").split("\n")
    head = '<meta property="article:published_time" content="2023-12-31T09:00:00+09:00">'
    record = parse_bytes(page("".join(f"<p>{ln}</p>" for ln in lines), head).encode(), "b.html").record
    assert record["published_at"] == "2024-01-11T15:00:00+09:00"       # the page's own text wins
    assert "meta_published_mismatch" in record["warnings"]


# ---------------------------------------------------------------- real pages (Fundus fixtures)

def peer(name):
    return parse_bytes(gzip.open(PEER / f"{name}.html.gz").read(), source=f"{name}.html").record


def fundus_body(file, version):
    expected = json.loads((PEER / file).read_text(encoding="utf-8"))[version]
    return "\n".join(p for s in expected["body"]["sections"] for p in s["headline"] + s["paragraphs"])


def test_hankook_ilbo_page():
    record = peer("HankookIlbo_2025_05_15")
    assert record["title"] == "\"왜 경상도, 전라도 나눠서 싸우나\"... DJ 고향에서 '국민 통합' 외친 이재명"
    assert (record["published_at"], record["updated_at"]) == ("2025-05-15T20:00:52+09:00", "2025-05-15T20:57:36+09:00")
    assert record["outlet"] == "hankookilbo" and record["site"] == "www.hankookilbo.com"
    assert token_f1(fundus_body("HankookIlbo.json", "V1"), record["body"]) > 0.98


def test_page_whose_article_lives_in_its_script_data_is_read_from_there():
    """Hankook Ilbo's 2026 pages render the article from React flight data: the markup's body
    is empty, the article, its times and its writer are in `self.__next_f.push` strings."""
    record = peer("HankookIlbo_2026_01_29")
    assert record["status"] == "ok"
    assert record["title"] == "장동혁, 한동훈 제명했지만… '윤 어게인' 절연 ·외연 확장 부담 커졌다"
    assert (record["published_at"], record["updated_at"]) == ("2026-01-29T18:40:00+09:00", "2026-01-29T18:49:00+09:00")
    assert record["authors"] == ["신현주"] and record["emails"] == ["spicy@hankookilbo.com"]
    assert token_f1(fundus_body("HankookIlbo.json", "V2"), record["body"]) > 0.98
    assert record["subtitles"] == ["한동훈 제명한 국힘, '지선 모드' 돌입…시선 돌리기",
                                   "지선 패배 시 책임 불가피…당대표직 유지 불투명",
                                   "다음 달 윤석열 내란 1심 선고 후 노선 변화 가능성"]
    assert len(record["captions"]) == 4 and not any(c in record["body"] for c in record["captions"])
    assert "$$ARTICLEAD$$" not in record["body"] and "embedded_body" in record["warnings"]
    assert "empty_body" not in record["warnings"] and "no_date" not in record["warnings"]


def test_maeil_business_page():
    record = peer("MBN_2025_06_03")
    assert record["title"] == "‘흙수저’ 소년공이 쏘아올린 정치 신화"
    assert record["published_at"] == "2025-06-04T02:37:08+09:00"
    assert record["authors"] == ["배윤경", "이상현", "한수진", "김혜진"]
    assert record["outlet"] == "mk"
    assert token_f1(fundus_body("MBN.json", "V1"), record["body"]) > 0.98


def test_hankook_ilbo_2026_page_with_two_writers():
    """Fundus keeps `박준석 기자 외 1명`; the page's byline names both writers."""
    record = peer("HankookIlbo_2026_07_12")
    assert record["title"] == "민주당 '선호투표제' 도입 또다시 불발··· 친청계 \"당규 개정 왜 밀어붙이나\""
    assert (record["published_at"], record["updated_at"]) == ("2026-07-12T22:09:00+09:00", "2026-07-12T22:23:00+09:00")
    assert record["authors"] == ["박준석", "김태연"]
    assert token_f1(fundus_body("HankookIlbo.json", "V3"), record["body"]) > 0.98
