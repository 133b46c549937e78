/** The kernel's release, printed at boot and by uname. */
export const KERNEL_NAME = 'JOS';
export const KERNEL_RELEASE = '0.1.0';
