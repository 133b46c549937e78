/** "#!" lines as Linux's binfmt_script reads them. */
import { interpreterArgv, parseShebang } from '../../kernel/proc/shebang';
import { ENOEXEC, KernelError } from '../../kernel/syscall/errno';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('parseShebang', () => {
  test('an interpreter alone, or with one argument (the rest of the line, trimmed)', () => {
    expect(parseShebang(bytes('#!/bin/sh\necho hi\n'), '/s')).toEqual({ interpreter: '/bin/sh', argument: null });
    expect(parseShebang(bytes('#! \t/bin/sh  -x  -v \t\r\nrest'), '/s')).toEqual({ interpreter: '/bin/sh', argument: '-x  -v' });
    expect(parseShebang(bytes('#!/bin/sh'), '/s')).toEqual({ interpreter: '/bin/sh', argument: null });
  });

  test('not a script: no "#!" at the very start', () => {
    expect(parseShebang(bytes('\x7fELF'), '/s')).toBeNull();
    expect(parseShebang(bytes(' #!/bin/sh\n'), '/s')).toBeNull();
    expect(parseShebang(bytes('#'), '/s')).toBeNull();
  });

  test('no interpreter, or a first line longer than 256 bytes, is ENOEXEC', () => {
    const errno = (text: string) => {
      try {
        parseShebang(bytes(text), '/s');
      } catch (error) {
        return (error as KernelError).errno;
      }
      return 0;
    };
    expect(errno('#!   \n')).toBe(ENOEXEC);
    expect(errno(`#!/bin/${'x'.repeat(300)}\n`)).toBe(ENOEXEC);
    expect(errno(`#!/bin/sh ${'x'.repeat(200)}\n`)).toBe(0);
  });

  test("the interpreter's argv: interpreter, argument, script, the script's arguments", () => {
    expect(interpreterArgv({ interpreter: '/bin/sh', argument: null }, '/tmp/s', ['s', 'a', 'b c'])).toEqual(['/bin/sh', '/tmp/s', 'a', 'b c']);
    expect(interpreterArgv({ interpreter: '/bin/sh', argument: '-x' }, '/tmp/s', ['s'])).toEqual(['/bin/sh', '-x', '/tmp/s']);
  });
});
