"""Near-duplicate articles: MinHash signatures of Korean text, LSH banding, clusters across runs.

Wire stories republished by several outlets, lightly edited copies and portal copies share most
of their character 5-grams. Each article's body gets a MinHash signature (datasketch, NUM_PERM
permutations) cut into BANDS bands of ROWS values: two articles sharing any band hash are
candidates, kept when their estimated Jaccard similarity is at least NEAR_THRESHOLD. Signatures
are stored (`signatures` table), so each run compares only its new articles against everything
loaded before, with numpy over the stored band hashes. Clusters (`duplicates` table) are grouped,
never deleted: a cluster's id is its smallest member id.

A pair is kept when its estimated Jaccard similarity is at least NEAR_THRESHOLD (republished and
lightly edited copies), or when the smaller text lies mostly inside the larger one (estimated
containment ≥ CONTAINED_THRESHOLD: a portal's or scraper's truncated copy). Thresholds were
measured on real pairs of the fixture corpus (see README "Duplicates").
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash

from parsers.text import identity_text

NUM_PERM, BANDS, ROWS = 64, 32, 2            # LSH S-curve midpoint (1/32)^(1/2) ≈ 0.18
SHINGLE = 5
NEAR_THRESHOLD = 0.5                          # estimated Jaccard on 5-gram sets
CONTAINED_THRESHOLD = 0.7                     # or: the smaller text mostly inside the larger one
MIN_CHARS = 80                                # bodies shorter than this are not compared
_SEED = 20240111


def shingles(text: str) -> set[bytes]:
    flat = "".join(identity_text(text).split())
    return {flat[i : i + SHINGLE].encode("utf-8") for i in range(max(1, len(flat) - SHINGLE + 1))}


def signature(text: str) -> np.ndarray:
    minhash = MinHash(num_perm=NUM_PERM, seed=_SEED)
    minhash.update_batch(list(shingles(text)))
    return minhash.hashvalues.astype(np.uint64)


def band_hashes(sig: np.ndarray) -> list[int]:
    out = []
    for band in range(BANDS):
        chunk = sig[band * ROWS : (band + 1) * ROWS].tobytes()
        out.append(int.from_bytes(hashlib.blake2b(chunk, digest_size=8).digest(), "little"))
    return out


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.mean(a == b))


def signature_row(article_id: str, body: str) -> dict | None:
    if len(body or "") < MIN_CHARS:
        return None
    grams = shingles(body)
    minhash = MinHash(num_perm=NUM_PERM, seed=_SEED)
    minhash.update_batch(list(grams))
    sig = minhash.hashvalues.astype(np.uint64)
    return {"article_id": article_id, "bands": band_hashes(sig), "minhash": sig.astype("<u8").tobytes(),
            "shingles": len(grams)}


def containment(jaccard: float, size_a: int, size_b: int) -> float:
    """|A∩B| / min(|A|, |B|) from a Jaccard estimate and the two set sizes."""
    if jaccard <= 0 or not size_a or not size_b:
        return 0.0
    shared = jaccard * (size_a + size_b) / (1 + jaccard)
    return min(1.0, shared / min(size_a, size_b))


def from_bytes(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype="<u8")


@dataclass
class Match:
    a: str
    b: str
    similarity: float           # estimated Jaccard
    contained: bool = False     # kept for containment (a truncated copy), not similarity


def find_matches(new: list[dict], old_ids: list[str], old_bands: np.ndarray, old_sig) -> list[Match]:
    """Pairs (new, old) and (new, new) that are near-duplicates. `old_bands`: (n, BANDS) uint64;
    `old_sig(ids)` returns {id: (signature, shingle count)} for the candidates it is asked about."""
    matches: list[Match] = []
    new_bands = np.array([row["bands"] for row in new], dtype=np.uint64).reshape(len(new), BANDS)
    new_sigs = {row["article_id"]: (from_bytes(row["minhash"]), row["shingles"]) for row in new}
    candidates: dict[str, set[str]] = {row["article_id"]: set() for row in new}
    if len(old_ids):
        for band in range(BANDS):
            hit = np.isin(old_bands[:, band], new_bands[:, band])
            if not hit.any():
                continue
            where = {}
            for i, value in zip(np.nonzero(hit)[0], old_bands[hit, band]):
                where.setdefault(int(value), []).append(old_ids[i])
            for row, value in zip(new, new_bands[:, band]):
                candidates[row["article_id"]].update(where.get(int(value), ()))
    for band in range(BANDS):       # new against new
        seen: dict[int, list[str]] = {}
        for row, value in zip(new, new_bands[:, band]):
            for other in seen.get(int(value), ()):
                candidates[row["article_id"]].add(other)
            seen.setdefault(int(value), []).append(row["article_id"])
    wanted = {c for cs in candidates.values() for c in cs if c not in new_sigs}
    old = old_sig(wanted) if wanted else {}
    done: set[tuple[str, str]] = set()
    for article_id, others in candidates.items():
        for other in others:
            pair = tuple(sorted((article_id, other)))
            if other == article_id or pair in done:
                continue
            done.add(pair)
            other_sig = new_sigs.get(other)
            if other_sig is None:
                other_sig = old.get(other)
            if other_sig is None:
                continue
            (sig_a, size_a), (sig_b, size_b) = new_sigs[article_id], other_sig
            sim = similarity(sig_a, sig_b)
            if sim >= NEAR_THRESHOLD:
                matches.append(Match(pair[0], pair[1], sim))
            elif containment(sim, size_a, size_b) >= CONTAINED_THRESHOLD:
                matches.append(Match(pair[0], pair[1], sim, contained=True))
    return matches


def clusters(existing: dict[str, tuple[str, float, str]], matches: list[Match]) -> dict[str, tuple[str, float, str]]:
    """Merge new matches into existing clusters ({article_id: (cluster_id, similarity, kind)}).
    Returns the rows of every cluster that gained members (old members included)."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    for article_id, (cluster_id, _, _) in existing.items():
        union(article_id, cluster_id)
    best: dict[str, float] = {a: s for a, (_, s, _) in existing.items()}
    touched: set[str] = set()
    for m in matches:
        union(m.a, m.b)
        touched.update((m.a, m.b))
        for x in (m.a, m.b):
            best[x] = max(best.get(x, 0.0), m.similarity)
    roots = {find(x) for x in touched}
    members: dict[str, list[str]] = {}
    for x in list(parent):
        root = find(x)
        if root in roots:
            members.setdefault(root, []).append(x)
    out = {}
    for root, group in members.items():
        cluster_id = min(group)
        for x in group:
            sim = 1.0 if x == cluster_id else best.get(x, 0.0)
            kind = "exact" if sim >= 0.999 else "near"
            out[x] = (cluster_id, round(sim, 4), kind)
        top = max((out[x][1] for x in group if x != cluster_id), default=1.0)
        out[cluster_id] = (cluster_id, 1.0, "exact" if top >= 0.999 else "near")
    return out
