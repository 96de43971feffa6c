#!/usr/bin/env python3
"""Writes test/fixtures/fnmatch-cases.json: (pattern, name, matched) triples answered by
Python's own fnmatch.fnmatchcase, the reference @sys/find's fnmatch is tested against.
Run once with python3 >= 3.11 and commit the output; the seed keeps it reproducible."""
import fnmatch, json, random, sys, os

HAND = [
    ("*.py", ["a.py", ".hidden.py", "a.pyc", "py", ".py", "a/b.py", "a.PY"]),
    ("*", ["", "x", ".dot", "a\nb", "sp ace"]),
    ("?", ["", "a", "ab", "\n", "é", "😀"]),
    ("[abc]", ["a", "d", "", "ab"]),
    ("[!abc]", ["a", "d", "!", ""]),
    ("[]]", ["]", "[", ""]),
    ("[!]]", ["]", "a"]),
    ("[", ["[", "", "a"]),
    ("[a", ["[a", "a"]),
    ("a[", ["a[", "a"]),
    ("[!]", ["[!]", "!"]),
    ("[a-c]", ["b", "d", "-"]),
    ("[c-a]", ["a", "b", "c", "-"]),
    ("[!c-a]", ["a", "z", "-"]),
    ("[a-]", ["a", "-", "b"]),
    ("[-a]", ["a", "-", "b"]),
    ("[a-c-e]", ["b", "d", "-", "e"]),
    ("[--0]", ["-", ".", "/", "0", "1"]),
    ("[\\]", ["\\", "]"]),
    ("[\\a]", ["\\", "a", "b"]),
    ("\\*", ["\\*", "\\x", "*"]),
    ("{a,b}", ["a", "{a,b}"]),
    ("a*b*c", ["abc", "aXbYc", "acb", "a\nb\nc"]),
    ("*a*a*a*a*a*b", ["a" * 40, "a" * 40 + "b"]),
    ("[^a]", ["^", "a", "b"]),
    ("[&&]", ["&"]),
    ("[a&&b]", ["&", "a", "b"]),
    ("[~~]", ["~"]),
    ("[||]", ["|"]),
    ("(a|b)", ["a", "(a|b)"]),
    ("a.b", ["a.b", "aXb"]),
    ("$^", ["$^"]),
    ("+", ["+"]),
    ("**", ["", "abc"]),
    ("*.tar.gz", ["x.tar.gz", "x.tgz"]),
    ("é*", ["éa", "e"]),
    ("[😀-😂]", ["😁", "a"]),
    ("Makefile", ["Makefile", "makefile"]),
]

ALPHABET = list("ab.-!^]\\[*?") + ["é", "\n", " "]
NAMES = list("ab.-!^]\\[*?") + ["é", "\n", " ", "c", "z"]

def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "test", "fixtures", "fnmatch-cases.json")
    rng = random.Random(20261125)
    cases = []
    for pat, names in HAND:
        for name in names:
            cases.append([pat, name, fnmatch.fnmatchcase(name, pat)])
    for _ in range(3000):
        pat = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 7)))
        for _ in range(3):
            name = "".join(rng.choice(NAMES) for _ in range(rng.randint(0, 6)))
            cases.append([pat, name, fnmatch.fnmatchcase(name, pat)])
        # Names built from the pattern match far more often than random ones.
        name = "".join(rng.choice(NAMES) if ch in "*?[]!" else ch for ch in pat)
        cases.append([pat, name, fnmatch.fnmatchcase(name, pat)])
    with open(out, "w", encoding="utf-8") as f:
        json.dump({"python": sys.version.split()[0], "cases": cases}, f, ensure_ascii=False, indent=0)
        f.write("\n")

if __name__ == "__main__":
    main()
