# python3 spawns.py N: runs /bin/true N times with subprocess.run, output captured; prints the ms.
import subprocess, sys, time

n = int(sys.argv[1])
subprocess.run(['/bin/true'], capture_output=True)
start = time.perf_counter()
for _ in range(n):
    subprocess.run(['/bin/true'], capture_output=True)
print(f"{(time.perf_counter() - start) * 1000:.1f}")
