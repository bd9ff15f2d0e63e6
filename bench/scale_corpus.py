#!/usr/bin/env python3
"""Write N unique synthetic documents built from the shared news corpus as one JSONL manifest
with inline text (never committed). Each document is three to six paragraphs drawn, with a
seeded generator, from different articles, so documents share sentences (and so events and
facts link across them) but no two are the same text or near-duplicates of each other.
Published dates spread over 2000-2025; outlets and languages follow the source paragraphs.

usage: scale_corpus.py N CORPUS_DIR OUT.jsonl [SEED]
"""
import json
import random
import sys
from pathlib import Path


def main():
    count, corpus, out = int(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
    seed = int(sys.argv[4]) if len(sys.argv) > 4 else 10
    rng = random.Random(seed)
    paragraphs = []  # (text, outlet, lang)
    for line in (corpus / "index.jsonl").read_text().splitlines():
        meta = json.loads(line)
        text = (corpus / meta["file"]).read_text(errors="replace")
        for part in text.split("\n"):
            part = part.strip()
            if len(part.split()) >= 8:
                paragraphs.append((part, meta.get("outlet") or "", meta.get("lang") or "en"))
    outlets = sorted({outlet for _, outlet, _ in paragraphs if outlet})
    with out.open("w") as sink:
        for index in range(count):
            picked = [paragraphs[rng.randrange(len(paragraphs))] for _ in range(rng.randint(3, 6))]
            lang = picked[0][2]
            picked = [p for p in picked if p[2] == lang] or picked[:1]
            body = "\n\n".join(text for text, _, _ in picked)
            year = 2000 + rng.randrange(26)
            record = {
                "text": f"Report {index} of the scale benchmark.\n\n{body}\n",
                "title": f"Scale document {index}",
                "outlet": f"{outlets[rng.randrange(len(outlets))]} {rng.randrange(40)}",
                "published": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                "lang": lang,
            }
            sink.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
