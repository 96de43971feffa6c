# python3 pool.py N: multiprocessing.Pool(2) maps square over range(N), twice. Prints the ms
# from creating the pool to the first map's results, the ms of the second map, and the sum.
import multiprocessing, sys, time


def square(x):
    return x * x


if __name__ == '__main__':
    n = int(sys.argv[1])
    start = time.perf_counter()
    with multiprocessing.Pool(2) as pool:
        first = pool.map(square, range(n))
        cold = time.perf_counter() - start
        start = time.perf_counter()
        second = pool.map(square, range(n))
        warm = time.perf_counter() - start
        pool.close()
        pool.join()
    assert sum(first) == sum(second)
    print(f"{cold * 1000:.1f} {warm * 1000:.1f} {sum(second)}")
