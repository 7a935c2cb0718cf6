"""URLs from pages and sidecars are read defensively (issue 13, item 3): a bad one is dropped,
never raised, and the outlet a host gives is an id from a fixed alphabet and length."""
import pytest

from parsers.urls import MAX_URL_CHARS, OUTLET_ID, clean_url, outlet_id_of_site, url_host

LONG_HOST = ".".join(["a" * 63] * 3 + ["b" * 61])          # 253 characters: a valid host name


@pytest.mark.parametrize("url", [
    "https://x.com/a\x00b", "https://x.com/a\nb", "ftp://x.com/a", "javascript:alert(1)", "https:///path",
    "https://a=b%2f..example.com/x", "https://../etc/passwd", "https://x..com/", "https://[::1/x",
    "https://x.com:99999/", "https://" + "a" * 64 + ".com/", "https://" + LONG_HOST + "x/",
    "https://x.com/" + "a" * MAX_URL_CHARS, None, 42, "",
])
def test_bad_urls_are_none_and_never_raise(url):
    assert clean_url(url) is None and url_host(url if isinstance(url, str) else None) is None


def test_good_urls_are_kept_with_ascii_host_and_no_credentials():
    assert clean_url("  HTTPS://User:Secret@News.Example.KR:8443/a?b=1#c ").url == "https://news.example.kr:8443/a?b=1#c"
    idn = clean_url("https://한국신문.kr/기사")
    assert idn.host == "xn--3e0bp5x81f0uu.kr" and idn.url == "https://xn--3e0bp5x81f0uu.kr/기사"
    assert clean_url("http://[2001:db8::1]/x").host == "2001:db8::1"
    assert clean_url(f"https://{LONG_HOST}/x").host == LONG_HOST


@pytest.mark.parametrize("host, expected", [("www.skkuw.com", "skkuw.com"), ("m.news.kr", "news.kr")])
def test_a_site_id_is_the_host_without_its_usual_prefix(host, expected):
    assert outlet_id_of_site(host) == expected


@pytest.mark.parametrize("host", [LONG_HOST, "a=b%2f..x", "../../etc", "_x.com", "ÿ.com"])
def test_any_other_host_becomes_a_hashed_id(host):
    site = outlet_id_of_site(host)
    assert OUTLET_ID.match(site) and site.startswith("h-") and len(site) == 18
