# The chapter's pack1/unpack1 ideas in Python: a '::::::' + path line, then the file's text.
import os, sys

mode, pack, where = sys.argv[1], sys.argv[2], sys.argv[3]
marker = ":" * 6
if mode == "c":
    root = sys.argv[4]
    with open(pack, "w", newline="") as out:
        for here, dirs, files in os.walk(os.path.join(where, root)):
            dirs.sort()
            for name in sorted(files):
                path = os.path.join(here, name)
                with open(path, newline="") as f:
                    out.write(marker + os.path.relpath(path, where) + "\n")
                    out.write(f.read())
else:
    output = None
    with open(pack, newline="") as f:
        for line in f:
            if line.startswith(marker):
                if output:
                    output.close()
                path = os.path.join(where, line[6:-1])
                os.makedirs(os.path.dirname(path), exist_ok=True)
                output = open(path, "w", newline="")
            else:
                output.write(line)
    if output:
        output.close()
