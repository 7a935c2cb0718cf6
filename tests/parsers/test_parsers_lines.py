"""Line roles and removal reasons on the samples: what went, and why."""
from parsers import parse_bytes
from tests.conftest import SAMPLES


def removed_by_reason(name):
    result = parse_bytes((SAMPLES / name).read_bytes(), source=name)
    by_reason = {}
    for _, text, reason in result.removed():
        by_reason.setdefault(reason, []).append(text)
    return result, by_reason


def test_newspim_best_articles_sidebar_is_cut_to_the_end():
    result, removed = removed_by_reason("000_8cd87e7541eef3e1.txt")
    sidebar = removed["sidebar"]
    assert sidebar[0] == "[뉴스핌 베스트 기사]"
    assert any(text.startswith("외교부 1차관 인사 충격파") for text in sidebar)
    assert "외교부" not in result.record["body"]
    assert "opento@newspim.com" not in result.record["emails"]


def test_newspim_byline_lead_is_removed_but_its_sentence_stays():
    result, removed = removed_by_reason("000_8cd87e7541eef3e1.txt")
    assert removed["byline"] == ["[서울=뉴스핌] 이경화 기자 ="]
    assert result.record["body"].startswith("오세훈 서울시장이 9일 오후 5시 30분(현지시간)")


def test_hankyung_repeated_body_and_deck_are_duplicate_blocks():
    result, removed = removed_by_reason("001_b16488920c083763.txt")
    assert len(removed["duplicate_block"]) == 2 + 7 + 1   # deck lines, paragraphs, sign-off
    paragraphs = result.record["body"].split("\n")
    assert len(paragraphs) == len(set(paragraphs)) == 8
    assert removed["toolbar"].count("-") == 5


def test_regional_cms_payment_form_and_related_list_are_furniture():
    _, removed = removed_by_reason("002_2073495484cbea58.txt")
    assert removed["payment_form"][0].startswith("무통장입금")
    assert "[관련뉴스]" in removed["related"]
    assert removed["signoff"] == ["허성일 기자 이 기자의 다른뉴스보기"]


def test_zum_portal_date_is_not_the_article_date():
    result, removed = removed_by_reason("004_d32cad0dd2ba4f1c.txt")
    assert removed["portal_date"] == ["06.28 (금)"]
    assert result.record["published_at"] is None
    assert removed["source_label"] == ["뉴시스"]
