# A Python line loop: read CRLF lines, write LF lines.
import sys

src, dst = sys.argv[1], sys.argv[2]
with open(src, "rb") as fin, open(dst, "wb") as fout:
    for line in fin:
        if line.endswith(b"\r\n"):
            line = line[:-2] + b"\n"
        fout.write(line)
