"""Near-duplicate articles: MinHash signatures of Korean text, LSH banding, clusters across runs.

Wire stories republished by several outlets, lightly edited copies and portal or scraper copies
share most of their character 5-grams. Each body's 5-grams are hashed and reduced to a MinHash
signature of NUM_PERM values, cut into BANDS bands of ROWS values: articles sharing a band hash
are candidates. A pair is kept when its estimated Jaccard similarity is at least NEAR_THRESHOLD
(republished and lightly edited copies), or when the smaller text lies mostly inside the larger
(estimated containment ≥ CONTAINED_THRESHOLD: a truncated copy; only for texts of at least
MIN_CONTAINED 5-grams, since a few sentences are easily found inside longer articles). Thresholds were measured on real
pairs of the fixture corpus (README "Duplicates").

Everything is numpy over whole arrays (hashing, signatures, band matching, similarities): a run
compares its new articles with every signature stored before (`signatures` table) in seconds
for 100,000 articles. The MinHash is the standard one over 32-bit shingle hashes, with the
multiply-shift universal family for its permutations, written out in numpy because a
per-shingle Python hash call (as in datasketch) costs more than all the parsing.

Clusters (`duplicates` table) are grouped, never deleted. A new article joins the cluster of its
best match (a cluster's id is its first member); clusters are not chained into each other.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from parsers.text import identity_text

NUM_PERM, BANDS, ROWS = 128, 64, 2           # LSH S-curve midpoint (1/64)^(1/2) ≈ 0.13
SHINGLE = 5
NEAR_THRESHOLD = 0.5                          # estimated Jaccard on 5-gram sets
CONTAINED_THRESHOLD = 0.7                     # or: the smaller text mostly inside the larger one
MIN_CHARS = 80                                # bodies shorter than this are not compared
MIN_CONTAINED = 300                           # a text "contained" in another has ≥ this many 5-grams
MAX_BUCKET = 50                               # a band hash shared by more articles is boilerplate
CHUNK = 2_000                                 # new articles matched at a time (bounds memory)
PAIR_CHUNK = 20_000                           # candidate pairs compared at a time (~10 MB)
_rng = np.random.RandomState(20240111)
_A = _rng.randint(0, 1 << 63, size=NUM_PERM, dtype=np.int64).astype(np.uint64) * np.uint64(2) + np.uint64(1)  # odd
_B = _rng.randint(0, 1 << 63, size=NUM_PERM, dtype=np.int64).astype(np.uint64)
_GRAM_BASE = np.uint64(0x100000001B3)
_MIX = np.uint64(0x9E3779B97F4A7C15)


def shingle_hashes(text: str) -> np.ndarray:
    """Unique 32-bit hashes of the text's character 5-grams (spacing and case folded)."""
    flat = "".join(identity_text(text).split())
    codes = np.frombuffer(flat.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    if len(codes) < SHINGLE:
        codes = np.pad(codes, (0, SHINGLE - len(codes)))
    with np.errstate(over="ignore"):
        grams = np.zeros(len(codes) - SHINGLE + 1, dtype=np.uint64)
        for k in range(SHINGLE):
            grams = grams * _GRAM_BASE + codes[k : len(codes) - SHINGLE + 1 + k]
        mixed = (grams ^ (grams >> np.uint64(29))) * _MIX
    return sorted_unique(mixed >> np.uint64(32))


def sorted_unique(values: np.ndarray) -> np.ndarray:
    """np.unique's result by a sort and a mask (numpy 2's np.unique builds a hash table first,
    which costs three times as much here)."""
    values = np.sort(values)
    return values[np.concatenate(([True], values[1:] != values[:-1]))] if len(values) else values


def signature(hashes: np.ndarray) -> np.ndarray:
    """NUM_PERM minima of multiply-shift hashes ((a·x + b) mod 2^64) >> 32, a odd: a universal family."""
    with np.errstate(over="ignore"):
        permuted = np.multiply.outer(_A, hashes)
        permuted += _B[:, None]
    return permuted.min(axis=1) >> np.uint64(32)     # the shift is monotonic: min first, then shift


def band_hashes(signatures: np.ndarray) -> np.ndarray:
    """(n, NUM_PERM) signatures → (n, BANDS) band hashes."""
    bands = signatures.reshape(len(signatures), BANDS, ROWS)
    out = np.zeros((len(signatures), BANDS), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for r in range(ROWS):
            out = (out ^ bands[:, :, r]) * _MIX
    return out


def signature_row(article_id: str, body: str) -> dict | None:
    if len(body or "") < MIN_CHARS:
        return None
    hashes = shingle_hashes(body)
    sig = signature(hashes)
    return {"article_id": article_id, "bands": band_hashes(sig[None, :])[0].astype("<u8").tobytes(),
            "minhash": sig.astype("<u4").tobytes(), "shingles": int(len(hashes))}


def table_rows(rows: list[dict]) -> list[dict]:
    """Compact signature rows (bands as bytes, as kept in memory) → `signatures` table rows."""
    return [{**row, "bands": np.frombuffer(row["bands"], dtype="<u8").tolist()} for row in rows]


def from_bytes(blob: bytes) -> np.ndarray:
    """A stored signature (NUM_PERM little-endian uint32: the hashes are 32-bit)."""
    return np.frombuffer(blob, dtype="<u4")


def containment(jaccard, size_a, size_b):
    """|A∩B| / min(|A|, |B|) from a Jaccard estimate and the two set sizes (arrays or numbers)."""
    jaccard, size_a, size_b = (np.asarray(x, dtype=float) for x in (jaccard, size_a, size_b))
    shared = jaccard * (size_a + size_b) / (1 + jaccard)
    smaller = np.maximum(np.minimum(size_a, size_b), 1)
    return np.minimum(1.0, shared / smaller)


@dataclass
class Signatures:
    """Signatures of a set of articles as arrays."""

    ids: list[str]
    bands: np.ndarray        # (n, BANDS) uint64
    minhash: np.ndarray      # (n, NUM_PERM) uint32
    sizes: np.ndarray        # (n,) shingle-set sizes

    @classmethod
    def from_rows(cls, rows: list[dict]) -> "Signatures":
        return cls([r["article_id"] for r in rows],
                   np.frombuffer(b"".join(r["bands"] for r in rows), dtype="<u8").reshape(len(rows), BANDS),
                   np.frombuffer(b"".join(r["minhash"] for r in rows), dtype="<u4").reshape(len(rows), NUM_PERM),
                   np.array([r["shingles"] or 0 for r in rows], dtype=np.int64))


@dataclass
class Match:
    a: str                      # the new article
    b: str                      # what it matches (older, or new but earlier)
    similarity: float           # estimated Jaccard
    contained: bool = False     # kept for containment (a truncated copy), not similarity


def _expand(lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """Concatenated aranges lo[i]..hi[i]."""
    counts = hi - lo
    total = int(counts.sum())
    if not total:
        return np.zeros(0, dtype=np.int64)
    starts = np.repeat(lo - np.concatenate(([0], np.cumsum(counts)[:-1])), counts)
    return starts + np.arange(total)


def _pairs(keys_new: np.ndarray, keys_old: np.ndarray, order: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """All (i, j) with keys_new[i] == keys_old[j] (`order` sorts keys_old), skipping keys shared
    by more than MAX_BUCKET articles."""
    sorted_keys = keys_old[order]
    lo = np.searchsorted(sorted_keys, keys_new, "left")
    hi = np.searchsorted(sorted_keys, keys_new, "right")
    ok = (hi > lo) & (hi - lo <= MAX_BUCKET)
    rows = np.nonzero(ok)[0]
    i = np.repeat(rows, (hi - lo)[rows])
    j = order[_expand(lo[rows], hi[rows])]
    return i, j


def find_matches(new: Signatures, old: Signatures) -> list[Match]:
    """Every pair (new, old) and (new, earlier new) that is a near-duplicate. Memory stays
    bounded: new articles are matched CHUNK at a time and pairs compared PAIR_CHUNK at a time."""
    if not new.ids:
        return []
    everything = Signatures(old.ids + new.ids, np.vstack([old.bands, new.bands]),
                            np.vstack([old.minhash, new.minhash]), np.concatenate([old.sizes, new.sizes]))
    offset, total = len(old.ids), len(old.ids) + len(new.ids)
    order = [np.argsort(everything.bands[:, band], kind="stable") for band in range(BANDS)]
    matches: list[Match] = []
    for start in range(0, len(new.ids), CHUNK):
        stop = min(start + CHUNK, len(new.ids))
        keys = []
        for band in range(BANDS):
            i, j = _pairs(new.bands[start:stop, band], everything.bands[:, band], order[band])
            i = i + start
            keep = j < offset + i                  # older than the new article itself
            keys.append(i[keep].astype(np.int64) * total + j[keep])
        pairs = sorted_unique(np.concatenate(keys))
        for first in range(0, len(pairs), PAIR_CHUNK):
            chunk = pairs[first : first + PAIR_CHUNK]
            i, j = chunk // total, chunk % total
            sims = (new.minhash[i] == everything.minhash[j]).mean(axis=1)
            contained = (containment(sims, new.sizes[i], everything.sizes[j]) >= CONTAINED_THRESHOLD) & \
                (np.minimum(new.sizes[i], everything.sizes[j]) >= MIN_CONTAINED)
            keep = (sims >= NEAR_THRESHOLD) | contained
            matches += [Match(new.ids[a], everything.ids[b], float(s), bool(c and s < NEAR_THRESHOLD))
                        for a, b, s, c in zip(i[keep], j[keep], sims[keep], contained[keep])]
    return matches


def assign_clusters(existing: dict[str, str], matches: list[Match]) -> dict[str, tuple[str, float, str]]:
    """{article_id: cluster_id} of stored clusters + this run's matches → rows to write
    ({article_id: (cluster_id, similarity to the best match, kind)}) for the articles that joined
    a cluster and for clusters' first members that had none yet."""
    best: dict[str, Match] = {}
    for m in matches:
        if m.a not in best or (m.similarity, not m.contained) > (best[m.a].similarity, not best[m.a].contained):
            best[m.a] = m
    cluster = dict(existing)
    out: dict[str, tuple[str, float, str]] = {}
    for article, m in best.items():                # in the order the new articles came
        root = cluster.get(m.b, m.b)
        if m.b not in cluster:                     # the matched article starts its cluster
            cluster[m.b] = root
            out[m.b] = (root, 1.0, "first")
        cluster[article] = root
        kind = "exact" if m.similarity >= 0.999 else "contained" if m.contained else "near"
        out[article] = (root, round(m.similarity, 4), kind)
    return out
