import { sysProject } from '@sys/config/vitest';

export default sysProject('procs', { globalSetup: ['test/_build.ts'] });
