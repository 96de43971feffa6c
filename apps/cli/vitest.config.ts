import { sysProject } from '@sys/config/vitest';

export default sysProject('cli', { globalSetup: ['test/_bundle.ts'] });
