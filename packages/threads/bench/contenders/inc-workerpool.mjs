// The tiny task of benchmark (a), registered the way workerpool runs it.
import workerpool from 'workerpool';

workerpool.worker({ inc: (x) => x + 1 });
