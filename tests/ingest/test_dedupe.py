"""The MinHash signature against a plain-Python statement of its definition: stored signatures
of earlier runs stay comparable with new ones only while the numpy code computes exactly this."""
from flows.ingest import dedupe
from parsers.text import identity_text
from tests.conftest import SAMPLES

MASK64 = (1 << 64) - 1


def reference_shingles(text: str) -> set[int]:
    """32-bit hashes of the character 5-grams, spelled out one gram at a time."""
    codes = [ord(c) for c in "".join(identity_text(text).split())]
    out = set()
    for start in range(len(codes) - dedupe.SHINGLE + 1):
        gram = 0
        for code in codes[start : start + dedupe.SHINGLE]:
            gram = (gram * 0x100000001B3 + code) & MASK64
        mixed = ((gram ^ (gram >> 29)) * 0x9E3779B97F4A7C15) & MASK64
        out.add(mixed >> 32)
    return out


def reference_signature(hashes: set[int]) -> list[int]:
    return [min((((int(a) * x + int(b)) & MASK64) >> 32) for x in hashes)
            for a, b in zip(dedupe._A, dedupe._B)]


def test_signature_matches_its_definition_on_a_real_page():
    text = sorted(SAMPLES.glob("*.txt"))[0].read_text(encoding="utf-8")[:1500]
    hashes = dedupe.shingle_hashes(text)
    expected = reference_shingles(text)
    assert hashes.tolist() == sorted(expected)                  # unique, sorted
    assert dedupe.signature(hashes).tolist() == reference_signature(expected)
