#!/usr/bin/env python3
"""Secondary analysis only: run `workbench extract` and, for .html documents, map each claim's
offsets (documented as offsets into the extracted visible text) back to the raw file, by finding
the claim's sentence in the raw HTML and the claim text inside it. Non-HTML output passes through.
usage: remap_html_offsets.py DOC  (prints JSON lines like `workbench extract DOC --format jsonl`)"""
import json, re, subprocess, sys

doc = sys.argv[1]
out = subprocess.run([sys.argv[2] if len(sys.argv) > 2 else ".venv/bin/workbench", "extract", doc, "--format", "jsonl"],
                     capture_output=True, text=True, check=True).stdout
preds = [json.loads(l) for l in out.splitlines() if l.strip().startswith("{")]
if doc.endswith((".html", ".htm")):
    raw = open(doc, encoding="utf-8").read()
    # raw positions of visible characters, tags removed, whitespace runs collapsed
    vis, pos, i, intag = [], [], 0, False
    for i, ch in enumerate(raw):
        if ch == "<": intag = True; continue
        if ch == ">": intag = False; continue
        if intag: continue
        vis.append(ch); pos.append(i)
    vtext = "".join(vis)
    norm = lambda s: re.sub(r"\s+", " ", s).strip()
    # index over a whitespace-normalised copy of vtext
    ntext, npos, prev_ws = [], [], False
    for ch, p in zip(vtext, pos):
        if ch.isspace():
            if prev_ws: continue
            ntext.append(" "); npos.append(p); prev_ws = True
        else:
            ntext.append(ch); npos.append(p); prev_ws = False
    ntext = "".join(ntext)
    seen = {}
    for p in preds:
        t, k, sent = p["text"], -1, ""
        raw_sent = p.get("sentence") or ""
        for variant in (norm(raw_sent), norm(raw_sent.replace("\t", "")), norm(raw_sent.replace("\t", " "))):
            if variant and ntext.find(variant) >= 0:
                sent, k = variant, ntext.find(variant)
                break
        if k >= 0:
            # the n-th claim with this text in this sentence takes the n-th occurrence
            occ = [m.start() for m in re.finditer(re.escape(norm(t)), sent)]
            n = seen.get((sent, t), 0)
            seen[(sent, t)] = n + 1
            if occ:
                j = occ[min(n, len(occ) - 1)]
                s = npos[k + j]
                e = npos[k + j + len(norm(t)) - 1] + 1
                p["start"], p["end"] = s, e
                p["text"] = raw[s:e]
for p in preds:
    print(json.dumps(p, ensure_ascii=False))
