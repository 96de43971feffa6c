import { sysProject } from '@sys/config/vitest';

export default sysProject('procs');
