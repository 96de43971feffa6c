# The chapter's way: os.walk + fnmatch (find), or os.walk + lstat + heapq (largest).
import fnmatch, heapq, os, sys

root, task = sys.argv[1], sys.argv[2]
if task == "find":
    out = []
    for here, dirs, files in os.walk(root):
        for name in dirs + files:
            if fnmatch.fnmatch(name, "*.py"):
                out.append(os.path.join(here, name))
    sys.stdout.write("\n".join(out) + "\n")
else:
    def sizes():
        for here, dirs, files in os.walk(root):
            for name in files:
                path = os.path.join(here, name)
                try:
                    yield os.lstat(path).st_size, path
                except OSError:
                    pass
    for size, path in heapq.nlargest(10, sizes()):
        print(f"{size}\t{path}")
