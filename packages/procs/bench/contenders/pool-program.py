# python3 pool-program.py N: the same whole program in Python: Pool(2) (forked workers), one
# map of square over range(N), close and join. Prints the sum.
import multiprocessing, sys


def square(x):
    return x * x


if __name__ == '__main__':
    with multiprocessing.Pool(2) as pool:
        squares = pool.map(square, range(int(sys.argv[1])))
        pool.close()
        pool.join()
    print(sum(squares))
