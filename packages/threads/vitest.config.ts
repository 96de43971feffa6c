import { sysProject } from '@sys/config/vitest';

export default sysProject('threads', { globalSetup: ['test/_build.ts'] });
